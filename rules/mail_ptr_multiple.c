/* mail-ptr-multiple — see docs/rules/mail-ptr-multiple.md. Receivers try
 * only some PTR names (RFC 8601 §3: at most 10) and many log or score just
 * the first, so one PTR per mail address is what works everywhere. */
#include "check.h"

enum { OPTION_MAX, OPTIONS_END };
static const struct rule_option options[] = {
	[OPTION_MAX] = {"max", OPT_POSITIVE, "1",
			"how many PTR records a mail address may have (at least 1)"},
	[OPTIONS_END] = {NULL, 0, NULL, NULL},
};

static void check(struct check_ctx *ctx)
{
	long max = ctx->options[OPTION_MAX].number;
	for (size_t i = 0; i < ctx->mail->naddresses; i++) {
		const struct mail_address *a = &ctx->mail->addresses[i];
		if ((long)a->eval.nptrs <= max)
			continue;
		struct finding_spec spec = {.iprev = a->eval.result};
		mail_finding_location(ctx, a, &spec);
		/* max >= 1 (config), so there are at least two PTRs to name */
		spec.at = &ctx->ix->records[a->eval.ptrs[max]];
		name_id names[MAIL_NAMES_MAX];
		size_t n = mail_ptr_names(ctx, a, names);
		report(ctx, &spec,
		       "%s address %s with %zu PTR records (%s, %s%s); keep one PTR naming %s%s",
		       mail_subject_has(ctx, a), addr_str(&a->addr), a->eval.nptrs,
		       name_str(ctx, ctx->ix->records[a->eval.ptrs[0]].target),
		       name_str(ctx, ctx->ix->records[a->eval.ptrs[1]].target),
		       a->eval.nptrs > 2 ? ", ..." : "", n ? mail_names_or(ctx, names, n) : "the mail host",
		       n > 1 ? " (any of them passes)" : "");
	}
}

const struct rule_impl rule_mail_ptr_multiple = {check, options};
