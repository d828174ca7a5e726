/*
 * directives.c — see directives.h. Each directive is read as BIND reads
 * it (named-checkzone is the reference, tests/differential.sh the check);
 * what it changes lives in the loader's state (load_impl.h).
 */
#include "directives.h"

#include <stdlib.h>
#include <string.h>

#include "generate.h"

/* $ORIGIN name: false when the name has '@' inside it (the zone is not
 * loaded, the file read no further). */
static bool directive_origin(struct load_state *st, const struct split_entry *e,
			     uint8_t origin[NAME_WIRE_MAX + 1], const struct file_pos *at)
{
	const struct split_token *t = e->tokens;
	if (e->ntokens != 2) {
		load_report(st, at, 0, "$ORIGIN needs exactly one name");
		return true;
	}
	if (load_refuse_inner_at(st, at, "$ORIGIN", &t[1]))
		return false;
	uint8_t next[256];
	size_t n = split_token_name(next, &t[1], origin);
	if (!n) {
		load_report(st, at, 0, "$ORIGIN '%.*s' is not a valid name",
			    (int)t[1].len, t[1].text);
		return true;
	}
	memcpy(origin, next, n);
	st->origin_version++;
	return true;
}

/* $TTL ttl: the default TTL of the records after it (RFC 2308 §4). */
static void directive_ttl(struct load_state *st, const struct split_entry *e,
			  const struct file_pos *at)
{
	const struct split_token *t = e->tokens;
	uint32_t ttl;
	if (e->ntokens != 2) {
		load_report(st, at, 0, "$TTL needs one TTL value");
		return;
	}
	enum strict_ttl got = strict_ttl(t[1].text, t[1].len, &ttl);
	if (got != STRICT_TTL_OK) {
		load_report(st, at, 0, "$TTL %s%.*s%s%s", got == STRICT_TTL_RANGE ? "" : "'",
			    t[1].len > 40 ? 40 : (int)t[1].len, t[1].text,
			    t[1].len > 40 ? "..." : "", got == STRICT_TTL_RANGE
			    ? " exceeds 4294967295 seconds"
			    : "' is not a number of seconds (units: w d h m s)");
		return;
	}
	st->default_ttl = ttl;
	st->have_default_ttl = true;
}

/* $INCLUDE file [origin], file resolved against path (discover.h's
 * include resolver: the include-map, escapes, cycles). */
static void directive_include(struct load_state *st, const struct split_entry *e,
			      const char *path, const uint8_t *origin, const struct file_pos *at)
{
	const struct split_token *t = e->tokens;
	if (e->ntokens < 2 || e->ntokens > 3) {
		load_report(st, at, 0, "$INCLUDE needs a file name and an optional origin");
		return;
	}
	bool has_nul = false;
	char *written = split_token_unescape(&t[1], &has_nul);
	const char *why = NULL;
	char *target = has_nul ? NULL : resolve_include(&st->includes_map, path, written, &why);
	if (!target) {
		load_report(st, at, 0, "$INCLUDE '%s' not read: %s", written,
			    has_nul ? "NUL byte in the file name" : why);
		load_mark_incomplete(st);
		free(written);
		return;
	}
	uint8_t inc_origin[256];
	size_t n = dname_length(origin, NAME_WIRE_MAX);
	memcpy(inc_origin, origin, n);
	if (e->ntokens == 3 && !(n = split_token_name(inc_origin, &t[2], origin))) {
		load_report(st, at, 0, "$INCLUDE origin '%.*s' is not a valid name",
			    (int)t[2].len, t[2].text);
		free(written);
		free(target);
		return;
	}
	/* BIND: the included file starts with the including file's previous
	 * owner; its $ORIGIN changes do not come back */
	/* BIND: the owner before the $INCLUDE is the owner after it */
	char *saved_owner = xstrdup(st->prev_owner.data ? st->prev_owner.data : "");
	load_file(st, target, inc_origin, at);
	strbuf_reset(&st->prev_owner);
	strbuf_addstr(&st->prev_owner, saved_owner);
	free(saved_owner);
	free(written);
	free(target);
}

/* A $GENERATE that failed at value `from` makes no record from there on
 * (BIND stops at its first bad one): the owners it would have made exist,
 * their content unknown (index.h, unreadable names) — a PTR to one of
 * them is not stale. Each costs a record of record-limit. */
