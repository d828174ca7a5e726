/* ns-target-no-address — see docs/rules/ns-target-no-address.md. An NS
 * names a host by its address records (RFC 1034 §4.2.1, RFC 2181 §10.3: not
 * an alias); named refuses a zone whose apex NS names an in-zone host
 * without A/AAAA ("has no address records"), a CNAME ("is a CNAME
 * (illegal)") or a name below a DNAME, and a delegation whose server lies
 * inside the delegated zone needs glue. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dname.h"
#include "tlds.h"

/* What a name's records hold, read once per name (a name's records are
 * scanned at most once, however many NS records name it). */
enum {
	HOLDS_SCANNED = 1 << 0,
	HOLDS_ADDRESS = 1 << 1,      /* an A/AAAA of its zone (not glue, not out of zone) */
	HOLDS_GLUE = 1 << 2,         /* an A/AAAA below a zone cut */
	HOLDS_CNAME = 1 << 3,
	HOLDS_DNAME = 1 << 4,
};

/* Why an NS target has no address, decided once per target name. */
enum verdict {
	V_UNKNOWN = 0,
	V_OK,                        /* has one, or nothing can be said */
	V_NONE,                      /* in scope of a loaded zone, no A/AAAA */
	V_CNAME,
	V_DNAME,
};

struct ns_scan {
	const struct index *ix;
	uint8_t *holds;              /* by name id */
	uint8_t *verdict;            /* by name id: enum verdict */
	name_id *cname_target;       /* by name id, allocated at the first CNAME */
	bool any_dname;
	/* targets without an address, in the order first named */
	uint32_t *naming;            /* by name id: the NS records naming it */
	uint32_t *chosen;            /* by name id: the NS record its finding points at */
	name_id *pending;
	size_t npending, pending_cap;
};

static uint8_t holds(struct ns_scan *s, name_id name)
{
	if (s->holds[name] & HOLDS_SCANNED)
		return s->holds[name];
	const struct index *ix = s->ix;
	uint8_t bits = HOLDS_SCANNED;
	size_t n;
	const uint32_t *ids = index_records_at(ix, name, &n);
	for (size_t i = 0; i < n; i++) {
		const struct record *r = &ix->records[ids[i]];
		if (r->flags & (REC_OUT_OF_ZONE | REC_TRANSFER_END))
			continue;
		bool glue = r->flags & REC_GLUE;
		/* an A in a reverse zone is record-wrong-tree's, but still the
		 * address a name server there has */
		if (r->type == TYPE_A || r->type == TYPE_AAAA)
			bits |= glue ? HOLDS_GLUE : HOLDS_ADDRESS;
		else if (glue || (r->flags & REC_INACTIVE))
			continue;
		else if (r->type == TYPE_CNAME && r->target && !(bits & HOLDS_CNAME)) {
			bits |= HOLDS_CNAME;
			if (!s->cname_target)
				s->cname_target = xcalloc(ix->nnames, sizeof(*s->cname_target));
			s->cname_target[name] = r->target;
		} else if (r->type == TYPE_DNAME) {
			bits |= HOLDS_DNAME;
		}
	}
	s->holds[name] = bits;
	return bits;
}

/* The DNAME owner strictly above name, at or below origin, or 0. */
static name_id dname_above(struct ns_scan *s, const uint8_t *wire, const uint8_t *origin)
{
	if (!s->any_dname || dname_equal(wire, origin))
		return 0;
	for (const uint8_t *p = dname_parent(wire);; p = dname_parent(p)) {
		name_id id = index_find(s->ix, p, dname_length(p, NAME_WIRE_MAX));
		if (id && (holds(s, id) & HOLDS_DNAME))
			return id;
		if (!p[0] || dname_equal(p, origin))
			return 0;
	}
}

/* Does the target, in scope of the loaded zone authoritative for it, have
 * an address? Absence counts only where the zone lost nothing at loading. */
