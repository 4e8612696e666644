/* Tree-editing calls of cmark's node API with nodes that do not fit:
 * argv[1] selects the scenario. */
#include <stdio.h>
#include <string.h>
#include <cmark.h>

int main(int argc, char **argv) {
  const char *what = argc > 1 ? argv[1] : "";
  cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
  int rc = -1;

  if (!strcmp(what, "append_heading_para")) {
    /* a heading (a block) inside a paragraph, which holds inlines only */
    cmark_node *para = cmark_node_new(CMARK_NODE_PARAGRAPH);
    cmark_node *head = cmark_node_new(CMARK_NODE_HEADING);
    cmark_node_append_child(doc, para);
    rc = cmark_node_append_child(para, head);
    cmark_node_free(head);
  } else if (!strcmp(what, "prepend_item_doc")) {
    /* a list item straight into the document, without a list */
    cmark_node *item = cmark_node_new(CMARK_NODE_ITEM);
    rc = cmark_node_prepend_child(doc, item);
    cmark_node_free(item);
  } else if (!strcmp(what, "replace_unlinked")) {
    /* replace a node that was never put into a tree */
    cmark_node *old = cmark_node_new(CMARK_NODE_PARAGRAPH);
    cmark_node *neu = cmark_node_new(CMARK_NODE_PARAGRAPH);
    rc = cmark_node_replace(old, neu);
    cmark_node_free(old);
    cmark_node_free(neu);
  } else if (!strcmp(what, "insert_before_root")) {
    /* a sibling before the document node itself */
    cmark_node *para = cmark_node_new(CMARK_NODE_PARAGRAPH);
    rc = cmark_node_insert_before(doc, para);
    cmark_node_free(para);
  } else if (!strcmp(what, "heading_level")) {
    cmark_node *head = cmark_node_new(CMARK_NODE_HEADING);
    cmark_node_append_child(doc, head);
    rc = cmark_node_set_heading_level(head, 7);
  } else if (!strcmp(what, "list_type_para")) {
    cmark_node *para = cmark_node_new(CMARK_NODE_PARAGRAPH);
    cmark_node_append_child(doc, para);
    rc = cmark_node_set_list_type(para, CMARK_BULLET_LIST);
  } else if (!strcmp(what, "literal_para")) {
    cmark_node *para = cmark_node_new(CMARK_NODE_PARAGRAPH);
    cmark_node_append_child(doc, para);
    rc = cmark_node_get_literal(para) != NULL;
  } else {
    fprintf(stderr, "usage: node SCENARIO\n");
    return 2;
  }
  printf("%s: %d\n", what, rc);
  cmark_node_free(doc);
  return rc == 1 ? 0 : 1;
}
