/* host-ptr-missing — see docs/rules/host-ptr-missing.md. */
#include "engine.h"

static void check(struct check_ctx *ctx)
{
	(void)ctx;
}

const struct rule_impl rule_host_ptr_missing = {check, NULL};
