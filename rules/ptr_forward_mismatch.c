/* ptr-forward-mismatch — see docs/rules/ptr-forward-mismatch.md. A PTR
 * whose name does not resolve back to the address fails forward-confirmed
 * reverse DNS (RFC 1912 §2.1, RFC 8601 §3 iprev). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dname.h"

#define LISTED_ADDRESSES 3

/* The wildcard that answers for target when target owns nothing itself
 * (RFC 4592: the "*" child of the closest encloser), or 0. The index does
 * not synthesise wildcard data, so a host under "*.dyn" would otherwise
 * look address-less. */
static name_id answering_wildcard(const struct index *ix, const uint8_t *target)
{
	size_t n;
	const uint8_t *owner = target;
	uint8_t buf[NAME_WIRE_MAX + 2];
	for (const uint8_t *s = owner; s[0]; s = dname_parent(s)) {
		size_t len = dname_length(s, NAME_WIRE_MAX);
		name_id id = index_find(ix, s, len);
		bool owns = false;
		const uint32_t *ids = index_records_at(ix, id, &n);
		for (size_t k = 0; k < n && !owns; k++)
			owns = !(ix->records[ids[k]].flags & REC_INACTIVE);
		if (s == owner) {
			if (owns)
				return 0;
			continue;
		}
		if (len + 2 <= NAME_WIRE_MAX) {
			buf[0] = 1;
			buf[1] = '*';
			memcpy(buf + 2, s, len);
			name_id wild = index_find(ix, buf, len + 2);
			ids = index_records_at(ix, wild, &n);
			for (size_t k = 0; k < n; k++)
				if (!(ix->records[ids[k]].flags & REC_INACTIVE))
					return wild;
		}
		if (owns)
			return 0;   /* the closest encloser has no wildcard */
	}
	return 0;
}

/* Another PTR name of the address that leads back to it, or 0: then this
 * PTR is a leftover and the fix is to remove it. */
static name_id confirming_sibling(const struct index *ix, uint32_t ptr,
				  const struct ip_addr *addr)
{
	size_t n;
	const struct addr_ref *refs = index_ptrs_of(ix, addr, &n);
	/* receivers try the first IPREV_MAX_TARGETS names (RFC 8601 §3), which
	 * also keeps an address with thousands of PTRs linear */
	for (size_t k = 0; k < n && k < IPREV_MAX_TARGETS; k++) {
		name_id other = ix->records[refs[k].record].target;
		if (refs[k].record == ptr || !other || other == ix->records[ptr].target)
			continue;
		name_id wild = answering_wildcard(ix, index_wire(ix, other));
		bool in_scope;
		if (target_has_address(ix, wild ? wild : other, addr, &in_scope))
			return other;
	}
	return 0;
}

/* The first host (file order) holding addr, not a wildcard; or 0. */
static name_id host_with(const struct index *ix, const struct ip_addr *addr)
{
	size_t n;
	const struct addr_ref *refs = index_hosts_of(ix, addr, &n);
	for (size_t k = 0; k < n; k++) {
		name_id owner = ix->records[refs[k].record].owner;
		const uint8_t *wire = index_wire(ix, owner);
		if (!(wire[0] == 1 && wire[1] == '*'))
			return owner;
	}
	return 0;
}

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	uint32_t *ids = NULL;
	size_t cap = 0;
	for (size_t i = 0; i < ix->nrecords; i++) {
		const struct record *r = &ix->records[i];
		if (r->type != TYPE_PTR || (r->flags & REC_INACTIVE) || !r->target)
			continue;
		const uint8_t *target = index_wire(ix, r->target);
		/* reverse-tree targets are ptr-target-unqualified's; names that do
		 * not exist are ptr-target-missing's */
		uint32_t zone = !target[0] ? NO_ZONE : index_zone_of(ix, target);
		if (!target[0] || name_tree_of(target) != TREE_FORWARD || zone == NO_ZONE ||
		    index_zone_incomplete(ix, zone) || !index_name_exists(ix, target))
			continue;
		struct ip_addr addr;
		if (!index_ptr_addr(ix, (uint32_t)i, &addr))
			continue;
		name_id wild = answering_wildcard(ix, target);
		name_id lookup = wild ? wild : r->target;
		bool in_scope;
		if (target_has_address(ix, lookup, &addr, &in_scope) || !in_scope)
			continue;   /* confirmed, or a chain into zones we cannot see */

		size_t n = 0;
		bool via_cname;
		index_host_addresses(ix, lookup, &ids, &n, &cap, &via_cname);
		struct strbuf subject = STRBUF_INIT;
		strbuf_addstr(&subject, name_str(ctx, r->target));
		if (wild)
			strbuf_addf(&subject, " (matched by %s)", name_str(ctx, wild));
		/* where an address would have to go: the end of a CNAME chain */
		name_id end = r->target;
		if (via_cname) {
			/* one link more than CNAME_MAX_LINKS, as this rule always
			 * followed: the limit decides where a CNAME loop's message
			 * stops, and issue 18 changes no output */
			end = cname_chain_end(ix, lookup, CNAME_MAX_LINKS + 1);
			strbuf_addf(&subject, " (a CNAME to %s)", name_str(ctx, end));
		}
		uint16_t type = addr.family == 4 ? TYPE_A : TYPE_AAAA;
		const char *type_name = addr.family == 4 ? "A" : "AAAA";
		struct strbuf list = STRBUF_INIT;
		size_t same_family = 0;
		for (size_t k = 0; k < n; k++) {
			struct ip_addr a;
			record_address(&ix->records[ids[k]], &a);
			if (k < LISTED_ADDRESSES)
				strbuf_addf(&list, "%s%s", k ? ", " : "", addr_str(&a));
			same_family += ix->records[ids[k]].type == type;
		}
		if (n > LISTED_ADDRESSES)
			strbuf_addf(&list, " and %zu more", n - LISTED_ADDRESSES);
		struct finding_spec spec = {.at = r, .name = r->owner, .address = &addr};
		/* what the user should do: drop a leftover, repoint, or fix the host */
		struct strbuf fix = STRBUF_INIT;
		name_id sibling = confirming_sibling(ix, (uint32_t)i, &addr);
		name_id holder = host_with(ix, &addr);
		if (sibling)
			strbuf_addf(&fix, "the address's other PTR %s confirms it, so remove "
				    "this one", name_str(ctx, sibling));
		else if (holder)
			strbuf_addf(&fix, "point the PTR at %s, which has %s, or ",
				    name_str(ctx, holder), addr_str(&addr));
		else
			strbuf_addf(&fix, "no host has %s, so remove the PTR or ", addr_str(&addr));
		if (!sibling && same_family)
			strbuf_addf(&fix, "correct the %s record of %s", type_name,
				    name_str(ctx, end));
		else if (!sibling)
			strbuf_addf(&fix, "add %s %s to %s", type_name, addr_str(&addr),
				    name_str(ctx, end));
		if (!n)
			report(ctx, &spec, "PTR %s → %s, but %s has no A or AAAA record; %s",
			       addr_str(&addr), name_str(ctx, r->target), subject.data, fix.data);
		else
			report(ctx, &spec, "PTR %s → %s, but %s has address%s %s, not %s; %s",
			       addr_str(&addr), name_str(ctx, r->target), subject.data,
			       n == 1 ? "" : "es", list.data, addr_str(&addr), fix.data);
		strbuf_release(&fix);
		strbuf_release(&list);
		strbuf_release(&subject);
	}
	free(ids);
}

const struct rule_impl rule_ptr_forward_mismatch = {check, NULL};
