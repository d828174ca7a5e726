/* mail-host-no-address — see docs/rules/mail-host-no-address.md. An MX
 * target or configured mail host in a loaded zone with no A/AAAA: mail to
 * the domain bounces or goes to the next MX (RFC 5321 §5.1). */
#include "check.h"

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	for (size_t i = 0; i < ctx->mail->nhosts; i++) {
		const struct mail_host *h = &ctx->mail->hosts[i];
		if (!h->in_scope || h->naddresses)
			continue;
		/* its zone lacks an $INCLUDEd file, where the address may be */
		if (index_zone_incomplete(ix, index_zone_of(ix, index_wire(ix, h->name))))
			continue;
		/* an address written as a name is mx-target-address-literal's */
		if (ctx->cfg->severity[RULE_mx_target_address_literal] != SEV_OFF &&
		    name_is_address_literal(index_wire(ix, h->name)))
			continue;
		struct finding_spec spec = {.name = h->name};
		if (h->record != UINT32_MAX) {
			spec.at = &ix->records[h->record];
		} else {
			spec.file = FILE_CONFIG;
			spec.line = ctx->cfg->mail_line;
			spec.zone = NO_ZONE;
		}
		const char *what = h->source == MAIL_FROM_MX ? "MX target" : "mail host";
		uint8_t const *wire = index_wire(ix, h->name);
		if (!index_name_exists(ix, wire))
			report(ctx, &spec, "%s %s does not exist in zone %s; add its A/AAAA "
			       "records or fix the name", what, name_str(ctx, h->name),
			       zone_str(ctx, index_zone_of(ix, wire)));
		else
			report(ctx, &spec, "%s %s has no A or AAAA record%s; add its address",
			       what, name_str(ctx, h->name), h->via_cname ? " (after its CNAME)" : "");
	}
}

const struct rule_impl rule_mail_host_no_address = {check, NULL};
