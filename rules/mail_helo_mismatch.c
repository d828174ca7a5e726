/* mail-helo-mismatch — see docs/rules/mail-helo-mismatch.md. */
#include "engine.h"

static void check(struct check_ctx *ctx)
{
	(void)ctx;
}

const struct rule_impl rule_mail_helo_mismatch = {check, NULL};
