/* libaudit rule building and name lookups with bad input: argv[1] selects the scenario.
 *   fieldpair FLAGS PAIR    audit_rule_fieldpair_data() on a fresh rule (FLAGS: exit|user)
 *   syscall NAME            audit_rule_syscallbyname_data() on a fresh rule
 *   machine ARCH            audit_determine_machine()
 *   errno NAME              audit_name_to_errno()
 *   msgtype NUMBER          audit_msg_type_to_name()
 *   sysname NUMBER MACHINE  audit_syscall_to_name()
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libaudit.h>

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s MODE ARG...\n", argv[0]);
		return 2;
	}
	const char *mode = argv[1];
	if (strcmp(mode, "fieldpair") == 0 && argc == 4) {
		struct audit_rule_data *rule = audit_rule_create_data();
		int flags = strcmp(argv[2], "exit") == 0 ? AUDIT_FILTER_EXIT : AUDIT_FILTER_USER;
		char *pair = strdup(argv[3]);   /* the function writes into the pair */
		int rc = audit_rule_fieldpair_data(&rule, pair, flags);
		printf("audit_rule_fieldpair_data(%s) = %d\n", argv[3], rc);
		if (rc < 0)
			audit_number_to_errmsg(rc, argv[3]);
		free(pair);
		audit_rule_free_data(rule);
		return rc < 0;
	}
	if (strcmp(mode, "syscall") == 0) {
		struct audit_rule_data *rule = audit_rule_create_data();
		int rc = audit_rule_syscallbyname_data(rule, argv[2]);
		printf("audit_rule_syscallbyname_data(%s) = %d\n", argv[2], rc);
		audit_rule_free_data(rule);
		return rc < 0;
	}
	if (strcmp(mode, "machine") == 0) {
		int rc = audit_determine_machine(argv[2]);
		printf("audit_determine_machine(%s) = %d\n", argv[2], rc);
		return rc < 0;
	}
	if (strcmp(mode, "errno") == 0) {
		int rc = audit_name_to_errno(argv[2]);
		printf("audit_name_to_errno(%s) = %d\n", argv[2], rc);
		return rc == 0;
	}
	if (strcmp(mode, "msgtype") == 0) {
		const char *name = audit_msg_type_to_name(atoi(argv[2]));
		printf("audit_msg_type_to_name(%s) = %s\n", argv[2], name ? name : "(null)");
		return name == NULL;
	}
	if (strcmp(mode, "sysname") == 0 && argc == 4) {
		const char *name = audit_syscall_to_name(atoi(argv[2]), atoi(argv[3]));
		printf("audit_syscall_to_name(%s, %s) = %s\n", argv[2], argv[3], name ? name : "(null)");
		return name == NULL;
	}
	fprintf(stderr, "unknown mode %s\n", mode);
	return 2;
}
