/* zone-syntax — see docs/rules/zone-syntax.md. The loader finds most of
 * these (it is the only module that parses); this rule hands them on, and
 * adds what only the whole zone shows: an RRset larger than a name server
 * holds. */
#include <stdlib.h>

#include "check.h"

/* BIND's master-file loader keeps an RRset's rdata, each record's with a
 * 2-byte length, in at most 65,512 bytes (lib/dns/master.c MINTSIZ: a
 * 65,535-byte message less the header, a root owner, type, class, TTL and
 * rdata length); past that it refuses the zone with "ran out of space".
 * Measured with named-checkzone 9.18: two TXT records of 100 and 65,408
 * bytes load, of 100 and 65,409 do not; 10,918 A records at one name load,
 * 10,919 do not. Identical records count once (BIND keeps one copy). */
#define RRSET_WIRE_MAX 65512u

/* zone, type, then record order (the order BIND reads them in) */
static int compare_rrset_order(const void *pa, const void *pb, void *index)
{
	const struct index *ix = index;
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	const struct record *ra = &ix->records[a], *rb = &ix->records[b];
	if (ra->zone != rb->zone)
		return ra->zone < rb->zone ? -1 : 1;
	if (ra->type != rb->type)
		return ra->type < rb->type ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* What BIND holds of a record: its rdata and the length before it. */
static size_t held_bytes(const struct index *ix, const struct record *r)
{
	return record_rdata_length(ix, r) + 2;
}

/* Records of one RRset (zone, owner, type), in file order: the record
 * that takes the sum past the limit is the one BIND cannot hold. */
static void check_rrset(struct check_ctx *ctx, const uint32_t *ids, size_t n)
{
	const struct index *ix = ctx->ix;
	size_t total = 0;
	for (size_t i = 0; i < n; i++) {
		const struct record *r = &ix->records[ids[i]];
		total += held_bytes(ix, r);
		if (total <= RRSET_WIRE_MAX)
			continue;
		char buf[TYPE_NAME_MAX];
		report(ctx, &(struct finding_spec){.at = r, .name = r->owner, .once_per_line = true},
		       "the %s RRset of %s holds %zu bytes of rdata with this record (%zu records, "
		       "each with a 2-byte length); BIND's loader takes at most %u and refuses the "
		       "zone (\"ran out of space\"): split the data over several names or shorten it",
		       type_name(r->type, buf), name_str(ctx, r->owner), total, i + 1, RRSET_WIRE_MAX);
		return;
	}
}

/* Every owner's records that BIND keeps (not out of zone, one copy of
 * each duplicate), grouped into RRsets. An owner whose records all fit
 * together needs no grouping, which keeps the usual zone to one pass. */
static void check_rrset_sizes(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	uint32_t *scratch = NULL;
	size_t cap = 0;
	for (name_id name = 1; name < ix->nnames; name++) {
		size_t n, kept = 0, total = 0;
		const uint32_t *ids = index_records_at(ix, name, &n);
		for (size_t i = 0; i < n; i++)
			if (!(ix->records[ids[i]].flags & (REC_OUT_OF_ZONE | REC_DUPLICATE)))
				total += held_bytes(ix, &ix->records[ids[i]]);
		if (total <= RRSET_WIRE_MAX)
			continue;
		grow_array((void **)&scratch, &cap, n, sizeof(*scratch));
		for (size_t i = 0; i < n; i++)
			if (!(ix->records[ids[i]].flags & (REC_OUT_OF_ZONE | REC_DUPLICATE)))
				scratch[kept++] = ids[i];
		qsort_r(scratch, kept, sizeof(*scratch), compare_rrset_order, (void *)ix);
		for (size_t start = 0; start < kept;) {
			const struct record *first = &ix->records[scratch[start]];
			size_t end = start + 1;
			while (end < kept && ix->records[scratch[end]].zone == first->zone &&
			       ix->records[scratch[end]].type == first->type)
				end++;
			check_rrset(ctx, scratch + start, end - start);
			start = end;
		}
	}
	free(scratch);
}

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	for (size_t i = 0; i < ix->nproblems; i++) {
		const struct load_problem *p = &ix->problems[i];
		if (p->rule != RULE_zone_syntax)
			continue;
		report(ctx, &(struct finding_spec){
			.file = p->file, .line = p->line, .zone = p->zone,
			.name = p->owner, .severity = p->severity,
		}, "%s", p->message);
	}
	check_rrset_sizes(ctx);
}

const struct rule_impl rule_zone_syntax = {check, NULL};
