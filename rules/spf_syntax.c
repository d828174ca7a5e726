/* spf-syntax — see docs/rules/spf-syntax.md. RFC 7208 §4.6.1: a term
 * that does not read makes the whole SPF record a permerror at every
 * receiver, and ptrlint's mail analysis cannot take the senders it meant.
 *
 * The rule reads the zones' SPF records itself, with the reader the mail
 * analysis uses (spf.c), and not the analysis: so it has no
 * RULE_READS_MAIL in rules.def, it works with every mail-* rule off, and it
 * still reports with `mail.spf: false` (a broken record is broken for the
 * receivers whether or not ptrlint takes senders from it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "spf.h"

/* Longer terms are cut in messages: a TXT record may be 64 KB. */
#define TERM_SHOWN 80

/* What ptrlint's own check loses: the senders the term names, when it
 * would have taken them (SPEC §5: an authorising ip4:/ip6:). */
static const char *senders_lost(const struct check_ctx *ctx, const struct spf_term *term)
{
	if (!ctx->cfg->mail_spf || term->qualifier != '+')
		return "";
	const char *name = term->text + (term->text[0] == '+');
	bool ip = !strncasecmp(name, "ip4", 3) || !strncasecmp(name, "ip6", 3);
	if (ip && (name[3] == ':' || name[3] == '/' || !name[3]))
		return "; ptrlint does not check the senders it names either";
	return "";
}

static void check_record(struct check_ctx *ctx, const struct record *r)
{
	struct spf_reader reader;
	if (!spf_open(&reader, r))
		return;
	struct spf_term term, first;
	memset(&first, 0, sizeof(first));
	char *first_text = NULL;
	size_t unreadable = 0;
	char why[sizeof(reader.why)];
	while (spf_next(&reader, &term)) {
		if (term.kind != SPF_UNREADABLE)
			continue;
		if (!unreadable++) {
			first = term;
			first_text = xstrdup(term.text);
			snprintf(why, sizeof(why), "%s", term.why);
		}
	}
	if (unreadable) {
		first.text = first_text;
		char more[64] = "";
		if (unreadable > 1)
			snprintf(more, sizeof(more), " (and %zu more term%s that cannot be read)",
				 unreadable - 1, unreadable > 2 ? "s" : "");
		size_t len = strlen(first_text);
		report(ctx, &(struct finding_spec){.at = r, .name = r->owner, .once_per_line = true},
		       "SPF record of %s: '%.*s%s' cannot be read: %s%s; receivers treat the whole "
		       "record as a permerror (RFC 7208 §4.6), so none of its senders passes SPF%s",
		       name_str(ctx, r->owner), len > TERM_SHOWN ? TERM_SHOWN : (int)len, first_text,
		       len > TERM_SHOWN ? "..." : "", why, more, senders_lost(ctx, &first));
	}
	free(first_text);
	spf_close(&reader);
}

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	for (size_t i = 0; i < ix->nrecords; i++)
		if (spf_record_candidate(ix, &ix->records[i]))
			check_record(ctx, &ix->records[i]);
}

const struct rule_impl rule_spf_syntax = {check, NULL};
