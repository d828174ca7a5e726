/* record-out-of-zone — see docs/rules/record-out-of-zone.md. RFC 1035 §5.2:
 * a zone file holds only names at or below its origin; servers drop the rest. */
#include "check.h"

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	for (size_t i = 0; i < ix->nrecords; i++) {
		const struct record *r = &ix->records[i];
		if (!(r->flags & REC_OUT_OF_ZONE))
			continue;
		struct finding_spec spec = {.at = r, .name = r->owner, .once_per_line = true};
		/* the zone the name belongs to, when it is loaded, tells where it should go */
		uint32_t home = index_zone_of(ix, index_wire(ix, r->owner));
		if (home != NO_ZONE && home != r->zone)
			report(ctx, &spec,
			       "owner %s is outside zone %s, so name servers ignore the record; it "
			       "belongs in zone %s (%s): move it there, or fix the $ORIGIN or the "
			       "owner", name_str(ctx, r->owner), zone_str(ctx, r->zone),
			       zone_str(ctx, home), ix->files[ix->zones[home].file]);
		else
			report(ctx, &spec,
			       "owner %s is outside zone %s, so name servers ignore the record; fix "
			       "the $ORIGIN or the owner, or move the record to the zone it belongs to", name_str(ctx, r->owner),
			       zone_str(ctx, r->zone));
	}
}

const struct rule_impl rule_record_out_of_zone = {check, NULL};
