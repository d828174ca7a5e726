/* mx-target-address-literal — see docs/rules/mx-target-address-literal.md.
 * RFC 5321 §5.1: an MX names a domain; an address written as a name is
 * looked up as a name and fails. */
#include "check.h"

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	for (size_t i = 0; i < ix->nrecords; i++) {
		const struct record *r = &ix->records[i];
		if (r->type != TYPE_MX || (r->flags & REC_INACTIVE) || !r->target ||
		    !name_is_address_literal(index_wire(ix, r->target)))
			continue;
		report(ctx, &(struct finding_spec){.at = r, .name = r->target},
		       "MX of %s names %s, an address written as a name (RFC 5321 §5.1); give "
		       "the mail server a host name with an A/AAAA record and name that",
		       name_str(ctx, r->owner), name_str(ctx, r->target));
	}
}

const struct rule_impl rule_mx_target_address_literal = {check, NULL};
