/* ptr-forward-mismatch — see docs/rules/ptr-forward-mismatch.md. */
#include "engine.h"

static void check(struct check_ctx *ctx)
{
	(void)ctx;
}

const struct rule_impl rule_ptr_forward_mismatch = {check, NULL};