static enum verdict decide(struct ns_scan *s, name_id target)
{
	if (s->verdict[target])
		return (enum verdict)s->verdict[target];
	const struct index *ix = s->ix;
	const uint8_t *wire = index_wire(ix, target);
	uint32_t zone = index_zone_of(ix, wire);
	enum verdict v = V_OK;
	if (zone != NO_ZONE) {
		uint8_t bits = holds(s, target);
		if (dname_above(s, wire, index_wire(ix, ix->zones[zone].origin)))
			v = V_DNAME;
		else if (bits & HOLDS_CNAME)
			v = V_CNAME;
		else if (!(bits & HOLDS_ADDRESS))
			v = V_NONE;
		if (v == V_NONE && !index_name_is_node(ix, target)) {
			/* synthesised from a wildcard (RFC 4592) */
			name_id wild = index_wildcard_match(ix, wire);
			uint8_t wild_bits = wild ? holds(s, wild) : 0;
			if (wild_bits & HOLDS_CNAME)
				v = V_CNAME;
			else if (wild_bits & HOLDS_ADDRESS)
				v = V_OK;
		}
		if (v == V_NONE && (ix->zones[zone].incomplete || ix->zones[zone].load_errors))
			v = V_OK;
	}
	s->verdict[target] = (uint8_t)v;
	return v;
}

/* The forgotten final dot: target = WRITTEN.APPENDED, where APPENDED is at
 * or below the zone's origin (the $ORIGIN the loader appended) and WRITTEN
 * is itself at or below that origin (the origin twice over) or in scope of
 * another loaded zone. The shortest APPENDED wins. */
static bool dropped_dot(const struct index *ix, const uint8_t *target, const uint8_t *origin,
			uint8_t written[NAME_WIRE_MAX], const uint8_t **appended)
{
	size_t target_labels = dname_label_count(target);
	size_t origin_labels = dname_label_count(origin);
	if (!origin_labels)
		return false;
	for (size_t keep = target_labels - origin_labels; keep >= 1; keep--) {
		const uint8_t *suffix = target;
		size_t len = 0;
		for (size_t i = 0; i < keep; i++) {
			memcpy(written + len, suffix, (size_t)suffix[0] + 1);
			len += (size_t)suffix[0] + 1;
			suffix = dname_parent(suffix);
		}
		written[len] = 0;
		bool twice = dname_is_at_or_below(written, origin);
		uint32_t other = twice ? NO_ZONE : index_zone_of(ix, written);
		/* (a loaded root zone would put every name in scope) */
		if (twice || (other != NO_ZONE && index_wire(ix, ix->zones[other].origin)[0])) {
			*appended = suffix;
			return true;
		}
	}
	return false;
}

/* Less sure: target = WRITTEN.ORIGIN where WRITTEN has two labels or more
 * and ends in a top-level domain (`ns1.example.net` in zone example.com),
 * which may also be a relative name that happens to (`ns1.office.dev`). */
static bool ends_in_tld(const uint8_t *target, const uint8_t *origin,
			uint8_t written[NAME_WIRE_MAX])
{
	size_t keep = dname_label_count(target) - dname_label_count(origin);
	if (keep < 2)
		return false;
	const uint8_t *label = target;
	size_t len = 0;
	for (size_t i = 0; i < keep; i++) {
		memcpy(written + len, label, (size_t)label[0] + 1);
		len += (size_t)label[0] + 1;
		if (i + 1 < keep)
			label = dname_parent(label);
	}
	written[len] = 0;
	return tld_is_delegated((const char *)label + 1, label[0]);
}

/* Whose problem it is, for the message. */
struct ns_at {
	const struct record *ns;
	bool apex;                   /* the zone's own NS, not a delegation */
	bool own_zone;               /* the target lies in the NS's zone, not delegated */
};

