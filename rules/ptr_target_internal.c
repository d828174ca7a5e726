/* ptr-target-internal — see docs/rules/ptr-target-internal.md. RFC 8601
 * §3: a receiver resolves the PTR name in the public DNS, so a private
 * name on a public address can never confirm. */
#include <stdio.h>

#include "check.h"
#include "dname.h"

enum { OPTION_SUFFIXES, OPTIONS_END };
static const struct rule_option options[] = {
	[OPTION_SUFFIXES] = {"suffixes", OPT_WORDS,
			     "local\nlocaldomain\nlocalhost\nlan\nhome\ncorp\ninternal\nintranet\nprivate\n"
			     "invalid\nhome.arpa",
			     "name suffixes no public resolver answers for"},
	[OPTIONS_END] = {NULL, 0, NULL, NULL},
};

/* The configured suffix the name lies under, for the message; NULL if the
 * reason is another one. */
static const char *matching_suffix(const struct option_value *suffixes, const uint8_t *wire)
{
	for (size_t i = 0; suffixes && i < suffixes->count; i++) {
		uint8_t suffix[256];
		char text[300];
		snprintf(text, sizeof(text), "%s.", suffixes->words[i]);
		if (dname_from_text(suffix, text, NULL) && dname_is_at_or_below(wire, suffix))
			return suffixes->words[i];
	}
	return NULL;
}

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	for (size_t i = 0; i < ix->nrecords; i++) {
		const struct record *r = &ix->records[i];
		if (r->type != TYPE_PTR || (r->flags & REC_INACTIVE) || !r->target)
			continue;
		const uint8_t *target = index_wire(ix, r->target);
		/* a forgotten final dot is ptr-target-unqualified's */
		if (name_tree_of(target) != TREE_FORWARD)
			continue;
		struct ip_addr addr;
		if (!index_ptr_addr(ix, (uint32_t)i, &addr) ||
		    !addr_is_public(&addr))
			continue;
		const char *why;
		if (!name_is_internal(ctx->pub, target, &why))
			continue;
		struct finding_spec spec = {.at = r, .name = r->owner, .address = &addr};
		const char *suffix = matching_suffix(&ctx->options[OPTION_SUFFIXES], target);
		if (!target[0])
			report(ctx, &spec,
			       "PTR %s → . names the root, not a host; point the PTR at the "
			       "host's fully qualified public name", addr_str(&addr));
		else if (!dname_parent(target)[0] || name_is_address_literal(target) || !suffix)
			report(ctx, &spec,
			       "PTR %s → %s names %s, which no public resolver finds, but %s "
			       "is a public address; point the PTR at the host's fully qualified "
			       "public name", addr_str(&addr), name_str(ctx, r->target), why,
			       addr_str(&addr));
		else
			report(ctx, &spec,
			       "PTR %s → %s names a host under the non-public suffix .%s, "
			       "which no public resolver finds, but %s is a public address; "
			       "point the PTR at the host's public name", addr_str(&addr),
			       name_str(ctx, r->target), suffix, addr_str(&addr));
	}
}

const struct rule_impl rule_ptr_target_internal = {check, options};
