/* mail-ptr-mismatch — see docs/rules/mail-ptr-mismatch.md. iprev fail:
 * PTRs exist, none of their names resolves back to the address (through a
 * publicly resolvable name, for a public address). */
#include <stdio.h>

#include "check.h"
#include "dname.h"

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
		bool unresolvable = addr_is_public(&a->addr) &&
				    name_publicly_unresolvable(ctx->pub, target, &why);
		/* the names that would pass: any host or sender of the address
		 * that owns it (SPEC §5) */
		name_id names[MAIL_NAMES_MAX];
		size_t n = mail_ptr_names(ctx, a, names);
		char fix[MAIL_NAMES_MAX * (NAME_TEXT_MAX + 4) + 64];
		if (n == 1)
			snprintf(fix, sizeof(fix), "make the PTR name %s", name_str(ctx, names[0]));
		else if (n)
			snprintf(fix, sizeof(fix), "make the PTR name %s (any of them passes)",
				 mail_names_or(ctx, names, n));
		else if (unresolvable)
			snprintf(fix, sizeof(fix), "point the PTR at a public name of the host");
		else
			snprintf(fix, sizeof(fix), "make the PTR name a host whose A/AAAA is %s",
				 addr_str(&a->addr));
		if (unresolvable)
			report(ctx, &spec,
			       "%s address %s whose PTR names %s, %s: no public resolver "
			       "finds it, so receivers cannot confirm the address; %s",
			       mail_subject_has(ctx, a), addr_str(&a->addr), name_str(ctx, ptr->target),
			       why, fix);
		else
			report(ctx, &spec,
			       "%s address %s but its PTR names %s%s, which does not resolve "
			       "back to %s; %s", mail_subject_has(ctx, a), addr_str(&a->addr),
			       name_str(ctx, ptr->target),
			       a->eval.nptrs > 1 ? " (and other names)" : "", addr_str(&a->addr), fix);
	}
}

const struct rule_impl rule_mail_ptr_mismatch = {check, NULL};
