/* record-wrong-tree — see docs/rules/record-wrong-tree.md. RFC 1035 §3.5:
 * PTRs are looked up only under in-addr.arpa/ip6.arpa (RFC 3596 §2.5), and
 * addresses and MX only under host names, so a record in the other tree is
 * never found by anyone who needs it. */
#include "check.h"

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	for (size_t i = 0; i < ix->nrecords; i++) {
		const struct record *r = &ix->records[i];
		/* a duplicate copy is duplicate-record's: one mistake, one finding */
		if (!(r->flags & REC_WRONG_TREE) || (r->flags & REC_DUPLICATE))
			continue;
		struct finding_spec spec = {.at = r, .name = r->owner};
		if (r->type == TYPE_PTR) {
			report(ctx, &spec,
			       "PTR at %s is outside in-addr.arpa and ip6.arpa, where no reverse "
			       "lookup finds it; move it to the reverse zone of the address, or "
			       "remove it", name_str(ctx, r->owner));
			continue;
		}
		if (r->type == TYPE_MX) {
			report(ctx, &spec,
			       "MX at %s is in the reverse tree, where no mail is addressed; "
			       "move it to the domain's forward zone, or remove it",
			       name_str(ctx, r->owner));
			continue;
		}
		struct ip_addr addr;
		record_address(r, &addr);
		spec.address = &addr;
		report(ctx, &spec,
		       "%s %s at %s is in the reverse tree, where nobody looks up a host's "
		       "address; move it to the host's forward zone, or remove it",
		       r->type == TYPE_A ? "A" : "AAAA", addr_str(&addr), name_str(ctx, r->owner));
	}
}

const struct rule_impl rule_record_wrong_tree = {check, NULL};
