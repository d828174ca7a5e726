/* mail-ptr-missing — see docs/rules/mail-ptr-missing.md. iprev permerror:
 * the reverse zone is loaded but holds no PTR for the address. */
#include "engine.h"

/* Shared by the mail-* rules: where a finding about mail address a points
 * when it is not about a PTR — the host's A/AAAA, else the config line
 * (mail.senders), else the SPF record that authorises it. */
void mail_finding_location(const struct check_ctx *ctx, const struct mail_address *a,
			   struct finding_spec *spec)
{
	if (a->record != UINT32_MAX) {
		spec->at = &ctx->ix->records[a->record];
	} else if (a->sender) {
		spec->file = FILE_CONFIG;
		spec->line = a->sender->line;
		spec->zone = NO_ZONE;
	} else {
		spec->at = &ctx->ix->records[a->spf_record];
	}
	if (a->host)
		spec->name = a->host;
	else
		spec->name_text = a->sender_name;
	spec->address = &a->addr;
}

/* "mail host mail.example.com." or "sender 192.0.2.25 (helo mail.example.com.)". */
const char *mail_subject(const struct check_ctx *ctx, const struct mail_address *a)
{
	static _Thread_local char buf[1200];   /* rules run on several threads */
	if (a->host)
		snprintf(buf, sizeof(buf), "mail host %s", name_str(ctx, a->host));
	else if (a->sender)
		snprintf(buf, sizeof(buf), "mail sender%s%s (mail.senders)",
			 a->sender_name ? " " : "", a->sender_name ? a->sender_name : "");
	else
		snprintf(buf, sizeof(buf), "SPF-authorised sender%s%s",
			 a->sender_name ? " " : "", a->sender_name ? a->sender_name : "");
	return buf;
}

static void check(struct check_ctx *ctx)
{
	for (size_t i = 0; i < ctx->mail->naddresses; i++) {
		const struct mail_address *a = &ctx->mail->addresses[i];
		if (a->eval.result != IPREV_PERMERROR)
			continue;
		struct finding_spec spec = {.iprev = IPREV_PERMERROR};
		mail_finding_location(ctx, a, &spec);
		report(ctx, &spec,
		       "%s has address %s but no PTR record; add a PTR for %s naming the host",
		       mail_subject(ctx, a), addr_str(&a->addr), addr_str(&a->addr));
	}
}

const struct rule_impl rule_mail_ptr_missing = {check, NULL};
