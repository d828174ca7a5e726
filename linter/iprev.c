/*
 * iprev.c — see iprev.h. The steps follow SPEC §5 one to one, so each
 * branch here can be matched against the contract (and tests/test_iprev.c
 * walks every branch).
 */
#include "iprev.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "dname.h"
#include "index_query.h"
#include "tlds.h"

static bool label_is_octet(const uint8_t *label)
{
	if (label[0] < 1 || label[0] > 3)
		return false;
	unsigned v = 0;
	for (int i = 1; i <= label[0]; i++) {
		if (label[i] < '0' || label[i] > '9')
			return false;
		v = v * 10 + (label[i] - '0');
	}
	return v <= 255;
}

/* An octet label; the first may open with '[' and the fourth close with
 * ']' ("[192.0.2.1]." is how an address literal looks once split at dots). */
static bool label_is_octet_in_literal(const uint8_t *label, int position, bool bracketed)
{
	uint8_t buf[5];
	size_t n = label[0];
	const uint8_t *p = label + 1;
	if (position == 0 && bracketed) {
		p++;
		n--;
	}
	if (position == 3 && bracketed) {
		if (!n || p[n - 1] != ']')
			return false;
		n--;
	}
	if (n < 1 || n > 3)
		return false;
	buf[0] = (uint8_t)n;
	memcpy(buf + 1, p, n);
	return label_is_octet(buf);
}

bool name_is_address_literal(const uint8_t *wire)
{
	if (!wire[0])
		return false;
	/* four octet labels in front: "192.0.2.1.", "[192.0.2.1]." or a
	 * relative "192.0.2.1.example.com." */
	bool bracketed = wire[1] == '[';
	const uint8_t *p = wire;
	int octets = 0;
	while (octets < 4 && p[0] && label_is_octet_in_literal(p, octets, bracketed)) {
		octets++;
		p = dname_parent(p);
	}
	if (octets == 4)
		return true;
	/* a first label holding an address: "[192\.0\.2\.1]" or "2001:db8::1" */
	char text[64];
	size_t n = wire[0];
	if (n >= sizeof(text))
		return false;
	memcpy(text, wire + 1, n);
	text[n] = '\0';
	char *t = text;
	if (t[0] == '[' && n > 2 && t[n - 1] == ']') {
		t[n - 1] = '\0';
		t++;
	}
	struct ip_addr addr;
	return addr_parse(&addr, t);
}

/* Case-folded, as names compare. */
static uint32_t suffix_hash(const uint8_t *wire)
{
	uint8_t lower[NAME_WIRE_MAX];
	size_t len = dname_length(wire, NAME_WIRE_MAX);
	for (size_t i = 0; i < len; i++)
		lower[i] = ascii_lower(wire[i]);
	return hash_bytes(lower, len);
}

static bool suffix_find(const struct public_names *pub, const uint8_t *wire)
{
	size_t mask = pub->suffix_slots_cap - 1;
	for (size_t k = suffix_hash(wire) & mask; pub->suffix_slots[k]; k = (k + 1) & mask)
		if (dname_equal(pub->suffixes[pub->suffix_slots[k] - 1], wire))
			return true;
	return false;
}

bool name_is_internal(const struct public_names *pub, const uint8_t *wire, const char **why)
{
	if (!wire[0]) {
		*why = "the root";
		return true;
	}
	if (!dname_parent(wire)[0]) {
		*why = "a single-label name";
		return true;
	}
	if (name_is_address_literal(wire)) {
		*why = "an address written as a name";
		return true;
	}
	/* each suffix of the name (itself included) is one probe */
	uint8_t lower[NAME_WIRE_MAX];
	size_t len = dname_length(wire, NAME_WIRE_MAX);
	for (size_t i = 0; i < len; i++)
		lower[i] = ascii_lower(wire[i]);
	for (const uint8_t *tail = lower; pub->suffix_slots_cap && tail[0]; tail = dname_parent(tail))
		if (suffix_find(pub, tail)) {
			*why = "a name under a non-public suffix";
			return true;
		}
	return false;
}