static void generate_unreadable(struct load_state *st, const struct split_token *owner,
				const struct generate_range *range, long from,
				const uint8_t *origin, const struct file_pos *at)
{
	char origin_text[NAME_TEXT_MAX];
	dname_to_text(origin_text, origin);
	struct strbuf made = STRBUF_INIT, absolute = STRBUF_INIT;
	for (long v = from; v <= range->stop && !owner->quoted; v += range->step) {
		const char *why;
		strbuf_reset(&made);
		if (!generate_expand(&made, owner->text, owner->len, v, &why) ||
		    !load_budget_take(st, at))
			break;
		load_absolute_owner(&absolute, made.data ? made.data : "", made.len, origin_text);
		load_mark_unreadable(st, absolute.data, absolute.len, st->zone);
		if (range->stop - v < range->step)
			break;
	}
	strbuf_release(&made);
	strbuf_release(&absolute);
}

/* $GENERATE range owner type rdata (BIND's extension): one record per
 * value, each queued like a written one. */
static void directive_generate(struct load_state *st, const struct split_entry *e,
			       const uint8_t *origin, const struct file_pos *directive)
{
	const struct split_token *t = e->tokens;
	/* its records carry the directive's line, marked as made by it */
	struct file_pos gen_at = *directive;
	gen_at.generated = true;
	const struct file_pos *at = &gen_at;
	if (e->ntokens < 5) {
		load_report(st, at, 0, "$GENERATE needs a range, an owner, a type and rdata");
		return;
	}
	struct generate_range range;
	const char *why = NULL;
	if (!generate_parse_range(&range, t[1].text, t[1].len, &why)) {
		load_report(st, at, 0, "$GENERATE range '%.*s': %s", (int)t[1].len, t[1].text, why);
		return;
	}
	unsigned long count = generate_count(&range);
	if (count > st->cfg->generate_limit) {
		load_report(st, at, 0,
			    "$GENERATE would make %lu records, more than the limit of %lu "
			    "(generate-limit); directive skipped", count, st->cfg->generate_limit);
		return;
	}
	struct split_token *gen = xcalloc(e->ntokens, sizeof(*gen));
	struct strbuf *parts = xcalloc(e->ntokens, sizeof(*parts));
	uint32_t group = ++st->generate_group;
	bool failed = false;
	long v;
	for (v = range.start; v <= range.stop; v += range.step) {
		bool ok = true;
		for (size_t k = 2; k < e->ntokens; k++) {
			strbuf_reset(&parts[k]);
			if (!generate_expand(&parts[k], t[k].text, t[k].len, v, &why)) {
				load_report(st, at, 0, "$GENERATE template '%.*s': %s",
					    (int)t[k].len, t[k].text, why);
				ok = false;
				break;
			}
			gen[k - 2].text = parts[k].data ? parts[k].data : "";
			gen[k - 2].len = parts[k].len;
			gen[k - 2].quoted = t[k].quoted;
		}
		if (!ok) {
			failed = true;
			break;
		}
		const char *fail = NULL;
		if (!load_record(st, gen, e->ntokens - 2, false, origin, at, group, v, &fail)) {
			if (!st->broken) {
				load_report(st, at, 0, "$GENERATE record for value %ld: %s", v, fail);
				failed = true;
			}
			break;   /* one finding per directive, not one per value */
		}
		if (range.stop - v < range.step)
			break;
	}
	if (failed && !st->broken)
		generate_unreadable(st, &t[2], &range, v, origin, at);
	for (size_t k = 0; k < e->ntokens; k++)
		strbuf_release(&parts[k]);
	free(parts);
	free(gen);
}

/* gdnsd's own directives (gdnsd.zonefile(5)), which no master-file
 * reader knows. */
static bool gdnsd_directive(const struct split_token *t)
{
	return split_token_is(t, "$ADDR_LIMIT_V4") || split_token_is(t, "$ADDR_LIMIT_V6");
}

bool directive_apply(struct load_state *st, const struct split_entry *e, const char *path,
		     uint8_t origin[NAME_WIRE_MAX + 1], const struct file_pos *at)
{
	const struct split_token *t = e->tokens;
	if (split_token_is(&t[0], "$ORIGIN"))
		return directive_origin(st, e, origin, at);
	if (split_token_is(&t[0], "$TTL"))
		directive_ttl(st, e, at);
	else if (split_token_is(&t[0], "$INCLUDE"))
		directive_include(st, e, path, origin, at);
	else if (split_token_is(&t[0], "$GENERATE"))
		directive_generate(st, e, origin, at);
	else if (gdnsd_directive(&t[0])) {
		load_gdnsd_file(st, at, &t[0]);
		return false;
	} else {
		load_report(st, at, 0, "unknown directive '%.*s'", (int)t[0].len, t[0].text);
	}
	return true;
}
