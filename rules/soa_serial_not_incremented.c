/* soa-serial-not-incremented — see docs/rules/soa-serial-not-incremented.md. */
#include "engine.h"

static void check(struct check_ctx *ctx)
{
	(void)ctx;
}

const struct rule_impl rule_soa_serial_not_incremented = {check, NULL};
