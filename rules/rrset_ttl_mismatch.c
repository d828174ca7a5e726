/* rrset-ttl-mismatch — see docs/rules/rrset-ttl-mismatch.md. */
#include "engine.h"

static void check(struct check_ctx *ctx)
{
	(void)ctx;
}

const struct rule_impl rule_rrset_ttl_mismatch = {check, NULL};
