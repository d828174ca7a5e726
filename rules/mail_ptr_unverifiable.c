/* mail-ptr-unverifiable — see docs/rules/mail-ptr-unverifiable.md. */
#include "engine.h"

static void check(struct check_ctx *ctx)
{
	for (size_t i = 0; i < ctx->mail->naddresses; i++) {
		const struct mail_address *a = &ctx->mail->addresses[i];
		if (a->eval.result != IPREV_UNVERIFIABLE)
			continue;
		struct finding_spec spec = {.iprev = IPREV_UNVERIFIABLE};
		mail_finding_location(ctx, a, &spec);
		if (!a->eval.covered)
			report(ctx, &spec,
			       "%s has address %s, but no loaded reverse zone covers it, so its PTR "
			       "cannot be checked; lint the reverse zone too",
			       mail_subject(ctx, a), addr_str(&a->addr));
		else
			report(ctx, &spec,
			       "%s has address %s whose PTR names %s, a host in no loaded zone, so "
			       "it cannot be checked; lint that zone too",
			       mail_subject(ctx, a), addr_str(&a->addr),
			       name_str(ctx, ctx->ix->records[a->eval.ptrs[0]].target));
	}
}

const struct rule_impl rule_mail_ptr_unverifiable = {check, NULL};
