/* rrset-ttl-mismatch — see docs/rules/rrset-ttl-mismatch.md. RFC 2181 §5.2:
 * the records of one RRset have one TTL; servers and caches disagree on
 * which one wins when they differ. */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"

/* zone origin, type, then record order: one RRset after another */
static int compare_rrsets(const void *pa, const void *pb, void *index)
{
	const struct index *ix = index;
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	const struct record *ra = &ix->records[a], *rb = &ix->records[b];
	name_id za = ix->zones[ra->zone].origin, zb = ix->zones[rb->zone].origin;
	if (za != zb)
		return za < zb ? -1 : 1;
	if (ra->type != rb->type)
		return ra->type < rb->type ? -1 : 1;
	return a < b ? -1 : a > b;
}

static bool same_rrset(const struct index *ix, const struct record *a, const struct record *b)
{
	return a->type == b->type && ix->zones[a->zone].origin == ix->zones[b->zone].origin;
}

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	uint32_t *scratch = NULL;
	size_t cap = 0;
	for (name_id name = 1; name < ix->nnames; name++) {
		size_t n, active = 0;
		const uint32_t *ids = index_records_at(ix, name, &n);
		if (n < 2)
			continue;
		grow_array((void **)&scratch, &cap, n, sizeof(*scratch));
		for (size_t i = 0; i < n; i++) {
			const struct record *r = &ix->records[ids[i]];
			/* signatures take the TTL of the RRset they cover (RFC 4034 §3),
			 * so signatures of two types at one name may differ */
			if (!(r->flags & REC_INACTIVE) && r->type != TYPE_RRSIG && r->type != TYPE_SIG)
				scratch[active++] = ids[i];
		}
		if (active < 2)
			continue;
		qsort_r(scratch, active, sizeof(*scratch), compare_rrsets, (void *)ix);
		for (size_t start = 0; start < active;) {
			const struct record *first = &ix->records[scratch[start]];
			size_t end = start + 1;
			while (end < active && same_rrset(ix, first, &ix->records[scratch[end]]))
				end++;
			for (size_t k = start + 1; k < end; k++) {
				const struct record *r = &ix->records[scratch[k]];
				if (r->ttl == first->ttl)
					continue;
				char buf[TYPE_NAME_MAX], where[300];
				report(ctx, &(struct finding_spec){.at = r, .name = r->owner, .once_per_line = true},
				       "%s %s has TTL %u here but TTL %u at %s, in the same RRset "
				       "(RFC 2181 §5.2); servers load it with one of them and caches "
				       "may use the lowest; give every %s record of %s the same TTL",
				       name_str(ctx, r->owner), type_name(r->type, buf), r->ttl,
				       first->ttl, record_place(ix, first, r, where, sizeof(where)),
				       type_name(r->type, buf), name_str(ctx, r->owner));
				break;   /* one finding per RRset */
			}
			start = end;
		}
	}
	free(scratch);
}

const struct rule_impl rule_rrset_ttl_mismatch = {check, NULL};
