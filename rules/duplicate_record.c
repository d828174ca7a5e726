/* duplicate-record — see docs/rules/duplicate-record.md. */
#include "engine.h"

static void check(struct check_ctx *ctx)
{
	(void)ctx;
}

const struct rule_impl rule_duplicate_record = {check, NULL};
