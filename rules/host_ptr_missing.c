/* host-ptr-missing — see docs/rules/host-ptr-missing.md. RFC 1912 §2.1:
 * every address in the DNS should have a PTR, and many services (mail,
 * ssh, logging) look it up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dname.h"

#define FOLD_ABOVE 16            /* SPEC §6: more than 16 addresses of a bare block fold */
#define FOLD_NAMES 3             /* names quoted in a folded finding */

/* Loaded classless (RFC 2317) zones: they cover addresses whose reverse
 * names lie in a parent zone that may not be loaded at all. */
struct range {
	struct ip_addr low, high;
	uint32_t zone;
};

struct candidate {
	struct ip_addr addr;
	uint32_t record;             /* its first A/AAAA in file order */
	uint32_t zone;               /* the reverse zone that should hold the PTR */
};

struct state {
	struct check_ctx *ctx;
	const struct index *ix;
	struct range *ranges;
	size_t nranges, ranges_cap;
	bool wildcard_ptrs;          /* any "*" PTR owner in a reverse tree */
	struct candidate *block;     /* the current /24 or /64 */
	size_t nblock, block_cap;
};

/* Records that a resolver serves (duplicates and odd-looking owners are
 * served too; only what lies outside its zone's data is not). */
static bool served(const struct record *r)
{
	return !(r->flags & (REC_OUT_OF_ZONE | REC_WRONG_TREE | REC_GLUE));
}

static int compare_ranges(const void *pa, const void *pb)
{
	const struct range *a = pa, *b = pb;
	return addr_compare(&a->low, &b->low);
}

static void collect_classless(struct state *st)
{
	const struct index *ix = st->ix;
	for (size_t z = 0; z < ix->nzones; z++) {
		const struct zone *zone = &ix->zones[z];
		if (!zone->loaded || !zone->has_range || !zone->origin ||
		    !classless_label(index_wire(ix, zone->origin), NULL, NULL))
			continue;
		struct range *r = ARRAY_PUSH(st->ranges, st->nranges, st->ranges_cap);
		r->low = zone->range_low;
		r->high = zone->range_high;
		r->zone = (uint32_t)z;
	}
	if (st->nranges)
		qsort(st->ranges, st->nranges, sizeof(*st->ranges), compare_ranges);
	/* merge overlaps so that one binary search answers containment */
	size_t out = 0;
	for (size_t i = 0; i < st->nranges; i++) {
		if (out && st->ranges[out - 1].low.family == st->ranges[i].low.family &&
		    addr_compare(&st->ranges[i].low, &st->ranges[out - 1].high) <= 0) {
			if (addr_compare(&st->ranges[i].high, &st->ranges[out - 1].high) > 0)
				st->ranges[out - 1].high = st->ranges[i].high;
			continue;
		}
		st->ranges[out++] = st->ranges[i];
	}
	st->nranges = out;
}

/* The range holding addr in a list sorted by low end, or NULL. */
static const struct range *find_range(const struct range *ranges, size_t n,
				      const struct ip_addr *addr)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (addr_compare(&ranges[mid].low, addr) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo && range_contains(&ranges[lo - 1].low, &ranges[lo - 1].high, addr))
		return &ranges[lo - 1];
	return NULL;
}

static uint32_t classless_zone_of(const struct state *st, const struct ip_addr *addr)
{
	const struct range *r = find_range(st->ranges, st->nranges, addr);
	return r ? r->zone : NO_ZONE;
}

static bool has_served_ptr(const struct index *ix, name_id name)
{
	size_t n;
	const uint32_t *ids = index_records_at(ix, name, &n);
	for (size_t k = 0; k < n; k++)
		if (ix->records[ids[k]].type == TYPE_PTR && served(&ix->records[ids[k]]))
			return true;
	return false;
}

static bool owns_records(const struct index *ix, const uint8_t *wire)
{
	size_t n, len = dname_length(wire, NAME_WIRE_MAX);
	index_records_at(ix, len ? index_find(ix, wire, len) : 0, &n);
	return n > 0;
}

/* Does a PTR lie at an address inside the network a partial reverse name
 * stands for? Then that name is an empty non-terminal. */