void public_names_init(struct public_names *pub, const struct option_value *suffixes,
		       char *const *extra_tlds, size_t nextra_tlds)
{
	memset(pub, 0, sizeof(*pub));
	pub->extra_tlds = extra_tlds;
	pub->nextra_tlds = nextra_tlds;
	size_t n = suffixes ? suffixes->count : 0;
	pub->suffixes = xcalloc(n ? n : 1, sizeof(*pub->suffixes));
	for (size_t i = 0; i < n; i++) {
		char text[300];
		snprintf(text, sizeof(text), "%s.", suffixes->words[i]);
		if (dname_from_text(pub->suffixes[pub->nsuffixes], text, NULL))
			pub->nsuffixes++;
	}
	if (pub->nsuffixes) {
		size_t cap = 16;
		while (cap < pub->nsuffixes * 2)
			cap *= 2;
		pub->suffix_slots = xcalloc(cap, sizeof(*pub->suffix_slots));
		pub->suffix_slots_cap = cap;
		for (size_t i = 0; i < pub->nsuffixes; i++) {
			size_t k = suffix_hash(pub->suffixes[i]) & (cap - 1);
			while (pub->suffix_slots[k])
				k = (k + 1) & (cap - 1);
			pub->suffix_slots[k] = (uint32_t)i + 1;
		}
	}
	for (size_t i = 0; i < nextra_tlds; i++)
		strmap_put(&pub->tld_set, extra_tlds[i], (uint32_t)i);
}

void public_names_free(struct public_names *pub)
{
	free(pub->suffixes);
	free(pub->suffix_slots);
	strmap_free(&pub->tld_set);
	memset(pub, 0, sizeof(*pub));
}

bool name_publicly_unresolvable(const struct public_names *pub, const uint8_t *wire,
				const char **why)
{
	if (name_is_internal(pub, wire, why))
		return true;
	/* the top-level label */
	const uint8_t *tld = wire;
	while (dname_parent(tld)[0])
		tld = dname_parent(tld);
	if (tld_is_delegated((const char *)tld + 1, tld[0]))
		return false;
	/* config tlds are lower-case, without NUL bytes */
	char label[64];
	for (size_t i = 0; i < tld[0]; i++)
		label[i] = (char)ascii_lower(tld[1 + i]);
	label[tld[0]] = '\0';
	if (!memchr(tld + 1, '\0', tld[0]) && strmap_get(&pub->tld_set, label) >= 0)
		return false;
	*why = "a name under a top-level domain that does not exist";
	return true;
}

bool target_has_address(const struct index *ix, name_id target,
			const struct ip_addr *addr, bool *in_scope)
{
	uint32_t *ids = NULL;
	size_t n = 0, cap = 0;
	bool via_cname;
	enum host_lookup status = index_host_addresses(ix, target, &ids, &n, &cap, &via_cname);
	*in_scope = status == HOST_OK;
	bool found = false;
	bool known = status == HOST_OK || status == HOST_UNREADABLE;
	for (size_t i = 0; known && i < n && !found; i++) {
		const struct record *r = &ix->records[ids[i]];
		found = r->rdlen == (addr->family == 4 ? 4 : 16) &&
			(r->type == TYPE_A) == (addr->family == 4) &&
			!memcmp(r->rdata, addr->bytes, r->rdlen);
	}
	free(ids);
	/* an address that loaded leads back, whatever did not load */
	if (found && status == HOST_UNREADABLE)
		*in_scope = true;
	if (!found && *in_scope && index_zone_incomplete(ix, index_zone_of(ix, index_wire(ix, target))))
		*in_scope = false;
	return found;
}

/* The first name of target's CNAME chain that owns a record that did not
 * load, or 0. */
static name_id unreadable_link(const struct index *ix, name_id target)
{
	name_id cur = target;
	for (int links = 0; cur && links <= CNAME_MAX_LINKS; links++) {
		if (index_name_unreadable(ix, cur))
			return cur;
		cur = cname_target_of(ix, cur);
	}
	return 0;
}

/* PTR records at name (active), appended in file order. */
static void ptrs_at(const struct index *ix, name_id name, struct iprev_eval *out, size_t *cap)
{
	size_t n;
	const uint32_t *ids = index_records_at(ix, name, &n);
	for (size_t i = 0; i < n; i++) {
		const struct record *r = &ix->records[ids[i]];
		if (r->type == TYPE_PTR && !(r->flags & REC_INACTIVE))
			*ARRAY_PUSH(out->ptrs, out->nptrs, *cap) = ids[i];
	}
}

static int compare_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* RFC 2317: a reverse name may be a CNAME into a classless zone. The
 * name at the end of the CNAMEs from cur (cur itself when it has none),
 * or 0 when they leave the loaded zones (*outside is then the first name
 * outside) or run longer than CNAME_MAX_LINKS. */
