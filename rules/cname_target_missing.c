/* cname-target-missing — see docs/rules/cname-target-missing.md. A CNAME
 * whose target does not exist answers NXDOMAIN for the alias (RFC 1034
 * §3.6.2): a stale alias, or a target written without its final dot and
 * read relative to the origin (RFC 1035 §5.1). "In scope" and "exists" are
 * the index's (SPEC §4), as for ptr-target-missing. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "dname.h"

/* What the target would be with its final dot: the target cut before one
 * of its suffixes, read as an absolute name. */
enum dot_hint {
	HINT_NONE,
	HINT_EXISTS,     /* that name exists in a loaded zone */
	HINT_TWICE,      /* that name ends in the zone's origin: the origin twice over */
	HINT_PUBLIC,     /* that name is outside the loaded zones, under a public TLD */
};

/* The labels of target before its suffix at offset cut, as an absolute name. */
static size_t cut_before(uint8_t out[NAME_WIRE_MAX], const uint8_t *target, size_t cut)
{
	memcpy(out, target, cut);
	out[cut] = 0;
	return cut + 1;
}

/* The written target most likely meant, when it was written without its
 * final dot: the suffix appended is where the name was read relative to —
 * the zone's origin or a $ORIGIN below it — and the rest is tried as an
 * absolute name, from the origin down. A sure reading (the name exists, or
 * ends in the origin again) wins over a guess from its top-level label;
 * the alias's own name is never the one meant. */
static enum dot_hint meant_name(const struct check_ctx *ctx, const uint8_t *target,
				const uint8_t *origin, const uint8_t *owner,
				uint8_t out[NAME_WIRE_MAX])
{
	const struct index *ix = ctx->ix;
	size_t offsets[128], n = 0;
	for (const uint8_t *s = target; s[0] && n < ARRAY_LEN(offsets); s = dname_parent(s))
		offsets[n++] = (size_t)(s - target);
	enum dot_hint hint = HINT_NONE;
	if (!origin[0])
		return hint;   /* the root zone: every name ends in its origin */
	uint8_t candidate[NAME_WIRE_MAX];
	/* from the longest prefix (the suffix is the origin) to the shortest */
	for (size_t k = n; k-- > 1;) {
		const uint8_t *suffix = target + offsets[k];
		if (!dname_is_at_or_below(suffix, origin))
			continue;
		cut_before(candidate, target, offsets[k]);
		/* the alias itself was not meant: that would be a loop */
		if (dname_equal(candidate, owner))
			return HINT_NONE;
		if (index_zone_of(ix, candidate) != NO_ZONE && index_name_exists(ix, candidate)) {
			memcpy(out, candidate, offsets[k] + 1);
			return HINT_EXISTS;
		}
		if (dname_is_at_or_below(candidate, origin)) {
			memcpy(out, candidate, offsets[k] + 1);
			return HINT_TWICE;
		}
		const char *why;
		if (hint == HINT_NONE && k > 1 && index_zone_of(ix, candidate) == NO_ZONE &&
		    !name_publicly_unresolvable(ctx->pub, candidate, &why)) {
			memcpy(out, candidate, offsets[k] + 1);
			hint = HINT_PUBLIC;
		}
	}
	return hint;
}

static void report_missing(struct check_ctx *ctx, const struct record *r, uint32_t zone)
{
	const uint8_t *target = index_wire(ctx->ix, r->target);
	const uint8_t *origin = index_wire(ctx->ix, ctx->ix->zones[r->zone].origin);
	uint8_t meant[NAME_WIRE_MAX];
	char meant_text[NAME_TEXT_MAX], advice[2 * NAME_TEXT_MAX + 200];
	enum dot_hint hint = meant_name(ctx, target, origin, index_wire(ctx->ix, r->owner), meant);
	if (hint != HINT_NONE)
		dname_to_text(meant_text, meant);
	switch (hint) {
	case HINT_EXISTS:
		snprintf(advice, sizeof(advice), "the final dot is missing: %s exists; write the "
			 "target as %s", meant_text, meant_text);
		break;
	case HINT_TWICE:
		snprintf(advice, sizeof(advice), "the final dot is missing (the origin appears twice); "
			 "write the target as %s (which does not exist yet either)", meant_text);
		break;
	case HINT_PUBLIC:
		snprintf(advice, sizeof(advice), "if %s was meant, the final dot is missing: write "
			 "the target as %s; else point the alias at an existing name or remove it",
			 meant_text, meant_text);
		break;
	case HINT_NONE:
		snprintf(advice, sizeof(advice), "point the alias at an existing name or remove it");
		break;
	}
	report(ctx, &(struct finding_spec){.at = r, .name = r->owner, .once_per_line = true},
	       "%s is a CNAME to %s, which does not exist in zone %s: the alias answers NXDOMAIN; %s",
	       name_str(ctx, r->owner), name_str(ctx, r->target), zone_str(ctx, zone), advice);
}

/* An ACME DNS-01 delegation (RFC 8555 §8.4): "_acme-challenge.host CNAME
 * name-in-a-validation-zone", whose TXT the ACME client writes by dynamic
 * update only while a certificate is issued. The target is missing from
 * the zone file by design (306 of them in one real repository). */
static bool acme_challenge_alias(const uint8_t *owner)
{
	static const char label[] = "_acme-challenge";
	return owner[0] == sizeof(label) - 1 && !memcmp(owner + 1, label, sizeof(label) - 1);
}

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	for (size_t i = 0; i < ix->nrecords; i++) {
		const struct record *r = &ix->records[i];
		if (r->type != TYPE_CNAME || (r->flags & REC_INACTIVE) || !r->target)
			continue;
		const uint8_t *target = index_wire(ix, r->target);
		/* the reverse trees: RFC 2317 aliases are the iprev rules' */
		if (!target[0] || name_tree_of(target) != TREE_FORWARD ||
		    acme_challenge_alias(index_wire(ix, r->owner)))
			continue;
		uint32_t zone = index_zone_of(ix, target);
		/* in a zone that lacks an $INCLUDEd file the name may be there */
		if (zone == NO_ZONE || index_zone_incomplete(ix, zone) ||
		    index_name_exists(ix, target) || index_dname_above(ix, target))
			continue;
		report_missing(ctx, r, zone);
	}
}

const struct rule_impl rule_cname_target_missing = {check, NULL};