static bool ptr_below(const struct index *ix, const uint8_t *wire)
{
	struct ip_addr net;
	if (reverse_to_addr(wire, &net, NULL) != REVERSE_PARTIAL)
		return false;
	size_t labels = dname_label_count(wire);
	if (labels < 2)
		return false;
	struct ip_prefix prefix = {net, (uint8_t)((labels - 2) * (net.family == 4 ? 8 : 4))};
	if (prefix.len > (net.family == 4 ? 32 : 128))
		return false;
	size_t lo = 0, hi = ix->nptr_addrs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (addr_compare(&ix->ptr_addrs[mid].addr, &net) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->nptr_addrs && prefix_contains(&prefix, &ix->ptr_addrs[lo].addr);
}

/* RFC 4592 in the reverse tree: a "*" PTR at the closest encloser answers
 * for a reverse name that does not exist. (index.c flags such owners as
 * not being addresses, so its lookups never see them.) */
static bool wildcard_ptr(const struct index *ix, const uint8_t *rev, const uint8_t *origin)
{
	uint8_t buf[NAME_WIRE_MAX + 2];
	for (const uint8_t *s = dname_parent(rev); s[0]; s = dname_parent(s)) {
		size_t len = dname_length(s, NAME_WIRE_MAX);
		if (len && len + 2 <= NAME_WIRE_MAX) {
			buf[0] = 1;
			buf[1] = '*';
			memcpy(buf + 2, s, len);
			if (has_served_ptr(ix, index_find(ix, buf, len + 2)))
				return true;
		}
		if (dname_equal(s, origin) || owns_records(ix, s) || ptr_below(ix, s))
			return false;
	}
	return false;
}

enum ptr_state { PTR_FOUND, PTR_NONE, PTR_UNKNOWN };

/* What a resolver gets for addr's reverse name, following RFC 2317
 * CNAMEs; *where is the name that should hold the PTR. */
static enum ptr_state lookup_ptr(const struct state *st, const struct ip_addr *addr,
				 uint32_t *zone, name_id *where)
{
	const struct index *ix = st->ix;
	uint8_t rev[NAME_WIRE_MAX];
	size_t len = addr_to_reverse(rev, addr);
	*where = 0;
	*zone = index_zone_of(ix, rev);
	if (index_zone_incomplete(ix, *zone))
		return PTR_UNKNOWN;   /* the PTR may be in its unread $INCLUDE */
	if (*zone == NO_ZONE) {
		/* only a classless child is loaded: its PTRs are all we can see */
		*zone = classless_zone_of(st, addr);
		if (*zone == NO_ZONE)
			return PTR_UNKNOWN;
		size_t n;
		index_ptrs_of(ix, addr, &n);
		return n ? PTR_FOUND : PTR_NONE;
	}
	name_id cur = index_find(ix, rev, len);
	for (int links = 0; cur; links++) {
		if (has_served_ptr(ix, cur))
			return PTR_FOUND;
		size_t n;
		const uint32_t *ids = index_records_at(ix, cur, &n);
		name_id next = 0;
		for (size_t k = 0; k < n && !next; k++)
			if (ix->records[ids[k]].type == TYPE_CNAME && served(&ix->records[ids[k]]))
				next = ix->records[ids[k]].target;
		if (!next)
			break;
		if (links == CNAME_MAX_LINKS)
			return PTR_UNKNOWN;
		uint32_t next_zone = index_zone_of(ix, index_wire(ix, next));
		if (next_zone == NO_ZONE || index_zone_incomplete(ix, next_zone))
			return PTR_UNKNOWN;   /* the classless zone is not loaded, or not whole */
		*zone = next_zone;
		*where = cur = next;
	}
	if (index_name_unreadable(ix, cur))
		return PTR_UNKNOWN;   /* its PTR may be the record that did not load */
	if (st->wildcard_ptrs && !*where && !owns_records(ix, rev) &&
	    wildcard_ptr(ix, rev, index_wire(ix, ix->zones[*zone].origin)))
		return PTR_FOUND;
	return PTR_NONE;
}

/* The common case, answered by a merge over the two sorted address
 * arrays: a served PTR at the address's own reverse name. lookup_ptr()
 * never says PTR_NONE then (the reverse zone either holds it, is
 * incomplete, or is missing with only a classless zone loaded, whose
 * answer is "a PTR exists"), but it would hash the name twice to get
 * there. *cursor moves forward through ptr_addrs as the callers' addresses
 * rise. */
static bool ptr_at_own_name(const struct index *ix, size_t *cursor, const struct ip_addr *addr)
{
	while (*cursor < ix->nptr_addrs && addr_compare(&ix->ptr_addrs[*cursor].addr, addr) < 0)
		(*cursor)++;
	uint8_t rev[NAME_WIRE_MAX];
	size_t rev_len = 0;
	for (size_t k = *cursor; k < ix->nptr_addrs && !addr_compare(&ix->ptr_addrs[k].addr, addr);
	     k++) {
		const struct record *r = &ix->records[ix->ptr_addrs[k].record];
		if (!served(r))
			continue;
		/* an RFC 2317 child's owner ("10.0/26.2.0.192...") stands for the
		 * address too, but is not its reverse name */
		if (!rev_len)
			rev_len = addr_to_reverse(rev, addr);
		const uint8_t *owner = index_wire(ix, r->owner);
		if (dname_length(owner, NAME_WIRE_MAX) == rev_len && !memcmp(owner, rev, rev_len))
			return true;
	}
	return false;
}

static bool is_wildcard(const struct index *ix, name_id owner)
{
	const uint8_t *w = index_wire(ix, owner);
	return w[0] == 1 && w[1] == '*';
}

static void block_of(struct ip_addr *net, const struct ip_addr *addr)
{
	*net = *addr;
	if (addr->family == 4)
		net->bytes[3] = 0;
	else
		memset(net->bytes + 8, 0, 8);
}

static bool block_has_ptr(const struct index *ix, const struct ip_addr *net)
{
	struct ip_prefix prefix = {*net, net->family == 4 ? 24 : 64};
	size_t lo = 0, hi = ix->nptr_addrs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (addr_compare(&ix->ptr_addrs[mid].addr, net) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->nptr_addrs && prefix_contains(&prefix, &ix->ptr_addrs[lo].addr);
}

static int compare_by_record(const void *pa, const void *pb)
{
	const struct candidate *a = pa, *b = pb;
	return a->record < b->record ? -1 : a->record > b->record;
}

/* The advice names the record to add, through the RFC 2317 delegation
 * of the address's block where there is one (SPEC §5 step 5, shared with
 * mail-ptr-missing). */
static void report_one(struct state *st, const struct candidate *c)
{
	struct check_ctx *ctx = st->ctx;
	const struct index *ix = st->ix;
	const struct record *r = &ix->records[c->record];
	struct finding_spec spec = {.at = r, .name = r->owner, .address = &c->addr};
	struct reverse_fix fix;
	reverse_fix_find(&fix, ix, &c->addr);
	struct strbuf why = STRBUF_INIT, advice = STRBUF_INIT;
	reverse_fix_text(&why, &advice, ix, &fix, name_str(ctx, r->owner));
	report(ctx, &spec, "%s has address %s but no PTR record%s; %s", name_str(ctx, r->owner),
	       addr_str(&c->addr), why.len ? why.data : " (RFC 1912 §2.1)", advice.data);
	strbuf_release(&why);
	strbuf_release(&advice);
}

static void flush_block(struct state *st)
{
	if (!st->nblock)
		return;
	struct ip_addr net;
	block_of(&net, &st->block[0].addr);
	bool fold = st->nblock > FOLD_ABOVE && !block_has_ptr(st->ix, &net);
	qsort(st->block, st->nblock, sizeof(*st->block), compare_by_record);
	if (!fold) {
		for (size_t i = 0; i < st->nblock; i++)
			report_one(st, &st->block[i]);
		st->nblock = 0;
		return;
	}
	struct check_ctx *ctx = st->ctx;
	const struct record *first = &st->ix->records[st->block[0].record];
	struct strbuf names = STRBUF_INIT;
	for (size_t i = 0; i < st->nblock && i < FOLD_NAMES; i++)
		strbuf_addf(&names, "%s%s (%s)", i ? ", " : "",
			    name_str(ctx, st->ix->records[st->block[i].record].owner),
			    addr_str(&st->block[i].addr));
	if (st->nblock > FOLD_NAMES)
		strbuf_addf(&names, " and %zu more", st->nblock - FOLD_NAMES);
	uint8_t len = net.family == 4 ? 24 : 64;
	report(ctx, &(struct finding_spec){.at = first, .name = first->owner, .address = &net,
					   .prefix_len = len},
	       "%zu addresses in %s/%u have A/AAAA records but the block has no PTR at all "
	       "(RFC 1912 §2.1): %s; add PTRs for them to zone %s",
	       st->nblock, addr_str(&net), len, names.data, zone_str(ctx, st->block[0].zone));
	strbuf_release(&names);
	st->nblock = 0;
}

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	struct state st = {.ctx = ctx, .ix = ix};
	collect_classless(&st);
	st.wildcard_ptrs = ix->wildcard_ptrs;
	struct ip_addr block = {0, {0}};
	size_t ptr_cursor = 0;
	for (size_t i = 0; i < ix->nhost_addrs;) {
		/* one run of refs per address, in record (file) order */
		size_t end = i + 1;
		while (end < ix->nhost_addrs &&
		       !addr_compare(&ix->host_addrs[end].addr, &ix->host_addrs[i].addr))
			end++;
		const struct ip_addr *addr = &ix->host_addrs[i].addr;
		uint32_t record = UINT32_MAX;
		/* a reverse zone's own name server (record-wrong-tree spares its
		 * address) is no host name for a PTR to name */
		for (size_t k = i; k < end && record == UINT32_MAX; k++) {
			const struct record *r = &ix->records[ix->host_addrs[k].record];
			if (!is_wildcard(ix, r->owner) && ix->zones[r->zone].tree == TREE_FORWARD)
				record = ix->host_addrs[k].record;
		}
		i = end;
		if (record == UINT32_MAX || mail_covers_address(ctx->mail, addr) ||
		    ptr_at_own_name(ix, &ptr_cursor, addr))
			continue;
		uint32_t zone;
		name_id where;
		if (lookup_ptr(&st, addr, &zone, &where) != PTR_NONE)
			continue;
		struct ip_addr net;
		block_of(&net, addr);
		if (addr_compare(&net, &block)) {
			flush_block(&st);
			block = net;
		}
		struct candidate *c = ARRAY_PUSH(st.block, st.nblock, st.block_cap);
		c->addr = *addr;
		c->record = record;
		c->zone = zone;
	}
	flush_block(&st);
	free(st.block);
	free(st.ranges);
}

const struct rule_impl rule_host_ptr_missing = {check, NULL};