static name_id follow_reverse_cnames(const struct index *ix, name_id cur, name_id *outside)
{
	*outside = 0;
	for (int links = 0;; links++) {
		name_id next = cname_target_of(ix, cur);
		if (!next)
			return cur;
		if (links == CNAME_MAX_LINKS)
			return 0;
		if (index_zone_of(ix, index_wire(ix, next)) == NO_ZONE) {
			*outside = next;
			return 0;
		}
		cur = next;
	}
}

/* Step 1 and the PTR set: false when no loaded reverse zone covers addr. */
static bool find_ptrs(const struct index *ix, const struct ip_addr *addr,
		      struct iprev_eval *out)
{
	size_t cap = 0;
	uint8_t rev[NAME_WIRE_MAX];
	size_t len = addr_to_reverse(rev, addr);
	uint32_t reverse_zone = index_zone_of(ix, rev);
	if (reverse_zone != NO_ZONE) {
		if (index_zone_incomplete(ix, reverse_zone))
			out->incomplete_zone = reverse_zone;
		name_id cur = index_find(ix, rev, len), outside;
		if (cur && !(cur = follow_reverse_cnames(ix, cur, &outside)))
			return false;
		if (cur)
			ptrs_at(ix, cur, out, &cap);
		/* a PTR of it did not load: the ones that did are not all */
		if (index_name_unreadable(ix, cur))
			out->unreadable = cur;
		if (!out->nptrs) {
			/* a wildcard PTR answers for the name (RFC 4592) */
			name_id wild = index_wildcard_match(ix, cur ? index_wire(ix, cur) : rev);
			if (wild)
				ptrs_at(ix, wild, out, &cap);
		}
		return true;
	}
	/* an RFC 2317 zone loaded without its parent still covers */
	if (index_classless_zone_of(ix, addr) == NO_ZONE)
		return false;
	size_t n;
	const struct addr_ref *refs = index_ptrs_of(ix, addr, &n);
	for (size_t i = 0; i < n; i++)
		*ARRAY_PUSH(out->ptrs, out->nptrs, cap) = refs[i].record;
	if (out->nptrs)
		qsort(out->ptrs, out->nptrs, sizeof(*out->ptrs), compare_u32);
	return true;
}

void iprev_evaluate(struct iprev_eval *out, const struct index *ix,
		    const struct public_names *pub, const struct ip_addr *addr)
{
	memset(out, 0, sizeof(*out));
	out->passing = UINT32_MAX;
	out->incomplete_zone = NO_ZONE;
	if (!find_ptrs(ix, addr, out)) {
		out->result = IPREV_UNVERIFIABLE;
		return;
	}
	out->covered = true;
	if (!out->nptrs) {
		/* the PTR may be in the file the reverse zone could not include,
		 * or be the record that did not load */
		out->result = out->incomplete_zone != NO_ZONE || out->unreadable
			? IPREV_UNVERIFIABLE : IPREV_PERMERROR;
		return;
	}
	out->incomplete_zone = NO_ZONE;   /* the PTRs it has are what is judged */
	bool public = addr_is_public(addr);
	bool all_decided = true;
	size_t tries = out->nptrs < IPREV_MAX_TARGETS ? out->nptrs : IPREV_MAX_TARGETS;
	for (size_t i = 0; i < tries; i++) {
		name_id target = ix->records[out->ptrs[i]].target;
		const uint8_t *wire = index_wire(ix, target);
		const char *why;
		bool unresolvable = public && name_publicly_unresolvable(pub, wire, &why);
		bool in_scope;
		bool leads_back = target_has_address(ix, target, addr, &in_scope);
		if (in_scope && leads_back && !unresolvable) {
			out->result = IPREV_PASS;
			out->passing = out->ptrs[i];
			return;
		}
		if (!in_scope && !unresolvable) {
			all_decided = false;
			uint32_t zone = index_zone_of(ix, wire);
			if (out->incomplete_zone == NO_ZONE && index_zone_incomplete(ix, zone))
				out->incomplete_zone = zone;
			if (!out->unreadable)
				out->unreadable = unreadable_link(ix, target);
		}
	}
	/* a PTR that did not load may be the one that passes */
	if (out->unreadable)
		all_decided = false;
	out->result = all_decided ? IPREV_FAIL : IPREV_UNVERIFIABLE;
}

/* RFC 2317 §4's name for an address in a block: its last octet's label
 * below the block's name ("70" + "64-26.113.0.203.in-addr.arpa."). */
