/* cname-and-other-data — see docs/rules/cname-and-other-data.md. RFC 1034
 * §3.6.2, RFC 2181 §10.1: a CNAME owner holds nothing else (DNSSEC records
 * aside, RFC 4035 §2.5) and only one CNAME.
 *
 * Unlike the other rules, this one also counts records that feed no other
 * rule (SPEC §4) but that BIND still loads: glue and other data below a
 * zone cut, a record in the wrong tree, a PTR at an owner that is no
 * address. BIND refuses "CNAME and other data" at any name of the file,
 * and SPEC §4 wants an error wherever named-checkzone refuses a zone.
 * Out-of-zone records (BIND ignores them) and duplicate copies (BIND keeps
 * one) are still left out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static bool allowed_beside_cname(uint16_t type)
{
	return type == TYPE_RRSIG || type == TYPE_NSEC || type == TYPE_NSEC3 || type == TYPE_KEY;
}

/* Records BIND keeps in the zone it loads. */
static bool loaded_by_bind(const struct record *r)
{
	return !(r->flags & (REC_OUT_OF_ZONE | REC_DUPLICATE));
}

static bool owns_loaded_cname(const struct index *ix, name_id name)
{
	size_t n;
	const uint32_t *ids = index_records_at(ix, name, &n);
	for (size_t i = 0; i < n; i++)
		if (ix->records[ids[i]].type == TYPE_CNAME && loaded_by_bind(&ix->records[ids[i]]))
			return true;
	return false;
}

/* At or below a zone cut the data is occluded: resolvers get the
 * delegation and never see it, but BIND still refuses to load the zone. */
static const char *occluded_note(const struct record *a, const struct record *b)
{
	if (!((a->flags | (b ? b->flags : 0)) & REC_GLUE))
		return "";
	return " (at or below a zone cut: resolvers get the delegation and never see it, but "
	       "BIND refuses to load the zone all the same)";
}

/* zone origin, then record order */
static int compare_by_zone(const void *pa, const void *pb, void *index)
{
	const struct index *ix = index;
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	name_id za = ix->zones[ix->records[a].zone].origin;
	name_id zb = ix->zones[ix->records[b].zone].origin;
	if (za != zb)
		return za < zb ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* One zone's records at one owner that BIND loads, in record order. */
static void check_group(struct check_ctx *ctx, const uint32_t *ids, size_t n)
{
	const struct index *ix = ctx->ix;
	const struct record *cname = NULL, *second = NULL, *other = NULL;
	char types[128] = "";
	size_t ntypes = 0;
	uint16_t seen[4];
	for (size_t i = 0; i < n; i++) {
		const struct record *r = &ix->records[ids[i]];
		if (r->type == TYPE_CNAME) {
			if (!cname)
				cname = r;
			else if (!second)
				second = r;
			continue;
		}
		if (allowed_beside_cname(r->type))
			continue;
		if (!other)
			other = r;
		bool known = false;
		for (size_t k = 0; k < ntypes && k < ARRAY_LEN(seen); k++)
			known = known || seen[k] == r->type;
		if (known)
			continue;
		char buf[TYPE_NAME_MAX];
		size_t len = strlen(types);
		if (ntypes < ARRAY_LEN(seen)) {
			seen[ntypes] = r->type;
			snprintf(types + len, sizeof(types) - len, "%s%s", ntypes ? ", " : "",
				 type_name(r->type, buf));
		} else if (ntypes == ARRAY_LEN(seen)) {
			snprintf(types + len, sizeof(types) - len, ", ...");
		}
		ntypes++;
	}
	if (!cname || (!other && !second))
		return;
	char p1[300], p2[300], p3[300];
	if (other) {
		char extra[400] = "";
		if (second)
			snprintf(extra, sizeof(extra), "; it also has a second CNAME (%s)",
				 record_place(ix, second, other, p3, sizeof(p3)));
		report(ctx, &(struct finding_spec){.at = other, .name = other->owner, .once_per_line = true},
		       "%s is a CNAME (%s) but also has %s records (first at %s)%s%s; a CNAME owner can hold "
		       "no other records (RFC 1034 §3.6.2, RFC 2181 §10.1) and resolvers follow "
		       "the CNAME to %s; keep either the CNAME or the other records",
		       name_str(ctx, other->owner), record_place(ix, cname, other, p1, sizeof(p1)), types,
		       record_place(ix, other, other, p2, sizeof(p2)), extra, occluded_note(cname, other),
		       name_str(ctx, cname->target));
	} else {
		report(ctx, &(struct finding_spec){.at = second, .name = second->owner, .once_per_line = true},
		       "%s has two CNAMEs (%s to %s, %s to %s)%s; a name can be an alias for only "
		       "one name (RFC 2181 §10.1); keep one CNAME",
		       name_str(ctx, second->owner), record_place(ix, cname, second, p1, sizeof(p1)),
		       name_str(ctx, cname->target), record_place(ix, second, second, p2, sizeof(p2)),
		       name_str(ctx, second->target), occluded_note(cname, second));
	}
}

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	uint32_t *scratch = NULL;
	size_t cap = 0;
	for (name_id name = 1; name < ix->nnames; name++) {
		if (!owns_loaded_cname(ix, name))
			continue;
		size_t n, active = 0;
		const uint32_t *ids = index_records_at(ix, name, &n);
		grow_array((void **)&scratch, &cap, n, sizeof(*scratch));
		for (size_t i = 0; i < n; i++)
			if (loaded_by_bind(&ix->records[ids[i]]))
				scratch[active++] = ids[i];
		/* an owner may sit in two zones (a parent's cut, the child's apex) */
		qsort_r(scratch, active, sizeof(*scratch), compare_by_zone, (void *)ix);
		for (size_t start = 0; start < active;) {
			size_t end = start + 1;
			while (end < active && ix->zones[ix->records[scratch[end]].zone].origin ==
					       ix->zones[ix->records[scratch[start]].zone].origin)
				end++;
			check_group(ctx, scratch + start, end - start);
			start = end;
		}
	}
	free(scratch);
}

const struct rule_impl rule_cname_and_other_data = {check, NULL};
