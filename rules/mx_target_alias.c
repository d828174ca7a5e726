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
		size_t n;
		const uint32_t *ids = index_records_at(ix, r->target, &n);
		name_id alias_target = 0;
		for (size_t k = 0; k < n && !alias_target; k++)
			if (ix->records[ids[k]].type == TYPE_CNAME &&
			    !(ix->records[ids[k]].flags & REC_INACTIVE))
				alias_target = ix->records[ids[k]].target;
		report(ctx, &(struct finding_spec){.at = r, .name = r->target},
		       "MX of %s names %s, which is a CNAME to %s (RFC 2181 §10.3); name %s "
		       "in the MX instead", name_str(ctx, r->owner), name_str(ctx, r->target),
		       name_str(ctx, alias_target), name_str(ctx, alias_target));
	}
}

const struct rule_impl rule_mx_target_alias = {check, NULL};
