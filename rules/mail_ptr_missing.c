/* mail-ptr-missing — see docs/rules/mail-ptr-missing.md. iprev permerror:
 * the reverse zone is loaded but holds no PTR for the address. */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "dname.h"

/* What to add, and which names the PTR may take: "add \"25 PTR a.\" to
 * zone ... (file ...); a PTR naming b. or c. passes too". */
static void missing_ptr_advice(const struct check_ctx *ctx, const struct mail_address *a,
			       struct strbuf *why, struct strbuf *advice)
{
	name_id names[MAIL_NAMES_MAX];
	size_t n = mail_ptr_names(ctx, a, names);
	struct reverse_fix fix;
	reverse_fix_find(&fix, ctx->ix, &a->addr);
	char first[NAME_TEXT_MAX + 32];
	if (n)
		snprintf(first, sizeof(first), "%s", name_str(ctx, names[0]));
	else
		snprintf(first, sizeof(first), "%s", "HOST.");   /* no name leads back: see below */
	reverse_fix_text(why, advice, ctx->ix, &fix, first);
	if (fix.kind == REVERSE_FIX_CNAME)
		return;   /* the PTR exists: only the CNAME is missing */
	if (n > 1)
		strbuf_addf(advice, "; a PTR naming %s passes too",
			    mail_names_or(ctx, names + 1, n - 1));
	else if (!n)
		strbuf_addf(advice, ", where HOST. is a name whose A/AAAA is %s",
			    addr_str(&a->addr));
}

static void check(struct check_ctx *ctx)
{
	for (size_t i = 0; i < ctx->mail->naddresses; i++) {
		const struct mail_address *a = &ctx->mail->addresses[i];
		if (a->eval.result != IPREV_PERMERROR)
			continue;
		struct finding_spec spec = {.iprev = IPREV_PERMERROR};
		mail_finding_location(ctx, a, &spec);
		struct strbuf why = STRBUF_INIT, advice = STRBUF_INIT;
		missing_ptr_advice(ctx, a, &why, &advice);
		report(ctx, &spec, "%s address %s but no PTR record%s; %s", mail_subject_has(ctx, a),
		       addr_str(&a->addr), why.data ? why.data : "", advice.data);
		strbuf_release(&why);
		strbuf_release(&advice);
	}
}

const struct rule_impl rule_mail_ptr_missing = {check, NULL};