static void name_in_block(uint8_t out[NAME_WIRE_MAX], const uint8_t *rev, const uint8_t *block)
{
	size_t first = (size_t)rev[0] + 1;
	size_t block_len = dname_length(block, NAME_WIRE_MAX);
	if (!block_len || first + block_len > NAME_WIRE_MAX) {
		memcpy(out, rev, dname_length(rev, NAME_WIRE_MAX));
		return;
	}
	memcpy(out, rev, first);
	memcpy(out + first, block, block_len);
}

static void set_name(uint8_t out[NAME_WIRE_MAX], const uint8_t *wire)
{
	memcpy(out, wire, dname_length(wire, NAME_WIRE_MAX));
}

/* The first active PTR standing for addr at a name other than its reverse
 * name (an RFC 2317 child's "70.64-26..."), or NULL. */
static const struct record *ptr_elsewhere(const struct index *ix, const struct ip_addr *addr,
					  name_id rev)
{
	size_t n;
	const struct addr_ref *refs = index_ptrs_of(ix, addr, &n);
	for (size_t i = 0; i < n; i++) {
		const struct record *r = &ix->records[refs[i].record];
		if (r->owner != rev)
			return r;
	}
	return NULL;
}

/* The reverse zone is loaded and holds no PTR at rev (step 2). */
static void fix_in_parent(struct reverse_fix *out, const struct index *ix,
			  const struct ip_addr *addr)
{
	size_t len = dname_length(out->rev, NAME_WIRE_MAX);
	name_id start = index_find(ix, out->rev, len);
	if (start) {
		name_id outside;
		name_id end = follow_reverse_cnames(ix, start, &outside);
		if (!end) {
			if (outside) {
				out->kind = REVERSE_FIX_CHILD_UNLOADED;
				set_name(out->child_name, index_wire(ix, outside));
			}
			return;   /* (a chain too long: nothing sensible to add) */
		}
		if (end != start) {
			out->kind = REVERSE_FIX_PTR;
			out->via_cname = true;
			set_name(out->child_name, index_wire(ix, end));
			out->child_zone = index_zone_of(ix, out->child_name);
			return;
		}
	}
	const struct record *ptr = ptr_elsewhere(ix, addr, start);
	if (ptr) {
		out->kind = REVERSE_FIX_CNAME;
		set_name(out->child_name, index_wire(ix, ptr->owner));
		out->child_zone = ptr->zone;
		return;
	}
	uint32_t child = index_classless_zone_of(ix, addr);
	if (child != NO_ZONE && child != out->parent_zone) {
		out->kind = REVERSE_FIX_CNAME_AND_PTR;
		out->child_zone = child;
		name_in_block(out->child_name, out->rev, index_wire(ix, ix->zones[child].origin));
		return;
	}
	const struct classless_cut *cut = index_classless_cut(ix, out->parent_zone, addr);
	if (cut) {
		out->kind = REVERSE_FIX_CNAME_DELEGATED;
		out->delegation = cut->cut;
		name_in_block(out->child_name, out->rev, index_wire(ix, cut->cut));
		return;
	}
	out->kind = REVERSE_FIX_PTR;
	out->child_zone = out->parent_zone;
	set_name(out->child_name, out->rev);
}

void reverse_fix_find(struct reverse_fix *out, const struct index *ix, const struct ip_addr *addr)
{
	memset(out, 0, sizeof(*out));
	out->parent_zone = NO_ZONE;
	out->child_zone = NO_ZONE;
	addr_to_reverse(out->rev, addr);
	out->parent_zone = index_zone_of(ix, out->rev);
	if (out->parent_zone != NO_ZONE) {
		fix_in_parent(out, ix, addr);
		return;
	}
	/* only the block's zone is loaded: the PTR belongs there */
	uint32_t child = index_classless_zone_of(ix, addr);
	if (child == NO_ZONE)
		return;
	out->kind = REVERSE_FIX_PTR;
	out->child_zone = child;
	name_in_block(out->child_name, out->rev, index_wire(ix, ix->zones[child].origin));
}

/* name as written in zone: relative to its origin when below it ("70"),
 * "@" at it, else absolute. */
static void owner_in_zone(char out[NAME_TEXT_MAX], const struct index *ix, const uint8_t *name,
			  uint32_t zone)
{
	const uint8_t *origin = index_wire(ix, ix->zones[zone].origin);
	if (!dname_is_at_or_below(name, origin)) {
		dname_to_text(out, name);
		return;
	}
	size_t keep = dname_label_count(name) - dname_label_count(origin);
	if (!keep) {
		strcpy(out, "@");
		return;
	}
	uint8_t relative[NAME_WIRE_MAX];
	size_t len = 0;
	const uint8_t *p = name;
	for (size_t i = 0; i < keep; i++, p = dname_parent(p)) {
		memcpy(relative + len, p, (size_t)p[0] + 1);
		len += (size_t)p[0] + 1;
	}
	relative[len] = 0;
	dname_to_text(out, relative);
	out[strlen(out) - 1] = '\0';   /* no final dot: relative */
}

