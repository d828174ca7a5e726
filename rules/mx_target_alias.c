/* mx-target-alias — see docs/rules/mx-target-alias.md. RFC 2181 §10.3:
 * an MX must name a host, not an alias; some MTAs refuse or loop. */
#include "check.h"

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	for (size_t i = 0; i < ix->nrecords; i++) {
		const struct record *r = &ix->records[i];
		if (r->type != TYPE_MX || (r->flags & REC_INACTIVE) || !r->target ||
		    !index_has_type(ix, r->target, TYPE_CNAME))
			continue;
		name_id alias_target = cname_target_of(ix, r->target);
		report(ctx, &(struct finding_spec){.at = r, .name = r->target},
		       "MX of %s names %s, which is a CNAME to %s (RFC 2181 §10.3); name %s "
		       "in the MX instead", name_str(ctx, r->owner), name_str(ctx, r->target),
		       name_str(ctx, alias_target), name_str(ctx, alias_target));
	}
}

const struct rule_impl rule_mx_target_alias = {check, NULL};
