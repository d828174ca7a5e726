/* ptr-target-unqualified — see docs/rules/ptr-target-unqualified.md. */
#include "engine.h"

static void check(struct check_ctx *ctx)
{
	(void)ctx;
}

const struct rule_impl rule_ptr_target_unqualified = {check, NULL};
