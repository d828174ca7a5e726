/* ptr-target-alias — see docs/rules/ptr-target-alias.md. RFC 2181 §10.2:
 * a PTR must name the host's canonical name, never an alias. */
#include "check.h"

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	for (size_t i = 0; i < ix->nrecords; i++) {
		const struct record *r = &ix->records[i];
		if (r->type != TYPE_PTR || (r->flags & REC_INACTIVE) || !r->target)
			continue;
		/* RFC 2317 CNAMEs live in the reverse tree and are fine there */
		if (name_tree_of(index_wire(ix, r->target)) != TREE_FORWARD)
			continue;
		name_id next = cname_target_of(ix, r->target);
		if (!next)
			continue;
		struct ip_addr addr;
		if (!index_ptr_addr(ix, (uint32_t)i, &addr))
			continue;
		/* an alias that does not lead back is ptr-forward-mismatch's */
		bool in_scope;
		if (!target_has_address(ix, r->target, &addr, &in_scope) || !in_scope)
			continue;
		name_id canonical = cname_chain_end(ix, r->target, CNAME_MAX_LINKS);
		report(ctx, &(struct finding_spec){.at = r, .name = r->owner, .address = &addr},
		       "PTR %s → %s names an alias (CNAME to %s), not a host (RFC 2181 §10.2); "
		       "point the PTR at %s", addr_str(&addr), name_str(ctx, r->target),
		       name_str(ctx, canonical), name_str(ctx, canonical));
	}
}

const struct rule_impl rule_ptr_target_alias = {check, NULL};
