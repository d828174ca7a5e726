/* duplicate-record — see docs/rules/duplicate-record.md. RFC 2181 §5: an
 * RRset is a set, so servers keep one copy of a repeated record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dname.h"

/* As the index flags copies: zone origin, type, data, then record order,
 * so the first copy of each group is the original. */
static int compare_copies(const void *pa, const void *pb, void *index)
{
	const struct index *ix = index;
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	const struct record *ra = &ix->records[a], *rb = &ix->records[b];
	name_id za = ix->zones[ra->zone].origin, zb = ix->zones[rb->zone].origin;
	if (za != zb)
		return za < zb ? -1 : 1;
	int c = record_data_compare(ra, rb);
	if (c)
		return c;
	return a < b ? -1 : a > b;
}

static bool same_record(const struct index *ix, const struct record *a, const struct record *b)
{
	return ix->zones[a->zone].origin == ix->zones[b->zone].origin &&
	       !record_data_compare(a, b);
}

/* " 192.0.2.80" or " mail.example.com.": enough of the data to recognise it. */
static void data_hint(const struct check_ctx *ctx, const struct record *r, char *buf, size_t cap)
{
	buf[0] = '\0';
	if ((r->type == TYPE_A && r->rdlen == 4) || (r->type == TYPE_AAAA && r->rdlen == 16)) {
		struct ip_addr addr;
		record_address(r, &addr);
		snprintf(buf, cap, " %s", addr_str(&addr));
	} else if (r->type == TYPE_MX && r->target) {
		snprintf(buf, cap, " %u %s", r->preference, name_str(ctx, r->target));
	} else if (r->target) {
		snprintf(buf, cap, " %s", name_str(ctx, r->target));
	}
}

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	uint32_t *scratch = NULL;
	size_t cap = 0;
	for (name_id name = 1; name < ix->nnames; name++) {
		size_t n;
		const uint32_t *ids = index_records_at(ix, name, &n);
		bool any = false;
		for (size_t i = 0; i < n && !any; i++)
			any = ix->records[ids[i]].flags & REC_DUPLICATE;
		if (!any)
			continue;
		grow_array((void **)&scratch, &cap, n, sizeof(*scratch));
		memcpy(scratch, ids, n * sizeof(*scratch));
		qsort_r(scratch, n, sizeof(*scratch), compare_copies, (void *)ix);
		const struct record *original = NULL;
		for (size_t i = 0; i < n; i++) {
			const struct record *r = &ix->records[scratch[i]];
			if (!original || !same_record(ix, original, r))
				original = r;
			if (!(r->flags & REC_DUPLICATE) || r == original)
				continue;
			char type_buf[TYPE_NAME_MAX], data[NAME_TEXT_MAX + 16], where[300], ttl[64] = "";
			data_hint(ctx, r, data, sizeof(data));
			if (r->ttl != original->ttl)
				snprintf(ttl, sizeof(ttl), " (with TTL %u, not %u)",
					 r->ttl, original->ttl);
			struct finding_spec spec = {.at = r, .name = r->owner, .once_per_line = true};
			struct ip_addr addr;
			if ((r->type == TYPE_A && r->rdlen == 4) || (r->type == TYPE_AAAA && r->rdlen == 16)) {
				/* keeps copies of two different addresses at one name apart */
				record_address(r, &addr);
				spec.address = &addr;
			}
			report(ctx, &spec,
			       "%s %s%s repeats the record at %s%s; a server keeps one copy, so remove "
			       "this one (or correct it if another record was meant)",
			       name_str(ctx, r->owner), type_name(r->type, type_buf), data,
			       record_place(ix, original, r, where, sizeof(where)), ttl);
		}
	}
	free(scratch);
}

const struct rule_impl rule_duplicate_record = {check, NULL};
