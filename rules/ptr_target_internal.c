/* ptr-target-internal — see docs/rules/ptr-target-internal.md. */
#include "engine.h"

static const struct rule_option options[] = {
	{"suffixes", OPT_WORDS,
	 "local\nlocaldomain\nlocalhost\nlan\nhome\ncorp\ninternal\nintranet\nprivate\ninvalid\nhome.arpa",
	 "name suffixes no public resolver answers for"},
	{NULL, 0, NULL, NULL},
};

static void check(struct check_ctx *ctx)
{
	(void)ctx;
}

const struct rule_impl rule_ptr_target_internal = {check, options};
