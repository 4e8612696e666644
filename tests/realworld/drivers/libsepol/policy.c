/* realworld corpus driver: libsepol's policy services on a small MLS policy
 * compiled from CIL in memory (cil_compile(), cil_build_policydb()).
 *   policy context CONTEXT     sepol_context_check() of CONTEXT (user:role:type:mls)
 *   policy mlscheck MLS        sepol_mls_check() of MLS
 *   policy mlscontains MLS1 MLS2   sepol_mls_contains(MLS1, MLS2)
 * The policy: user u with role r and range s0-s0:c0,c1; roles r and r2 both
 * have type t; sensitivities s0, s1; categories c0, c1, c2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cil/cil.h>
#include <sepol/sepol.h>

static const char policy[] =
	"(mls true)\n"
	"(class file (read write))\n"
	"(classorder (file))\n"
	"(sid kernel)\n"
	"(sidorder (kernel))\n"
	"(user u)\n"
	"(role r)\n"
	"(role r2)\n"
	"(type t)\n"
	"(roletype r t)\n"
	"(roletype r2 t)\n"
	"(userrole u r)\n"
	"(sensitivity s0)\n"
	"(sensitivity s1)\n"
	"(sensitivityorder (s0 s1))\n"
	"(category c0)\n"
	"(category c1)\n"
	"(category c2)\n"
	"(categoryorder (c0 c1 c2))\n"
	"(sensitivitycategory s0 (c0 c1 c2))\n"
	"(sensitivitycategory s1 (c0 c1 c2))\n"
	"(userlevel u (s0))\n"
	"(userrange u ((s0) (s0 (c0 c1))))\n"
	"(sidcontext kernel (u r t ((s0) (s0))))\n"
	"(allow t self (file (read)))\n";

int main(int argc, char **argv)
{
	cil_db_t *db = NULL;
	sepol_policydb_t *p = NULL;
	sepol_handle_t *h;
	int rc;

	if (argc < 3)
		return 2;
	cil_db_init(&db);
	if (cil_add_file(db, "policy.cil", policy, strlen(policy)) ||
	    cil_compile(db) || cil_build_policydb(db, &p)) {
		fprintf(stderr, "could not build the policy\n");
		return 1;
	}
	cil_db_destroy(&db);
	h = sepol_handle_create();

	if (!strcmp(argv[1], "context")) {
		sepol_context_t *con = NULL;

		rc = sepol_context_from_string(h, argv[2], &con);
		printf("from_string: %d\n", rc);
		if (rc == 0) {
			rc = sepol_context_check(h, p, con);
			printf("check: %d\n", rc);
		}
		sepol_context_free(con);
	} else if (!strcmp(argv[1], "mlscheck")) {
		rc = sepol_mls_check(h, p, argv[2]);
		printf("mls_check: %d\n", rc);
	} else if (!strcmp(argv[1], "mlscontains") && argc > 3) {
		int response = -1;

		rc = sepol_mls_contains(h, p, argv[2], argv[3], &response);
		printf("mls_contains: %d (%d)\n", rc, response);
	} else {
		return 2;
	}
	sepol_policydb_free(p);
	sepol_handle_destroy(h);
	return 0;
}
