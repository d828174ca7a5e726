/* ptr-target-alias — see docs/rules/ptr-target-alias.md. */
#include "engine.h"

static void check(struct check_ctx *ctx)
{
	(void)ctx;
}

const struct rule_impl rule_ptr_target_alias = {check, NULL};
