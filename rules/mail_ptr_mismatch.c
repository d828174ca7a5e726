/* mail-ptr-mismatch — see docs/rules/mail-ptr-mismatch.md. iprev fail:
 * PTRs exist, none of their names resolves back to the address (through a
 * publicly resolvable name, for a public address). */
#include "engine.h"

static void check(struct check_ctx *ctx)
{
	for (size_t i = 0; i < ctx->mail->naddresses; i++) {
		const struct mail_address *a = &ctx->mail->addresses[i];
		if (a->eval.result != IPREV_FAIL)
			continue;
		const struct record *ptr = &ctx->ix->records[a->eval.ptrs[0]];
		struct finding_spec spec = {.iprev = IPREV_FAIL};
		mail_finding_location(ctx, a, &spec);
		spec.at = ptr;   /* the PTR is what to change */
		const char *why = NULL;
		const uint8_t *target = index_wire(ctx->ix, ptr->target);
		if (addr_is_public(&a->addr) && name_publicly_unresolvable(ctx->pub, target, &why))
			report(ctx, &spec,
			       "%s has address %s whose PTR names %s, %s: no public resolver "
			       "finds it, so receivers cannot confirm the address; point the PTR "
			       "at a public name of the host", mail_subject(ctx, a),
			       addr_str(&a->addr), name_str(ctx, ptr->target), why);
		else
			report(ctx, &spec,
			       "%s has address %s but its PTR names %s%s, which does not resolve "
			       "back to %s; make the PTR name a host whose A/AAAA is %s",
			       mail_subject(ctx, a), addr_str(&a->addr), name_str(ctx, ptr->target),
			       a->eval.nptrs > 1 ? " (and other names)" : "", addr_str(&a->addr),
			       addr_str(&a->addr));
	}
}

const struct rule_impl rule_mail_ptr_mismatch = {check, NULL};
