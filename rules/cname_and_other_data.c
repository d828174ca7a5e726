/* cname-and-other-data — see docs/rules/cname-and-other-data.md. */
#include "engine.h"

static void check(struct check_ctx *ctx)
{
	(void)ctx;
}

const struct rule_impl rule_cname_and_other_data = {check, NULL};
