/* ptr-target-alias — see docs/rules/ptr-target-alias.md. RFC 2181 §10.2:
 * a PTR must name the host's canonical name, never an alias. */
#include "check.h"

/* The active CNAME target at name, or 0. */
static name_id cname_of(const struct index *ix, name_id name)
{
	size_t n;
	const uint32_t *ids = index_records_at(ix, name, &n);
	for (size_t k = 0; k < n; k++) {
		const struct record *c = &ix->records[ids[k]];
		if (c->type == TYPE_CNAME && !(c->flags & REC_INACTIVE))
			return c->target;
	}
	return 0;
}

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
		name_id next = cname_of(ix, r->target);
		if (!next)
			continue;
		struct ip_addr addr;
		if (!index_ptr_addr(ix, (uint32_t)i, &addr))
			continue;
		/* an alias that does not lead back is ptr-forward-mismatch's */
		bool in_scope;
		if (!target_has_address(ix, r->target, &addr, &in_scope) || !in_scope)
			continue;
		name_id canonical = next;
		for (int links = 1; links < CNAME_MAX_LINKS; links++) {
			name_id further = cname_of(ix, canonical);
			if (!further)
				break;
			canonical = further;
		}
		report(ctx, &(struct finding_spec){.at = r, .name = r->owner, .address = &addr},
		       "PTR %s → %s names an alias (CNAME to %s), not a host (RFC 2181 §10.2); "
		       "point the PTR at %s", addr_str(&addr), name_str(ctx, r->target),
		       name_str(ctx, canonical), name_str(ctx, canonical));
	}
}

const struct rule_impl rule_ptr_target_alias = {check, NULL};
