/* reverse-owner-invalid — see docs/rules/reverse-owner-invalid.md.
 * RFC 1035 §3.5 and RFC 3596 §2.5: a PTR owner is an address, one decimal
 * octet or one hex nibble per label; any other name is never queried. */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "dname.h"

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	/* RFC 2317 lets a delegated block name its PTR owners freely
	 * ("25.customer1.2.0.192.in-addr.arpa."): resolvers reach them through
	 * a CNAME from the real reverse name, so such an owner is fine */
	uint8_t *aliased = xcalloc(ix->nnames / 8 + 1, 1);
	for (size_t i = 0; i < ix->nrecords; i++) {
		const struct record *r = &ix->records[i];
		if (r->type == TYPE_CNAME && !(r->flags & REC_INACTIVE) && r->target &&
		    name_tree_of(index_wire(ix, r->owner)) != TREE_FORWARD)
			aliased[r->target / 8] |= (uint8_t)(1u << (r->target % 8));
	}
	for (size_t i = 0; i < ix->nrecords; i++) {
		const struct record *r = &ix->records[i];
		if (r->type != TYPE_PTR || !(r->flags & REC_BAD_REVERSE_OWNER) ||
		    (r->flags & REC_DUPLICATE) || (aliased[r->owner / 8] & (1u << (r->owner % 8))))
			continue;
		const uint8_t *owner = index_wire(ix, r->owner);
		/* a wildcard PTR (RFC 4592) is legal DNS: judge the name it stands below */
		bool wildcard = owner[0] == 1 && owner[1] == '*';
		const uint8_t *judged = wildcard ? dname_parent(owner) : owner;
		const char *why = NULL;
		char reason[NAME_TEXT_MAX + 200];
		enum reverse_kind kind = reverse_to_addr(judged, NULL, &why);
		if (kind == REVERSE_INVALID) {
			/* why points into a buffer the next call reuses */
			snprintf(reason, sizeof(reason), "%s", why ? why : "not an address");
		} else if (kind == REVERSE_PARTIAL && !wildcard) {
			bool v6 = name_tree_of(owner) == TREE_V6;
			size_t labels = dname_label_count(owner) - 2, depth = labels;
			const uint8_t *l = owner;
			for (size_t k = 0; k < labels; k++, l = dname_parent(l))
				if (!v6 && classless_label(l, NULL, NULL))
					depth--;   /* "64/26" stands for no octet of its own */
			snprintf(reason, sizeof(reason),
				 "wrong depth: %zu %s where an address has %d", depth,
				 v6 ? (depth == 1 ? "nibble label" : "nibble labels")
				    : (depth == 1 ? "octet label" : "octet labels"),
				 v6 ? 32 : 4);
		} else if (kind == REVERSE_ADDRESS && wildcard) {
			char parent[NAME_TEXT_MAX];
			dname_to_text(parent, judged);
			snprintf(reason, sizeof(reason),
				 "a wildcard below the whole address %s matches no reverse name",
				 parent);
		} else {
			continue;
		}
		report(ctx, &(struct finding_spec){.at = r, .name = r->owner},
		       "PTR owner %s is not an address: %s; no address lookup reaches this "
		       "PTR, so write the owner as the address's full reverse name",
		       name_str(ctx, r->owner), reason);
	}
	free(aliased);
}

const struct rule_impl rule_reverse_owner_invalid = {check, NULL};
