/* ptr-target-unqualified — see docs/rules/ptr-target-unqualified.md.
 * RFC 1035 §5.1: a name without a final dot is relative to $ORIGIN, so a
 * forgotten dot in a reverse zone makes the PTR name a reverse name. */
#include <string.h>

#include "check.h"
#include "dname.h"

/* Split name into what the user wrote and the $ORIGIN that was appended:
 * the origin is the longest proper suffix that is a valid reverse name
 * (octets, nibbles, RFC 2317 labels), since a host name ends in a label
 * no reverse name has. Works whatever $ORIGIN stood above the record. */
static bool split_origin(uint8_t written[NAME_WIRE_MAX], const uint8_t **origin,
			 const uint8_t *name)
{
	size_t keep = 0;
	for (const uint8_t *s = name; s[0]; s = dname_parent(s), keep++) {
		enum reverse_kind kind = reverse_to_addr(s, NULL, NULL);
		if (kind != REVERSE_ADDRESS && kind != REVERSE_PARTIAL)
			continue;
		if (s == name)
			return false;   /* a reverse name as a whole */
		size_t len = 0;
		const uint8_t *p = name;
		for (size_t i = 0; i < keep; i++) {
			memcpy(written + len, p, (size_t)p[0] + 1);
			len += (size_t)p[0] + 1;
			p = dname_parent(p);
		}
		written[len] = 0;
		*origin = s;
		return true;
	}
	return false;
}

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	for (size_t i = 0; i < ix->nrecords; i++) {
		const struct record *r = &ix->records[i];
		if (r->type != TYPE_PTR || (r->flags & REC_INACTIVE) || !r->target)
			continue;
		const uint8_t *target = index_wire(ix, r->target);
		if (name_tree_of(target) == TREE_FORWARD)
			continue;
		struct ip_addr addr;
		if (!index_ptr_addr(ix, (uint32_t)i, &addr))
			continue;
		struct finding_spec spec = {.at = r, .name = r->owner, .address = &addr};
		uint8_t meant[NAME_WIRE_MAX];
		char meant_text[NAME_TEXT_MAX], origin_text[NAME_TEXT_MAX];
		const uint8_t *origin;
		if (!split_origin(meant, &origin, target) ||
		    name_tree_of(meant) != TREE_FORWARD) {
			report(ctx, &spec,
			       "PTR %s → %s names a reverse name, not a host; point the PTR at "
			       "the host's name, written with a final dot", addr_str(&addr),
			       name_str(ctx, r->target));
			continue;
		}
		dname_to_text(meant_text, meant);
		dname_to_text(origin_text, origin);
		if (dname_label_count(meant) > 1)
			report(ctx, &spec,
			       "PTR %s → %s lies under the reverse tree: the final dot is "
			       "missing, so %s was appended; write %s (with the final dot)",
			       addr_str(&addr), name_str(ctx, r->target), origin_text, meant_text);
		else
			report(ctx, &spec,
			       "PTR %s → %s lies under the reverse tree: '%.*s' was written "
			       "relative to %s; write the host's full name with a final dot",
			       addr_str(&addr), name_str(ctx, r->target),
			       (int)strlen(meant_text) - 1, meant_text, origin_text);
	}
}

const struct rule_impl rule_ptr_target_unqualified = {check, NULL};
