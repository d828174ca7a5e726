/* ptr-target-missing — see docs/rules/ptr-target-missing.md. */
#include "engine.h"

static const struct rule_option options[] = {
	{"ptr-only", OPT_REGEXES, "",
	 "EREs for PTR targets that exist only as PTRs by design (router interfaces, VRRP)"},
	{NULL, 0, NULL, NULL},
};

static void check(struct check_ctx *ctx)
{
	(void)ctx;
}

const struct rule_impl rule_ptr_target_missing = {check, options};