/* "zone 113.0.203.in-addr.arpa. (file db.203.0.113)" */
static void add_zone(struct strbuf *sb, const struct index *ix, uint32_t zone)
{
	char origin[NAME_TEXT_MAX];
	dname_to_text(origin, index_wire(ix, ix->zones[zone].origin));
	strbuf_addf(sb, "zone %s (file %s)", origin, ix->files[ix->zones[zone].file]);
}

/* "\"70 CNAME 70.64-26.113.0.203.in-addr.arpa.\" to zone ... (file ...)" */
static void add_record(struct strbuf *sb, const struct index *ix, const uint8_t *owner,
		       uint32_t zone, const char *type, const char *target)
{
	char text[NAME_TEXT_MAX];
	owner_in_zone(text, ix, owner, zone);
	strbuf_addf(sb, "\"%s %s %s\" to ", text, type, target);
	add_zone(sb, ix, zone);
}

void reverse_fix_text(struct strbuf *why, struct strbuf *advice, const struct index *ix,
		      const struct reverse_fix *fix, const char *host)
{
	char rev[NAME_TEXT_MAX], child[NAME_TEXT_MAX], zone[NAME_TEXT_MAX];
	dname_to_text(rev, fix->rev);
	dname_to_text(child, fix->child_name);
	if (fix->child_zone != NO_ZONE)
		dname_to_text(zone, index_wire(ix, ix->zones[fix->child_zone].origin));
	switch (fix->kind) {
	case REVERSE_FIX_NONE:
		strbuf_addf(advice, "add a PTR for %s naming %s to its reverse zone", rev, host);
		return;
	case REVERSE_FIX_CHILD_UNLOADED:
		strbuf_addf(why, ": %s is a CNAME to %s (RFC 2317), which is in no loaded zone",
			    rev, child);
		strbuf_addf(advice, "lint the zone that holds %s too", child);
		return;
	case REVERSE_FIX_PTR:
		if (fix->via_cname)
			strbuf_addf(why, ": %s is a CNAME to %s (RFC 2317), which has none", rev,
				    child);
		else if (fix->parent_zone == NO_ZONE)
			strbuf_addf(why, " in zone %s, which covers it (RFC 2317)", zone);
		strbuf_addstr(advice, "add ");
		add_record(advice, ix, fix->child_name, fix->child_zone, "PTR", host);
		return;
	case REVERSE_FIX_CNAME:
		strbuf_addf(why, " that a lookup reaches: zone %s holds one at %s, but %s is no "
			    "CNAME to it (RFC 2317)", zone, child, rev);
		strbuf_addstr(advice, "add ");
		add_record(advice, ix, fix->rev, fix->parent_zone, "CNAME", child);
		return;
	case REVERSE_FIX_CNAME_AND_PTR:
		strbuf_addf(why, ": its block is zone %s (RFC 2317), which has none, and %s is no "
			    "CNAME into it", zone, rev);
		strbuf_addstr(advice, "add ");
		add_record(advice, ix, fix->rev, fix->parent_zone, "CNAME", child);
		strbuf_addstr(advice, " and ");
		add_record(advice, ix, fix->child_name, fix->child_zone, "PTR", host);
		return;
	case REVERSE_FIX_CNAME_DELEGATED: {
		char cut[NAME_TEXT_MAX];
		dname_to_text(cut, index_wire(ix, fix->delegation));
		strbuf_addf(why, ": its block is delegated as %s (RFC 2317), but %s is no CNAME "
			    "into it", cut, rev);
		strbuf_addstr(advice, "add ");
		add_record(advice, ix, fix->rev, fix->parent_zone, "CNAME", child);
		/* the child's name is the address's last label below the cut */
		strbuf_addf(advice, ", and make sure the delegated zone %s holds \"%.*s PTR %s\"",
			    cut, (int)fix->rev[0], (const char *)fix->rev + 1, host);
		return;
	}
	}
}

void iprev_eval_free(struct iprev_eval *eval)
{
	free(eval->ptrs);
	eval->ptrs = NULL;
	eval->nptrs = 0;
}
