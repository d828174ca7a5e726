/* reverse-owner-invalid — see docs/rules/reverse-owner-invalid.md. */
#include "engine.h"

static void check(struct check_ctx *ctx)
{
	(void)ctx;
}

const struct rule_impl rule_reverse_owner_invalid = {check, NULL};
