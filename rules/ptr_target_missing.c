/* ptr-target-missing — see docs/rules/ptr-target-missing.md. A stale PTR:
 * its name gets NXDOMAIN, so FCrDNS fails (RFC 1912 §2.1, RFC 8601 §3). */
#include "check.h"

enum { OPTION_PTR_ONLY, OPTIONS_END };
static const struct rule_option options[] = {
	[OPTION_PTR_ONLY] = {"ptr-only", OPT_REGEXES, "",
			     "EREs for PTR targets that exist only as PTRs by design (router interfaces, VRRP)"},
	[OPTIONS_END] = {NULL, 0, NULL, NULL},
};

/* Router interfaces, VRRP addresses and NAT pools are often named only in
 * the reverse tree on purpose; the user lists those names here. */
static bool ptr_only(const struct option_value *patterns, const char *target)
{
	return patterns && regex_set_match(&patterns->set, target);
}

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	const struct option_value *patterns = &ctx->options[OPTION_PTR_ONLY];
	for (size_t i = 0; i < ix->nrecords; i++) {
		const struct record *r = &ix->records[i];
		if (r->type != TYPE_PTR || (r->flags & REC_INACTIVE) || !r->target)
			continue;
		const uint8_t *target = index_wire(ix, r->target);
		/* a target under the reverse trees is ptr-target-unqualified's */
		if (!target[0] || name_tree_of(target) != TREE_FORWARD)
			continue;
		uint32_t zone = index_zone_of(ix, target);
		/* in a zone that lacks an $INCLUDEd file the name may be there */
		if (zone == NO_ZONE || index_zone_incomplete(ix, zone) ||
		    index_name_exists(ix, target))
			continue;
		const char *target_text = name_str(ctx, r->target);
		if (ptr_only(patterns, target_text))
			continue;
		struct ip_addr addr;
		if (!index_ptr_addr(ix, (uint32_t)i, &addr))
			continue;
		report(ctx, &(struct finding_spec){.at = r, .name = r->owner, .address = &addr},
		       "PTR %s → %s names a host that does not exist in zone %s; remove the "
		       "PTR or add the host", addr_str(&addr), target_text, zone_str(ctx, zone));
	}
}

const struct rule_impl rule_ptr_target_missing = {check, options};
