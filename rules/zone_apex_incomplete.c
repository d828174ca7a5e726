/* zone-apex-incomplete — see docs/rules/zone-apex-incomplete.md. RFC 1035
 * §5.2 and RFC 1034 §4.2.1: a zone has exactly one SOA, at its top, and NS
 * records there; named refuses a zone without them ("has 0 SOA records",
 * "has no NS records", "SOA record not at top of zone", "multiple RRs of
 * singleton type"). */
#include <stdio.h>

#include "check.h"

/* What a zone's own records show about its apex. */
struct apex_survey {
	uint32_t apex_soas;              /* SOAs at the apex: the first, and those unlike it */
	const struct record *first_soa, *second_soa;
	uint32_t misplaced;              /* SOAs in the zone but below its apex */
	const struct record *first_misplaced;
	bool soa_out_of_zone;            /* an SOA record-out-of-zone reports */
	uint32_t apex_ns;
	const struct record *first_own; /* the first record written in the zone's own file */
};

static void survey_zone(const struct index *ix, uint32_t zone, struct apex_survey *s)
{
	const struct zone *z = &ix->zones[zone];
	for (uint32_t i = z->first_record; i < z->end_record; i++) {
		const struct record *r = &ix->records[i];
		if (!s->first_own && r->file == z->file)
			s->first_own = r;
		if (r->flags & REC_OUT_OF_ZONE) {
			s->soa_out_of_zone |= r->type == TYPE_SOA;
			continue;
		}
		if (r->type == TYPE_NS && r->owner == z->origin) {
			s->apex_ns++;
			continue;
		}
		/* a transfer's closing SOA is no record of the zone; an identical
		 * copy is duplicate-record's (compared here, not by REC_DUPLICATE,
		 * which also marks the SOA of a second zone with the same origin) */
		if (r->type != TYPE_SOA || (r->flags & REC_TRANSFER_END))
			continue;
		if (r->owner != z->origin) {
			/* (a later copy of one counts once) */
			if (!s->misplaced)
				s->first_misplaced = r;
			if (!s->misplaced || !(r->flags & REC_DUPLICATE))
				s->misplaced++;
		} else if (!s->apex_soas) {
			s->apex_soas = 1;
			s->first_soa = r;
		} else if (record_data_compare(s->first_soa, r) && ++s->apex_soas == 2) {
			s->second_soa = r;
		}
	}
}

/* Does the zone hold NS records at name (where a misplaced SOA stands)? */
static bool has_ns_at(const struct index *ix, uint32_t zone, name_id name)
{
	size_t n;
	const uint32_t *ids = index_records_at(ix, name, &n);
	for (size_t i = 0; i < n; i++)
		if (ix->records[ids[i]].type == TYPE_NS && ix->records[ids[i]].zone == zone)
			return true;
	return false;
}

static void report_misplaced(struct check_ctx *ctx, uint32_t zone, const struct apex_survey *s,
			     bool ns_beside)
{
	const struct record *r = s->first_misplaced;
	const char *origin = zone_str(ctx, zone);
	char more[64] = "";
	if (s->misplaced > 1)
		snprintf(more, sizeof(more), " (and %u more SOA record%s below the apex)",
			 s->misplaced - 1, s->misplaced > 2 ? "s" : "");
	struct finding_spec spec = {.at = r, .name = r->owner, .once_per_line = true};
	if (s->apex_soas)
		report(ctx, &spec,
		       "SOA record at %s is not at the top of zone %s%s; named refuses to load "
		       "the zone (\"SOA record not at top of zone\"): a zone's one SOA stands "
		       "at its apex, remove this one", name_str(ctx, r->owner), origin, more);
	else
		report(ctx, &spec,
		       "SOA record at %s is not at the top of zone %s%s, so the zone has no SOA "
		       "at its apex and named refuses to load it (\"SOA record not at top of "
		       "zone\"): write its owner as @ or %s%s", name_str(ctx, r->owner), origin,
		       more, origin, ns_beside ? ", and the NS records beside it likewise" : "");
}

/* Where a finding about something missing points: the zone's first record
 * in its own file, else line 1 of that file. It names no name: findings
 * with a name are one per (zone, name), and the second SOA has the apex's;
 * so this one is told apart by its place and, across revisions (--since),
 * by its message, which says all that is missing. */
static struct finding_spec missing_spec(const struct index *ix, uint32_t zone,
					const struct apex_survey *s)
{
	const struct zone *z = &ix->zones[zone];
	struct finding_spec spec = {.zone = zone};
	if (s->first_own) {
		spec.at = s->first_own;
	} else {
		spec.file = z->file;
		spec.line = 1;
		spec.zone = zone;
	}
	return spec;
}

static void check_zone(struct check_ctx *ctx, uint32_t zone)
{
	const struct index *ix = ctx->ix;
	const struct zone *z = &ix->zones[zone];
	/* a record that failed to load (zone-syntax) or an $INCLUDE not read
	 * may hold what seems missing: say only what the records show */
	bool gaps_prove_nothing = z->incomplete || z->load_errors;
	const char *origin = zone_str(ctx, zone);
	if (z->first_record == z->end_record) {
		if (gaps_prove_nothing)
			return;
		struct apex_survey none = {0};
		struct finding_spec spec = missing_spec(ix, zone, &none);
		report(ctx, &spec,
		       "zone %s is empty: %s holds no records, so named refuses to load it; "
		       "add its SOA record and NS records at the apex", origin, ix->files[z->file]);
		return;
	}
	struct apex_survey s = {0};
	survey_zone(ix, zone, &s);
	bool ns_beside = s.misplaced && !s.apex_soas &&
			 has_ns_at(ix, zone, s.first_misplaced->owner);
	if (s.misplaced)
		report_misplaced(ctx, zone, &s, ns_beside);
	if (s.apex_soas > 1) {
		char first[300];
		struct finding_spec spec = {.at = s.second_soa, .name = z->origin,
					    .once_per_line = true};
		report(ctx, &spec,
		       "zone %s has a second SOA record at its apex, unlike the one at %s; a "
		       "zone has exactly one, so named refuses to load it (\"multiple RRs of "
		       "singleton type\"): keep one and remove the other%s", origin,
		       record_place(ix, s.first_soa, s.second_soa, first, sizeof(first)),
		       s.apex_soas > 2 ? "s" : "");
	}
	/* an apex that record-out-of-zone or the misplaced SOA above already
	 * reports is one mistake, not two more */
	if (gaps_prove_nothing || (s.soa_out_of_zone && !s.apex_soas && !s.misplaced))
		return;
	bool no_soa = !s.apex_soas && !s.misplaced, no_ns = !s.apex_ns && !ns_beside;
	struct finding_spec spec = missing_spec(ix, zone, &s);
	if (no_soa && no_ns)
		report(ctx, &spec,
		       "zone %s has no SOA record and no NS records at its apex, so named refuses "
		       "to load it; add an SOA record at @ and NS records naming its name "
		       "servers", origin);
	else if (no_soa)
		report(ctx, &spec,
		       "zone %s has no SOA record at its apex, so named refuses to load it; add "
		       "one at @ (primary server, contact mailbox, serial, refresh, retry, "
		       "expire, negative TTL)", origin);
	else if (no_ns)
		report(ctx, &spec,
		       "zone %s has no NS record at its apex, so named refuses to load it; add "
		       "NS records naming its name servers", origin);
}

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	for (size_t z = 0; z < ix->nzones; z++)
		if (ix->zones[z].loaded && ix->zones[z].origin)
			check_zone(ctx, (uint32_t)z);
}

const struct rule_impl rule_zone_apex_incomplete = {check, NULL};