/* ", so named refuses to load zone Z" or what breaks for a delegation. */
static void consequence(const struct check_ctx *ctx, const struct ns_at *at, char *buf, size_t cap)
{
	if (at->apex && at->own_zone)
		snprintf(buf, cap, ", so named refuses to load zone %s", zone_str(ctx, at->ns->zone));
	else if (at->apex)
		snprintf(buf, cap, ", so resolvers cannot reach this name server of zone %s",
			 zone_str(ctx, at->ns->zone));
	else
		snprintf(buf, cap, ", so resolvers cannot follow the delegation of %s to this server",
			 name_str(ctx, at->ns->owner));
}

static void report_verdict(struct check_ctx *ctx, struct ns_scan *s, const struct ns_at *at,
			   enum verdict v, uint32_t others)
{
	const struct index *ix = ctx->ix;
	const struct record *r = at->ns;
	const uint8_t *target = index_wire(ix, r->target);
	struct finding_spec spec = {.at = r, .name = r->target, .once_per_line = true};
	char then[NAME_TEXT_MAX + 160];
	consequence(ctx, at, then, sizeof(then));
	if (others) {
		size_t used = strlen(then);
		snprintf(then + used, sizeof(then) - used, " (%u other NS record%s name%s it too)",
			 others, others == 1 ? "" : "s", others == 1 ? "s" : "");
	}
	const char *zone = zone_str(ctx, index_zone_of(ix, target));
	if (v == V_CNAME) {
		name_id to = s->cname_target ? s->cname_target[r->target] : 0;
		if (to)
			report(ctx, &spec,
			       "NS %s is a CNAME (to %s); an NS must name a host with its own "
			       "A/AAAA (RFC 2181 §10.3)%s: point the NS at the canonical name",
			       name_str(ctx, r->target), name_str(ctx, to), then);
		else
			report(ctx, &spec,
			       "NS %s is answered by a wildcard CNAME; an NS must name a host "
			       "with its own A/AAAA (RFC 2181 §10.3)%s: point the NS at the "
			       "canonical name", name_str(ctx, r->target), then);
		return;
	}
	if (v == V_DNAME) {
		name_id above = dname_above(s, target, index_wire(ix, ix->zones[index_zone_of(ix,
				    target)].origin));
		report(ctx, &spec,
		       "NS %s lies below DNAME %s and has no address of its own%s: point the "
		       "NS at a host outside the DNAME's subtree", name_str(ctx, r->target),
		       name_str(ctx, above), then);
		return;
	}
	uint8_t written[NAME_WIRE_MAX];
	const uint8_t *appended;
	const uint8_t *origin = index_wire(ix, ix->zones[r->zone].origin);
	bool inside = dname_is_at_or_below(target, origin);
	char written_text[NAME_TEXT_MAX], appended_text[NAME_TEXT_MAX];
	if (inside && dropped_dot(ix, target, origin, written, &appended)) {
		dname_to_text(written_text, written);
		dname_to_text(appended_text, appended);
		report(ctx, &spec,
		       "NS %s has no A or AAAA record%s; the final dot is missing, so %s was "
		       "appended: write %s (with the final dot)", name_str(ctx, r->target), then,
		       appended_text, written_text);
	} else if (inside && ends_in_tld(target, origin, written)) {
		dname_to_text(written_text, written);
		report(ctx, &spec,
		       "NS %s does not exist in zone %s%s; if %s was meant, the final dot is "
		       "missing (%s was appended): write it with the final dot",
		       name_str(ctx, r->target), zone, then, written_text, zone_str(ctx, r->zone));
	} else if (!index_name_exists(ix, target)) {
		report(ctx, &spec,
		       "NS %s does not exist in zone %s%s; add its A/AAAA records or fix the name",
		       name_str(ctx, r->target), zone, then);
	} else {
		report(ctx, &spec, "NS %s has no A or AAAA record%s; add its address",
		       name_str(ctx, r->target), then);
	}
}

/* Where the NS stands towards its target. */
static struct ns_at ns_at_of(const struct index *ix, const struct record *r)
{
	const struct zone *z = &ix->zones[r->zone];
	uint32_t target_zone = index_zone_of(ix, index_wire(ix, r->target));
	struct ns_at at = {.ns = r, .apex = r->owner == z->origin};
	at.own_zone = target_zone != NO_ZONE && ix->zones[target_zone].origin == z->origin;
	return at;
}

