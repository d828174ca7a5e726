/* zone-syntax — see docs/rules/zone-syntax.md. The loader finds these
 * (it is the only module that parses); this rule hands them on. */
#include "engine.h"

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	for (size_t i = 0; i < ix->nproblems; i++) {
		const struct load_problem *p = &ix->problems[i];
		if (p->rule != RULE_zone_syntax)
			continue;
		report(ctx, &(struct finding_spec){
			.file = p->file, .line = p->line, .zone = p->zone,
			.name = p->owner, .severity = p->severity,
		}, "%s", p->message);
	}
}

const struct rule_impl rule_zone_syntax = {check, NULL};
