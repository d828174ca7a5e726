/* mail-helo-mismatch — see docs/rules/mail-helo-mismatch.md. A sender's
 * HELO name should be a PTR name of its address and resolve back to it;
 * RFC 5321 §4.1.4 forbids rejecting on this alone, but receivers score it. */
#include <string.h>

#include "check.h"
#include "dname.h"

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	for (size_t i = 0; i < ctx->cfg->nsenders; i++) {
		const struct sender *s = &ctx->cfg->senders[i];
		if (!s->helo)
			continue;
		const struct mail_address *a = mail_find_address(ctx->mail, &s->addr);
		if (!a)
			continue;
		uint8_t helo[256];
		if (!dname_from_text(helo, s->helo, NULL))
			continue;
		name_id helo_id = index_find(ix, helo, dname_length(helo, NAME_WIRE_MAX));

		/* is the helo among the PTR names? (only knowable when the
		 * reverse zone is loaded) */
		bool owner_unreadable = a->eval.unreadable &&
			(!a->eval.nptrs || ix->records[a->eval.ptrs[0]].owner == a->eval.unreadable);
		bool ptrs_known = a->eval.covered && !owner_unreadable;
		bool helo_is_ptr = false;
		for (size_t k = 0; k < a->eval.nptrs && !helo_is_ptr; k++)
			helo_is_ptr = ix->records[a->eval.ptrs[k]].target == helo_id && helo_id;
		/* does the helo resolve back? (only knowable in a loaded zone) */
		bool in_scope = false, resolves = false;
		if (helo_id)
			resolves = target_has_address(ix, helo_id, &s->addr, &in_scope);
		else {
			uint32_t zone = index_zone_of(ix, helo);
			in_scope = zone != NO_ZONE && !index_zone_incomplete(ix, zone);
		}

		struct finding_spec spec = {.name_text = s->helo, .address = &s->addr,
					    .iprev = a->eval.result};
		if (a->eval.nptrs) {
			spec.at = &ix->records[a->eval.ptrs[0]];
		} else if (a->record != UINT32_MAX) {
			spec.at = &ix->records[a->record];
		} else {
			spec.file = FILE_CONFIG;
			spec.line = s->line;
			spec.zone = NO_ZONE;
		}
		const char *addr = addr_str(&s->addr);
		if (ptrs_known && !helo_is_ptr && in_scope && !resolves)
			report(ctx, &spec,
			       "sender %s announces HELO %s, which is not a PTR name of %s%s%s%s and "
			       "does not resolve to it; use a HELO name whose A/AAAA and PTR both "
			       "match %s", addr, s->helo, addr,
			       a->eval.nptrs ? " (its PTR names " : "",
			       a->eval.nptrs ? name_str(ctx, ix->records[a->eval.ptrs[0]].target) : "",
			       a->eval.nptrs ? ")" : "", addr);
		else if (ptrs_known && !helo_is_ptr)
			report(ctx, &spec,
			       "sender %s announces HELO %s, which is not a PTR name of %s%s%s%s; "
			       "announce the PTR's name, or make the PTR name the HELO host",
			       addr, s->helo, addr, a->eval.nptrs ? " (its PTR names " : "",
			       a->eval.nptrs ? name_str(ctx, ix->records[a->eval.ptrs[0]].target) : "",
			       a->eval.nptrs ? ")" : "");
		else if (in_scope && !resolves)
			report(ctx, &spec,
			       "sender %s announces HELO %s, which does not resolve to %s; add %s "
			       "to the HELO host's A/AAAA or announce a name that has it",
			       addr, s->helo, addr, addr);
	}
}

const struct rule_impl rule_mail_helo_mismatch = {check, NULL};
