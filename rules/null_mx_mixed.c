/* null-mx-mixed — see docs/rules/null-mx-mixed.md. RFC 7505 §3: a null MX
 * ("MX 0 .") must be the only MX of its name, with preference 0. */
#include "check.h"

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	for (size_t i = 0; i < ix->nrecords; i++) {
		const struct record *r = &ix->records[i];
		if (r->type != TYPE_MX || (r->flags & REC_INACTIVE) || !r->target ||
		    index_wire(ix, r->target)[0])
			continue;
		size_t n, others = 0;
		const uint32_t *ids = index_records_at(ix, r->owner, &n);
		for (size_t k = 0; k < n; k++) {
			const struct record *o = &ix->records[ids[k]];
			if (o->type == TYPE_MX && !(o->flags & REC_INACTIVE) &&
			    index_wire(ix, o->target)[0])
				others++;
		}
		struct finding_spec spec = {.at = r, .name = r->owner};
		if (others)
			report(ctx, &spec,
			       "%s has a null MX (MX %u .) beside %zu other MX record%s (RFC 7505 §3); "
			       "remove the null MX if the domain takes mail, else the others",
			       name_str(ctx, r->owner), r->preference, others, others == 1 ? "" : "s");
		else if (r->preference != 0)
			report(ctx, &spec,
			       "%s has a null MX with preference %u; RFC 7505 §3 requires "
			       "\"MX 0 .\"", name_str(ctx, r->owner), r->preference);
	}
}

const struct rule_impl rule_null_mx_mixed = {check, NULL};
