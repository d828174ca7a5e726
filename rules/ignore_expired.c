/* ignore-expired — see docs/rules/ignore-expired.md. An exception with an
 * `expires` date stops applying after it; saying so is what makes the
 * findings it hid come back up for review instead of by surprise. */
#include "check.h"

static void check(struct check_ctx *ctx)
{
	for (size_t i = 0; i < ctx->cfg->nignores; i++) {
		const struct ignore_entry *e = &ctx->cfg->ignores[i];
		if (!e->expired)
			continue;
		report(ctx, &(struct finding_spec){.file = FILE_CONFIG, .line = e->line,
						   .zone = NO_ZONE},
		       "ignore entry expired on %s%s%s%s and no longer applies: the findings it "
		       "hid are reported again; fix them, or extend or remove the entry",
		       e->expires, e->reason ? " (" : "", e->reason ? e->reason : "",
		       e->reason ? ")" : "");
	}
}

const struct rule_impl rule_ignore_expired = {check, NULL};
