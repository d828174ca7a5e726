/*
 * mail_text.c — the message helpers the mail-* rules share (mail.h): where
 * a finding about a mail address points, who uses the address, which names
 * its PTR may take. They read the mail analysis and the index through the
 * check context and write only buffers of the calling thread.
 */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "dname.h"
#include "mail.h"

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

/* One host or sender as messages name it. */
static void add_role(struct strbuf *sb, const struct check_ctx *ctx, enum mail_role role,
		     name_id name, const char *name_text)
{
	const char *text = name ? name_str(ctx, name) : name_text;
	if (role == MAIL_ROLE_HOST)
		strbuf_addf(sb, "mail host %s", text);
	else if (role == MAIL_ROLE_SENDER)
		strbuf_addf(sb, "mail sender%s%s (mail.senders)", text ? " " : "", text ? text : "");
	else
		strbuf_addf(sb, "SPF-authorised sender%s%s", text ? " " : "", text ? text : "");
}

/* "mail host mail.example.com. has", or for a shared address "mail host
 * a., mail host b. and mail sender c. (mail.senders) have" (SPEC §5: every
 * host and sender of the address, up to 8, then a count). */
const char *mail_subject_has(const struct check_ctx *ctx, const struct mail_address *a)
{
	static _Thread_local char buf[MAIL_NAMES_MAX * (NAME_TEXT_MAX + 40) + 64];
	struct strbuf sb = STRBUF_INIT;
	enum mail_role lead = a->host ? MAIL_ROLE_HOST : a->sender ? MAIL_ROLE_SENDER : MAIL_ROLE_SPF;
	add_role(&sb, ctx, lead, a->host, a->sender_name);
	size_t shown = a->nsharers < MAIL_NAMES_MAX - 1 ? a->nsharers : MAIL_NAMES_MAX - 1;
	size_t more = a->nsharers - shown;
	for (size_t i = 0; i < shown; i++) {
		const struct mail_sharer *sh = &ctx->mail->sharers[a->first_sharer + i];
		strbuf_addstr(&sb, i + 1 == shown && !more ? " and " : ", ");
		add_role(&sb, ctx, sh->role, sh->name, NULL);
	}
	if (more)
		strbuf_addf(&sb, " and %zu more", more);
	strbuf_addstr(&sb, a->nsharers ? " have" : " has");
	snprintf(buf, sizeof(buf), "%s", sb.data);
	strbuf_release(&sb);
	return buf;
}

static int compare_names(const void *pa, const void *pb)
{
	name_id a = *(const name_id *)pa, b = *(const name_id *)pb;
	return (a > b) - (a < b);
}

/* May a PTR for a name this candidate? owners: the names that own an
 * A/AAAA with the address, sorted. */
static bool ptr_may_name(const struct check_ctx *ctx, const struct mail_address *a,
			 const name_id *owners, size_t nowners, name_id name)
{
	const char *why;
	return name && bsearch(&name, owners, nowners, sizeof(*owners), compare_names) &&
	       !(addr_is_public(&a->addr) &&
		 name_publicly_unresolvable(ctx->pub, index_wire(ctx->ix, name), &why));
}

size_t mail_ptr_names(const struct check_ctx *ctx, const struct mail_address *a,
		      name_id out[MAIL_NAMES_MAX])
{
	const struct index *ix = ctx->ix;
	size_t nrefs;
	const struct addr_ref *refs = index_hosts_of(ix, &a->addr, &nrefs);
	name_id *owners = xmalloc((nrefs ? nrefs : 1) * sizeof(*owners));
	for (size_t i = 0; i < nrefs; i++)
		owners[i] = ix->records[refs[i].record].owner;
	qsort(owners, nrefs, sizeof(*owners), compare_names);
	size_t n = 0;
	name_id lead = a->host ? a->host : a->sender_id;
	if (ptr_may_name(ctx, a, owners, nrefs, lead))
		out[n++] = lead;
	for (size_t i = 0; i < a->nsharers && n < MAIL_NAMES_MAX; i++) {
		name_id name = ctx->mail->sharers[a->first_sharer + i].name;
		if (ptr_may_name(ctx, a, owners, nrefs, name))
			out[n++] = name;
	}
	/* a mail host reached through a CNAME: the name that owns the address */
	if (!n && a->record != UINT32_MAX &&
	    ptr_may_name(ctx, a, owners, nrefs, ix->records[a->record].owner))
		out[n++] = ix->records[a->record].owner;
	free(owners);
	return n;
}

const char *mail_names_or(const struct check_ctx *ctx, const name_id *names, size_t n)
{
	static _Thread_local char buf[MAIL_NAMES_MAX * (NAME_TEXT_MAX + 4)];
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && len < sizeof(buf); i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
					i == 0 ? "" : i + 1 == n ? " or " : ", ",
					name_str(ctx, names[i]));
	return buf;
}