/* Which of the NS records naming one target speaks for them all: one in
 * the target's own zone (its apex first, where named refuses the zone),
 * else the first. Lower is better. */
static int rank(const struct ns_at *at)
{
	return at->own_zone ? (at->apex ? 0 : 1) : 2;
}

/* False when the NS needs no further look: it is fine, or its missing glue
 * was reported. */
static bool needs_verdict(struct check_ctx *ctx, struct ns_scan *s, const struct record *r,
			  const struct ns_at *at)
{
	const struct index *ix = ctx->ix;
	const struct zone *z = &ix->zones[r->zone];
	const uint8_t *target = index_wire(ix, r->target);
	if (!dname_is_at_or_below(target, index_wire(ix, z->origin)) || at->own_zone)
		return true;
	/* below a cut of this zone: its glue answers for it */
	if (holds(s, r->target) & HOLDS_GLUE)
		return false;
	/* the server lies inside the zone it serves: without glue here no
	 * resolver finds it (named-checkzone: "no REQUIRED GLUE") */
	if (at->apex || !dname_is_at_or_below(target, index_wire(ix, r->owner)))
		return true;
	if (z->incomplete || z->load_errors)
		return false;
	report(ctx, &(struct finding_spec){.at = r, .name = r->target, .once_per_line = true},
	       "delegation %s NS %s has no glue: the server is named inside the zone it serves, "
	       "so resolvers need its address here in zone %s; add an A or AAAA record for %s",
	       name_str(ctx, r->owner), name_str(ctx, r->target), zone_str(ctx, r->zone),
	       name_str(ctx, r->target));
	return false;
}

static void note_ns(struct check_ctx *ctx, struct ns_scan *s, uint32_t id)
{
	const struct index *ix = ctx->ix;
	const struct record *r = &ix->records[id];
	struct ns_at at = ns_at_of(ix, r);
	if (!needs_verdict(ctx, s, r, &at) || decide(s, r->target) == V_OK)
		return;
	name_id t = r->target;
	if (!s->naming[t]++) {
		*ARRAY_PUSH(s->pending, s->npending, s->pending_cap) = t;
		s->chosen[t] = id;
		return;
	}
	struct ns_at before = ns_at_of(ix, &ix->records[s->chosen[t]]);
	if (rank(&at) < rank(&before))
		s->chosen[t] = id;
}

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	struct ns_scan s = {.ix = ix};
	for (size_t i = 0; i < ix->nrecords && !s.any_dname; i++)
		s.any_dname = ix->records[i].type == TYPE_DNAME &&
			      !(ix->records[i].flags & REC_INACTIVE);
	for (size_t i = 0; i < ix->nrecords; i++) {
		const struct record *r = &ix->records[i];
		if (r->type != TYPE_NS || (r->flags & REC_INACTIVE) || !r->target)
			continue;
		if (!s.holds) {
			s.holds = xcalloc(ix->nnames, 1);
			s.verdict = xcalloc(ix->nnames, 1);
			s.naming = xcalloc(ix->nnames, sizeof(*s.naming));
			s.chosen = xcalloc(ix->nnames, sizeof(*s.chosen));
		}
		note_ns(ctx, &s, (uint32_t)i);
	}
	/* one finding per target: the one address record missing is one
	 * mistake, however many zones name the host */
	for (size_t k = 0; k < s.npending; k++) {
		name_id t = s.pending[k];
		struct ns_at at = ns_at_of(ix, &ix->records[s.chosen[t]]);
		report_verdict(ctx, &s, &at, (enum verdict)s.verdict[t], s.naming[t] - 1);
	}
	free(s.holds);
	free(s.verdict);
	free(s.naming);
	free(s.chosen);
	free(s.pending);
	free(s.cname_target);
}

const struct rule_impl rule_ns_target_no_address = {check, NULL};
