/* record-out-of-zone — see docs/rules/record-out-of-zone.md. */
#include "engine.h"

static void check(struct check_ctx *ctx)
{
	(void)ctx;
}

const struct rule_impl rule_record_out_of_zone = {check, NULL};
