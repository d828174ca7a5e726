/* record-wrong-tree — see docs/rules/record-wrong-tree.md. */
#include "engine.h"

static void check(struct check_ctx *ctx)
{
	(void)ctx;
}

const struct rule_impl rule_record_wrong_tree = {check, NULL};
