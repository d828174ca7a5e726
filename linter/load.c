/*
 * load.c — see load.h: the orchestration of a load (requests, origins,
 * files, records into the pipeline, the zone bookkeeping); directives are
 * directives.c's, origin inference origin.c's, the parse pipeline
 * pipeline.c's. ldns's zone reader cannot do $INCLUDE, $GENERATE,
 * comments or exact lines, so split.c cuts the text into entries and this
 * file turns each record entry into one line of text ("owner ttl IN type
 * rdata") for ldns_rr_new_frm_str, then copies what rules need into the
 * index and frees the ldns object at once.
 */
#include "load.h"
#include "load_impl.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ldns/ldns.h>

#include "directives.h"
#include "dname.h"
#include "origin.h"
#include "parse.h"
#include "pipeline.h"
#include "split.h"
#include "strict.h"

/* $INCLUDEs read for one zone, counting a file each time: 13 files of ten
 * "$INCLUDE next" lines each would otherwise make 10^12 reads (a zone-file
 * billion laughs; no cycle and no deep nesting is needed). */
#define INCLUDE_MAX_PER_ZONE 10000
/* Text read again (a file $INCLUDEd again, or loaded as another zone), in
 * bytes per record of record-limit: a 1 MB file of comments included
 * 10,000 times makes no record but 10 GB of reading. A line of a zone
 * takes some 30 to 60 bytes, so a file reused for records runs into
 * record-limit first; this catches text that makes none. */
#define REREAD_BYTES_PER_RECORD 128

/* ---- record text helpers ---- */

/* Words a token is compared with, case-insensitively, lengths first:
 * classes and types are asked of every record, strlen per word adds up. */
struct word {
	const char *text;
	size_t len;
};
#define WORD(s) {s, sizeof(s) - 1}

/* ASCII case folding, as DNS classes and types compare (RFC 4343):
 * strncasecmp went through the locale for every token of every record. */
static bool token_in(const struct split_token *t, const struct word *words, size_t n)
{
	for (size_t i = 0; !t->quoted && i < n; i++)
		if (words[i].len == t->len && ascii_equal_n(t->text, words[i].text, t->len))
			return true;
	return false;
}

/* The types of nearly every record: known without asking ldns, whose
 * lookup by name compares against every type it has. */
static bool common_type(const struct split_token *t)
{
	static const struct word types[] = {
		WORD("A"), WORD("AAAA"), WORD("PTR"), WORD("CNAME"), WORD("NS"), WORD("MX"),
		WORD("TXT"), WORD("SOA"),
	};
	return token_in(t, types, ARRAY_LEN(types));
}

/* A name's presentation text from its wire form, for ldns (which wants text). */
static void wire_text(char out[NAME_TEXT_MAX], const uint8_t *wire)
{
	dname_to_text(out, wire);
}

/* ---- loading one zone ---- */

/* The budget is spent: say so where, and stop. The zone being loaded is
 * dropped like one with '@' in an owner (its names unverifiable, not
 * wrongly missing) and no later zone is read. */
static void stop_loading(struct load_state *st, const struct file_pos *at, const char *what)
{
	index_add_problem(st->ix, at->file, at->line, st->zone, 0, RULE_zone_syntax,
			  "%s; loading stops here: this zone and the zones after it are not "
			  "loaded (raise record-limit in the config if the zones are this big)",
			  what);
	st->exhausted = true;
	st->broken = true;
}

/* One more record or problem against record-limit; false when it is
 * spent (said once, at `at`). */
bool load_budget_take(struct load_state *st, const struct file_pos *at)
{
	if (st->exhausted)
		return false;
	if (st->entries < st->cfg->record_limit) {
		st->entries++;
		return true;
	}
	char what[128];
	snprintf(what, sizeof(what), "more than %lu records and load problems (record-limit)",
		 st->cfg->record_limit);
	stop_loading(st, at, what);
	return false;
}

/* A problem costs as much as a record (a file of bad lines, included
 * again and again, would otherwise grow without bound), except one about
 * a record that was counted when it was queued. */
void load_report(struct load_state *st, const struct file_pos *at, name_id owner,
		 const char *fmt, ...)
{
	/* a record being committed was counted when it was queued */
	if (!st->pipeline.committing && !load_budget_take(st, at))
		return;
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	index_add_problem(st->ix, at->file, at->line, st->zone, owner, RULE_zone_syntax, "%s", msg);
	free(msg);
}

/* ldns 1.8.3 reads at most 65,535 characters of a record's rdata text
 * and silently drops the rest, so a TXT near the 64 KB that BIND loads
 * (256 quoted strings of 254 bytes are 66,048 characters) came out cut
 * short. Such a record's rdata is built here from its strings, which
 * strict_rdata() has checked (each at most 255 bytes, 65,510 in all); ldns
 * still parses the owner, TTL and type. */
#define LDNS_RDATA_TEXT_SAFE 60000

static const uint8_t *long_txt_rdata(struct load_state *st, const char *type,
				     const struct split_token *rdata, size_t n, uint16_t *rdlen)
{
	if (strcasecmp(type, "TXT") && strcasecmp(type, "SPF"))
		return NULL;
	size_t text = 0;
	for (size_t k = 0; k < n; k++)
		text += rdata[k].len + 1;
	/* RFC 3597's "\# len hex" is ldns's to read, however long */
	if (text <= LDNS_RDATA_TEXT_SAFE ||
	    (rdata[0].len == 2 && !rdata[0].quoted && !strncmp(rdata[0].text, "\\#", 2)))
		return NULL;
	struct strbuf wire = STRBUF_INIT, one = STRBUF_INIT;
	for (size_t k = 0; k < n; k++) {
		strbuf_reset(&one);
		split_token_unescape_to(&one, &rdata[k]);
		strbuf_addch(&wire, (char)(uint8_t)one.len);
		if (one.len)
			strbuf_add(&wire, one.data, one.len);
	}
	*rdlen = (uint16_t)wire.len;
	const uint8_t *kept = arena_memdup_bytes(&st->ix->rdata_arena, wire.data, wire.len);
	strbuf_release(&one);
	strbuf_release(&wire);
	return kept;
}

/* A file that is no master file yet (an unrendered template) or none at
 * all (gdnsd's own syntax): said once, at its first sign, and the zone is
 * not loaded, like one with '@' inside an owner — its names become
 * unverifiable, not wrongly missing, and the lines that follow give no
 * error each. */
static void not_a_master_file(struct load_state *st, const struct file_pos *at, bool included,
			      const char *looks, const char *fix)
{
	/* a fragment is read because a zone includes it: only fixing it helps */
	load_report(st, at, 0, "this file looks like %s: %s%s; %s", looks, fix,
		    included ? "" : ", or keep it out of the zones ptrlint reads (config zones, "
		    "zone-patterns)",
		    included ? "the zones that $INCLUDE it are not loaded" : "the zone is not loaded");
	st->broken = true;
}

/* gdnsd's own syntax (gdnsd.zonefile(5)), which no master-file reader
 * knows: DYNA and DYNC records, whose TTL may carry a limit ("600/10"),
 * and the $ADDR_LIMIT_V4 / $ADDR_LIMIT_V6 directives. */
static bool gdnsd_type(const struct split_token *t)
{
	static const struct word types[] = {WORD("DYNA"), WORD("DYNC")};
	return token_in(t, types, ARRAY_LEN(types));
}

static bool gdnsd_limited_ttl(const struct split_token *t)
{
	const char *slash = t->quoted ? NULL : memchr(t->text, '/', t->len);
	return slash && slash > t->text && split_digits(t->text, (size_t)(slash - t->text)) &&
	       split_digits(slash + 1, t->len - (size_t)(slash - t->text) - 1);
}

void load_gdnsd_file(struct load_state *st, const struct file_pos *at, const struct split_token *t)
{
	char looks[96];
	snprintf(looks, sizeof(looks), "a gdnsd zone file ('%.*s' is gdnsd's own syntax)",
		 t->len > 24 ? 24 : (int)t->len, t->text);
	not_a_master_file(st, at, st->depth > 1, looks,
			  "lint what gdnsd serves instead (a zone transfer, dig axfr)");
}

/* A record owned by the absolute name text[0..len) did not load (or a
 * failed $GENERATE would have made it): the name exists, its content
 * unknown (index.h, unreadable names). */
void load_mark_unreadable(struct load_state *st, const char *text, size_t len, uint32_t zone)
{
	if (!len || len >= NAME_TEXT_MAX)
		return;
	char name[NAME_TEXT_MAX];
	memcpy(name, text, len);
	name[len] = '\0';
	uint8_t wire[256];
	size_t n = dname_from_text(wire, name, NULL);
	if (n)
		index_add_unreadable(st->ix, wire, n, zone);
}

/* The owner at the start of a queued record's text ("owner ttl IN type
 * rdata", the owner absolute and escaped as written): up to the first
 * space that no backslash escapes. */
static size_t owner_text_length(const char *text)
{
	size_t i = 0;
	while (text[i] && text[i] != ' ')
		i += text[i] == '\\' && text[i + 1] ? 2 : 1;
	return i;
}

/* Copy one parsed record into the index (the pipeline's commit). */
static void commit_record(void *ctx, const struct pending *p, const struct parse_result *res,
			  const struct parse_job *job, const char *text)
{
	struct load_state *st = ctx;
	struct zone *z = &st->ix->zones[p->zone];
	if (!z->loaded)
		return;   /* '@' inside an owner turned up later in this zone */
	struct file_pos at = {p->file, p->line, p->flags & REC_GENERATED};
	if (res->status || (p->group && p->group == st->failed_group))
		load_mark_unreadable(st, text, owner_text_length(text), p->zone);
	if (p->group && p->group == st->failed_group)
		return;   /* BIND stops a $GENERATE at its first bad record */
	if (res->status) {
		char type[32];
		snprintf(type, sizeof(type), "%.*s", p->type_len, text + p->type_off);
		for (char *c = type; *c; c++)
			*c = (char)toupper((unsigned char)*c);
		/* ldns's texts start upper-case: lower-case the first letter */
		char reason[STRICT_WHY_MAX];
		const char *rdata = text + p->type_off + p->type_len;
		if (!p->type_off || !*rdata ||
		    !strict_address_why(type, rdata + 1, reason, sizeof(reason))) {
			snprintf(reason, sizeof(reason), "%s", parse_error_text(res->status));
			reason[0] = (char)ascii_lower((unsigned char)reason[0]);
		}
		uint32_t saved = st->zone;
		st->zone = p->zone;
		if (p->group) {
			st->failed_group = p->group;
			load_report(st, &at, 0, "$GENERATE record for value %ld: %s record does not parse: %s",
				    p->value, type, reason);
		} else {
			load_report(st, &at, 0, "%s record does not parse: %s", type, reason);
		}
		st->zone = saved;
		return;
	}
	struct record *r = index_add_record(st->ix);
	uint32_t id = (uint32_t)(st->ix->nrecords - 1);
	if (z->first_record == UINT32_MAX)
		z->first_record = id;
	z->end_record = id + 1;
	r->owner = index_intern_hashed(st->ix, res->data, res->owner_len, res->owner_hash);
	r->zone = p->zone;
	r->file = p->file;
	r->line = p->line;
	r->ttl = job->ttl;
	r->type = res->type;
	r->flags = p->flags;
	r->preference = res->preference;
	if (res->target_len)
		r->target = index_intern_hashed(st->ix, res->data + res->owner_len, res->target_len,
						res->target_hash);
	/* PTR, CNAME, NS, DNAME, MX: the interned target (and preference) is
	 * all of the data; keeping the wire copy too would double it */
	bool target_only = r->target && (r->type == TYPE_PTR || r->type == TYPE_CNAME ||
					 r->type == TYPE_NS || r->type == TYPE_DNAME ||
					 r->type == TYPE_MX);
	if (p->long_rdata) {
		r->rdlen = p->long_rdlen;
		r->rdata = p->long_rdata;
	} else if (!target_only) {
		r->rdlen = res->rdlen;
		r->rdata = arena_memdup_bytes(&st->ix->rdata_arena,
					      res->data + res->owner_len + res->target_len, res->rdlen);
	}
	if (r->type == TYPE_SOA && z->soa == UINT32_MAX)
		z->soa = id;
}

/* The absolute text of an owner as written: "@" is the origin, a name
 * without a final (unescaped) dot is relative to it. */
void load_absolute_owner(struct strbuf *out, const char *tok, size_t len, const char *origin)
{
	strbuf_reset(out);
	if (len == 1 && tok[0] == '@') {
		strbuf_addstr(out, origin);
		return;
	}
	size_t backslashes = 0;
	while (backslashes + 1 < len && tok[len - 2 - backslashes] == '\\')
		backslashes++;
	strbuf_add(out, tok, len);
	if (len && tok[len - 1] == '.' && backslashes % 2 == 0)
		return;
	if (strcmp(origin, "."))
		strbuf_addch(out, '.');
	strbuf_addstr(out, origin);
}

/* Digits and BIND's TTL units, a digit first: a TTL, if a wrong one
 * ("1h30", past 2^32 - 1), not an address written without its type. */
static bool looks_like_ttl(const struct split_token *t)
{
	if (t->quoted || !t->len || t->text[0] < '0' || t->text[0] > '9')
		return false;
	for (size_t k = 0; k < t->len; k++)
		if (!t->text[k] || !strchr("0123456789sSmMhHdDwW", t->text[k]))
			return false;
	return true;
}

/* Queue one record from tokens (owner first unless owner_blank). False
 * with *fail when it is wrong before ldns sees it. */
bool load_record(struct load_state *st, const struct split_token *tok, size_t ntok,
		 bool owner_blank, const uint8_t *origin, const struct file_pos *at,
		 uint32_t group, long value, const char **fail)
{
	if (!load_budget_take(st, at))
		return false;   /* st->broken: said once already */
	size_t i = 0;
	/* the origin's text, made once per origin rather than per record */
	if (origin != st->origin_seen || st->origin_version != st->origin_version_seen) {
		wire_text(st->origin_text, origin);
		st->origin_seen = origin;
		st->origin_version_seen = st->origin_version;
	}
	const char *origin_text = st->origin_text;
	if (!owner_blank) {
		if (load_refuse_inner_at(st, at, "owner", &tok[0]))
			return false;
		load_absolute_owner(&st->prev_owner, tok[0].text, tok[0].len, origin_text);
		i = 1;
	} else if (!st->prev_owner.len) {
		*fail = "record with a blank owner but no previous owner";
		return false;
	}
	bool have_ttl = false;
	uint32_t ttl = 0;
	unsigned class;
	for (int k = 0; k < 2 && i < ntok; k++) {
		uint32_t v;
		enum strict_ttl got = have_ttl ? STRICT_TTL_SYNTAX
					       : strict_ttl(tok[i].text, tok[i].len, &v);
		if (got == STRICT_TTL_OK) {
			ttl = v;
			have_ttl = true;
			i++;
		} else if ((class = split_token_class(&tok[i])) != 0) {
			/* named-checkzone loads one class (IN unless told): a record
			 * of another one makes it refuse the zone */
			int shown = tok[i].len > 16 ? 16 : (int)tok[i].len;
			if (!st->zone_class) {
				st->zone_class = class;
				snprintf(st->zone_class_text, sizeof(st->zone_class_text), "%.*s",
					 shown, tok[i].text);
			}
			if (class != st->zone_class) {
				snprintf(st->why, sizeof(st->why),
					 "class %.*s differs from the zone's class %s", shown,
					 tok[i].text, st->zone_class_text);
				*fail = st->why;
				return false;
			}
			i++;
		} else if (!have_ttl && looks_like_ttl(&tok[i])) {
			/* no type starts with a digit: this was meant as the TTL */
			int n = tok[i].len > 40 ? 40 : (int)tok[i].len;
			const char *cut = tok[i].len > 40 ? "..." : "";
			if (got == STRICT_TTL_RANGE)
				snprintf(st->why, sizeof(st->why),
					 "TTL %.*s%s exceeds 4294967295 seconds", n, tok[i].text, cut);
			else
				snprintf(st->why, sizeof(st->why),
					 "TTL '%.*s%s' is not a number of seconds (units: w d h m s)",
					 n, tok[i].text, cut);
			*fail = st->why;
			return false;
		}
	}
	if (!st->zone_class) {
		/* the zone's first record names no class: IN, as for BIND */
		st->zone_class = 1;
		strcpy(st->zone_class_text, "IN");
	}
	if (i >= ntok) {
		*fail = "record has no type";
		return false;
	}
	char type_text[32];
	size_t type_len = tok[i].len < 31 ? tok[i].len : 31;
	memcpy(type_text, tok[i].text, type_len);
	type_text[type_len] = '\0';
	if (tok[i].quoted || (!common_type(&tok[i]) && ldns_get_rr_type_by_name(type_text) == 0 &&
			      strncasecmp(type_text, "TYPE", 4) != 0)) {
		if (gdnsd_type(&tok[i]) ||
		    (i + 1 < ntok && gdnsd_limited_ttl(&tok[i]) && gdnsd_type(&tok[i + 1]))) {
			load_gdnsd_file(st, at, gdnsd_type(&tok[i]) ? &tok[i] : &tok[i + 1]);
			return false;
		}
		snprintf(st->why, sizeof(st->why), "unknown record type '%s'", type_text);
		*fail = st->why;
		return false;
	}
	char strict_why[STRICT_WHY_MAX];
	if (!strict_rdata(type_text, tok + i + 1, ntok - i - 1, strict_why, sizeof(strict_why))) {
		snprintf(st->why, sizeof(st->why), "%s record: %s", type_text, strict_why);
		*fail = st->why;
		return false;
	}
	uint16_t long_rdlen = 0;
	const uint8_t *long_rdata = long_txt_rdata(st, type_text, tok + i + 1, ntok - i - 1,
						   &long_rdlen);
	if (have_ttl)
		st->last_ttl = ttl;
	else if (st->have_default_ttl)
		ttl = st->default_ttl;
	else
		ttl = st->last_ttl;

	strbuf_reset(&st->text);
	strbuf_add(&st->text, st->prev_owner.data, st->prev_owner.len);
	char ttl_text[16];
	size_t ttl_len = 0;
	for (uint32_t v = ttl; ttl_len == 0 || v; v /= 10)
		ttl_text[sizeof(ttl_text) - 1 - ttl_len++] = (char)('0' + v % 10);
	strbuf_addch(&st->text, ' ');
	strbuf_add(&st->text, ttl_text + sizeof(ttl_text) - ttl_len, ttl_len);
	strbuf_add(&st->text, " IN ", 4);
	size_t type_off = st->text.len;
	strbuf_addstr(&st->text, type_text);
	if (long_rdata)
		strbuf_addstr(&st->text, " \"\"");   /* ldns parses the rest; the data is ours */
	for (size_t k = i + 1; k < ntok && !long_rdata; k++) {
		strbuf_addch(&st->text, ' ');
		strbuf_add(&st->text, tok[k].text, tok[k].len);
	}
	if (st->text.len > UINT32_MAX / 2) {
		*fail = "record text too long";
		return false;
	}
	struct pending pending = {
		.file = at->file, .line = at->line, .zone = st->zone, .group = group,
		.value = value, .flags = at->generated ? REC_GENERATED : 0,
		.type_off = (uint16_t)(type_off < UINT16_MAX ? type_off : 0),
		.type_len = (uint8_t)strlen(type_text),
		.long_rdlen = long_rdlen, .long_rdata = long_rdata,
	};
	pipeline_add(&st->pipeline, origin_text, st->text.data, st->text.len, ttl, &pending);
	return true;
}

bool load_refuse_inner_at(struct load_state *st, const struct file_pos *at, const char *what,
			  const struct split_token *name)
{
	if (!split_has_inner_at(name->text, name->len))
		return false;
	load_report(st, at, 0, "%s '%.*s' has '@' inside it (a template or gdnsd's @Z?); "
		    "zone not loaded", what, (int)name->len, name->text);
	st->broken = true;
	return true;
}

/* An $INCLUDE of the zone being loaded was not read (SPEC §4): what the
 * file would have held is unknown, so the zone's gaps prove nothing. */
void load_mark_incomplete(struct load_state *st)
{
	st->ix->zones[st->zone].incomplete = true;
}

static void record_comments(struct load_state *st, uint32_t file,
			    const struct split_entry *e)
{
	for (size_t c = 0; c < e->ncomments; c++) {
		const struct split_comment *cm = &e->comments[c];
		const char *p = cm->text, *end = cm->text + cm->len;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		static const char prefix[] = "ptrlint-disable";
		if ((size_t)(end - p) < sizeof(prefix) - 1 || strncmp(p, prefix, sizeof(prefix) - 1))
			continue;
		p += sizeof(prefix) - 1;
		bool whole_file = false;
		if ((size_t)(end - p) >= 5 && !strncmp(p, "-file", 5)) {
			whole_file = true;
			p += 5;
		}
		if (p < end && *p != ' ' && *p != '\t')
			continue;
		rule_set rules = 0;
		while (p < end) {
			while (p < end && (*p == ' ' || *p == '\t' || *p == ','))
				p++;
			const char *w = p;
			while (p < end && *p != ' ' && *p != '\t' && *p != ',')
				p++;
			if (p == w)
				break;
			char *id = xstrndup(w, (size_t)(p - w));
			int rule = rule_lookup(id);
			struct file_pos here = {file, cm->line, false};
			if (rule < 0 && load_budget_take(st, &here)) {
				const char *near = rule_suggest(id);
				index_add_problem(st->ix, file, cm->line, st->zone, 0, RULE_zone_syntax,
						  "unknown rule '%s' in a ptrlint-disable comment%s%s%s", id,
						  near ? ", did you mean '" : "", near ? near : "",
						  near ? "'?" : "; it disables nothing");
				st->ix->problems[st->ix->nproblems - 1].severity = SEV_INFO;
			} else if (rule >= 0) {
				rules |= RULE_BIT(rule);
			}
			free(id);
		}
		if (!rules)
			continue;
		unsigned line = cm->line;
		if (whole_file)
			line = 0;
		else if (e->kind != SPLIT_END && line >= e->first_line && line <= e->last_line)
			line = e->first_line;
		index_add_suppression(st->ix, file, line, rules);
	}
}

static void load_entries(struct load_state *st, uint32_t file, const char *path,
			 const char *data, size_t len, const uint8_t *start_origin)
{
	uint8_t origin[NAME_WIRE_MAX + 1];
	size_t origin_len = dname_length(start_origin, NAME_WIRE_MAX);
	memcpy(origin, start_origin, origin_len);
	st->origin_version++;   /* a new array, maybe where an earlier one was */

	struct split_reader *reader = split_new(data, len);
	struct split_entry e;
	while (!st->broken && split_next(reader, &e) != SPLIT_END) {
		struct file_pos at = {file, e.first_line, false};
		record_comments(st, file, &e);
		if (e.kind == SPLIT_ERROR) {
			load_report(st, &at, 0, "%s", e.error);
			continue;
		}
		if (e.kind == SPLIT_RECORD) {
			const char *fail = NULL;
			if (!load_record(st, e.tokens, e.ntokens, e.owner_blank, origin, &at, 0, 0,
					 &fail) && !st->broken) {
				load_report(st, &at, 0, "%s", fail);
				load_mark_unreadable(st, st->prev_owner.data, st->prev_owner.len, st->zone);
			}
			continue;
		}
		if (!directive_apply(st, &e, path, origin, &at))
			break;
	}
	if (!st->broken) {
		const struct split_comment *cm;
		size_t ncm;
		split_trailing_comments(reader, &cm, &ncm);
		struct split_entry tail;
		memset(&tail, 0, sizeof(tail));
		tail.kind = SPLIT_END;
		tail.comments = (struct split_comment *)cm;
		tail.ncomments = ncm;
		record_comments(st, file, &tail);
	}
	split_free(reader);
}

/* A file that is mostly not text is not a zone: say so once instead of a
 * syntax error per line. */
static bool looks_binary(const char *data, size_t len)
{
	size_t n = len < 8192 ? len : 8192;
	if (memchr(data, '\0', n))
		return true;
	size_t odd = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)data[i];
		if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v')
			odd++;
	}
	return n && odd * 10 > n;
}

/* The markup of an unrendered template, the first found outside comments
 * and quoted strings: "{{ x }}", "{% for %}", "{# #}" (Jinja, as Ansible
 * and Salt render zone files; Go templates look the same) or "<%= x %>"
 * (ERB, as Puppet and Chef do), an opener and its closer on one line. No
 * record of a master file holds those outside quotes. */
struct template_sign {
	const char *kind;            /* "Jinja", "ERB"; NULL: none found */
	unsigned line;
	char markup[48];             /* opener to closer, cut short */
};

static const char *const template_closers[] = {"}}", "%}", "#}", "%>"};

/* Which closer an opener at p asks for, or -1. */
static int template_opener(const char *p, const char *end)
{
	if (end - p < 2)
		return -1;
	if (p[0] == '{')
		return p[1] == '{' ? 0 : p[1] == '%' ? 1 : p[1] == '#' ? 2 : -1;
	return p[0] == '<' && p[1] == '%' ? 3 : -1;
}

/* Where the last of each closer starts on the line [p, end), or NULL:
 * one pass per line that has an opener keeps the scan linear however many
 * openers a line holds. */
static void last_closers(const char *p, const char *end, const char *last[4])
{
	for (size_t k = 0; k < ARRAY_LEN(template_closers); k++)
		last[k] = NULL;
	for (; p + 1 < end; p++)
		for (size_t k = 0; k < ARRAY_LEN(template_closers); k++)
			if (p[0] == template_closers[k][0] && p[1] == template_closers[k][1])
				last[k] = p;
}

static bool find_template(const char *data, size_t len, struct template_sign *out)
{
	memset(out, 0, sizeof(*out));
	/* most zone files hold neither a '{' nor a '<' */
	if (!memchr(data, '{', len) && !memchr(data, '<', len))
		return false;
	const char *end = data + len, *line_start = data, *line_end = end;
	const char *closers_of = NULL;   /* the line last[] and line_end are of */
	const char *last[4] = {NULL, NULL, NULL, NULL};
	unsigned line = 1;
	bool quoted = false;
	for (const char *p = data; p < end; p++) {
		if (*p == '\n') {
			line++;
			line_start = p + 1;
			quoted = false;
			continue;
		}
		if (*p == '\\') {
			if (p + 1 < end && p[1] == '\n') {
				line++;
				line_start = p + 2;
			}
			p++;
			continue;
		}
		if (quoted || *p == '"') {
			quoted = quoted ? *p != '"' : true;
			continue;
		}
		if (*p == ';') {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			if (!nl)
				break;
			p = nl - 1;
			continue;
		}
		int k = template_opener(p, end);
		if (k < 0)
			continue;
		if (closers_of != line_start) {
			line_end = memchr(p, '\n', (size_t)(end - p));
			line_end = line_end ? line_end : end;
			last_closers(p, line_end, last);
			closers_of = line_start;
		}
		if (!last[k] || last[k] < p + 2)
			continue;
		const char *close = memmem(p + 2, (size_t)(line_end - p - 2), template_closers[k], 2);
		size_t shown = (size_t)(close + 2 - p);
		out->kind = k == 3 ? "ERB" : "Jinja";
		out->line = line;
		if (shown >= sizeof(out->markup))
			snprintf(out->markup, sizeof(out->markup), "%.*s...",
				 (int)sizeof(out->markup) - 4, p);
		else
			snprintf(out->markup, sizeof(out->markup), "%.*s", (int)shown, p);
		return true;
	}
	return false;
}

static void template_file(struct load_state *st, uint32_t file, bool included,
			  const struct template_sign *sign)
{
	char looks[96];
	snprintf(looks, sizeof(looks), "an unrendered %s template ('%s')", sign->kind,
		 sign->markup);
	struct file_pos at = {file, sign->line, false};
	not_a_master_file(st, &at, included, looks, "render it and lint the result");
}

/* False when the file could not be read as a zone at all. */
bool load_file(struct load_state *st, const char *path, const uint8_t *origin,
	       const struct file_pos *from)
{
	for (size_t i = 0; i < st->depth; i++)
		if (!strcmp(st->include_stack[i], path)) {
			load_report(st, from, 0, "$INCLUDE '%s' not read: include cycle", path);
			return false;
		}
	if (st->depth > INCLUDE_MAX_DEPTH) {
		load_report(st, from, 0, "$INCLUDE '%s' not read: nesting deeper than %d", path,
			    INCLUDE_MAX_DEPTH);
		load_mark_incomplete(st);
		return false;
	}

	if (from && ++st->includes > INCLUDE_MAX_PER_ZONE) {
		/* said once: every later $INCLUDE of the zone is refused too */
		if (st->includes == INCLUDE_MAX_PER_ZONE + 1)
			load_report(st, from, 0, "$INCLUDE '%s' not read: more than %d $INCLUDEs "
				    "in one zone (a file counts each time it is included)", path,
				    INCLUDE_MAX_PER_ZONE);
		load_mark_incomplete(st);
		return false;
	}
	enum source_kind kind = source_kind(st->src, path);
	if (kind != SOURCE_FILE && from) {
		/* the usual cause: a path written relative to the name server's
		 * directory, not to the including file's */
		bool hint = kind == SOURCE_MISSING && !st->cfg->include_base &&
			    !st->cfg->ninclude_map;
		load_report(st, from, 0, "$INCLUDE '%s' not read: %s%s", path,
			    kind == SOURCE_OUTSIDE ? "it leads outside the linted root (symlink)" :
			    kind == SOURCE_OTHER ? "not a regular file" : source_kind_why(kind),
			    hint ? " (looked for relative to the including file; for a path relative "
			    "to the name server's directory, set include-base or include-map)" : "");
		load_mark_incomplete(st);
		return false;
	}
	uint32_t file = index_add_file(st->ix, path);
	char *err = NULL;
	struct strbuf *buf = &st->read_buf[st->depth];
	int rc = source_read_buf(st->src, path, buf, &err);
	const char *data = buf->data;
	size_t len = buf->len;
	if (rc == SOURCE_SKIPPED && !from) {
		/* a submodule, an LFS pointer, a FIFO found as a zone: not
		 * lintable, and no error (an $INCLUDE of one is: below) */
		struct file_pos here = {file, 1, false};
		load_report(st, &here, 0, "'%s' skipped: %s", path, err);
		st->ix->problems[st->ix->nproblems - 1].severity = SEV_INFO;
		free(err);
		return false;
	}
	if (rc) {
		struct file_pos here = {file, 1, false};
		load_report(st, from ? from : &here, 0, "cannot read '%s': %s", path, err);
		if (from)
			load_mark_incomplete(st);
		free(err);
		return false;
	}
	if (file >= st->file_read_cap) {
		size_t old = st->file_read_cap;
		grow_array((void **)&st->file_read, &st->file_read_cap, file + 1, 1);
		memset(st->file_read + old, 0, st->file_read_cap - old);
	}
	if (st->file_read[file]) {
		uint64_t limit = st->cfg->record_limit;
		limit = limit > UINT64_MAX / REREAD_BYTES_PER_RECORD ? UINT64_MAX
			: limit * REREAD_BYTES_PER_RECORD;
		st->reread_bytes += len;
		if (st->reread_bytes > limit) {
			char what[256];
			snprintf(what, sizeof(what), "'%s' not read: files read again (by $INCLUDE "
				 "or as another zone) passed %llu bytes, %d per record of "
				 "record-limit", path, (unsigned long long)limit,
				 REREAD_BYTES_PER_RECORD);
			struct file_pos here = {file, 1, false};
			stop_loading(st, from ? from : &here, what);
			return false;
		}
	}
	st->file_read[file] = 1;
	st->ix->nzone_files++;
	if (looks_binary(data, len)) {
		struct file_pos here = {file, 1, false};
		load_report(st, &here, 0, "'%s' is a binary file, not a zone file", path);
		if (from)
			load_mark_incomplete(st);
		return false;
	}
	struct template_sign sign;
	if (from && find_template(data, len, &sign)) {
		/* a zone's own file was looked at before its origin (load_zones) */
		template_file(st, file, true, &sign);
		return true;
	}
	st->include_stack[st->depth++] = path;
	load_entries(st, file, path, data, len, origin);
	st->depth--;
	return true;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A search the depth bound cut short may have missed zones: an error, so
 * that a tree cannot hide a zone from the gate by nesting it deep. */
static void report_depth_cut(struct index *ix, const struct zone_requests *reqs)
{
	if (!reqs->depth_cut)
		return;
	uint32_t file = index_add_file(ix, reqs->depth_cut);
	char *more = reqs->ndepth_cut > 1 ? xasprintf("; %zu directories in all left unsearched",
						      reqs->ndepth_cut) : xstrdup("");
	index_add_problem(ix, file, 1, NO_ZONE, 0, RULE_zone_syntax,
			  "directory '%s' not searched: deeper than %d levels (the search "
			  "depth limit)%s", reqs->depth_cut, SEARCH_MAX_DEPTH, more);
	free(more);
}

/* SPEC §4: a zone transfer printed by `dig axfr` ends with its SOA again,
 * which marks the transfer's end and is no record of the zone. Only that
 * shape counts: the zone's first record is its SOA, and its last record,
 * in the zone's own file (so the file's last), is an identical copy of it
 * (owner, TTL and data). Any other repeated SOA is left to the rules. */
static void mark_transfer_ends(struct index *ix)
{
	for (size_t z = 0; z < ix->nzones; z++) {
		const struct zone *zone = &ix->zones[z];
		if (!zone->loaded || zone->soa == UINT32_MAX || zone->soa != zone->first_record ||
		    zone->end_record < zone->first_record + 2)
			continue;
		const struct record *soa = &ix->records[zone->soa];
		struct record *last = &ix->records[zone->end_record - 1];
		if (last->type == TYPE_SOA && soa->file == zone->file && last->file == zone->file &&
		    last->owner == soa->owner && last->ttl == soa->ttl &&
		    !record_data_compare(soa, last))
			last->flags |= REC_TRANSFER_END;
	}
}

void load_zones(struct index *ix, struct source *src, const struct config *cfg,
		const struct zone_requests *reqs)
{
	/* searched files that another requested file $INCLUDEs are fragments */
	char **included = NULL;
	size_t nincluded = 0, included_cap = 0;
	size_t total_bytes = 0;
	/* each file's origin as its text gives it, for zones the config names
	 * none (or no valid one) for: inferred while the file is in memory for
	 * this scan anyway (reading every file again for it cost a tenth of a
	 * large run) */
	struct inferred_origin {
		uint8_t wire[256];
		size_t len;                  /* 0: none found in the text */
		enum origin_source source;
		struct template_sign template;   /* an unrendered template: not loaded */
	} *inferred = xcalloc(reqs->count ? reqs->count : 1, sizeof(*inferred));
	struct load_state st;
	memset(&st, 0, sizeof(st));
	include_resolver_init(&st.includes_map, cfg);
	for (size_t i = 0; i < reqs->count; i++) {
		/* a file listed as several zones (one per origin) is read once here */
		long first = strmap_get(&reqs->paths, reqs->items[i].path);
		if (first >= 0 && (size_t)first < i) {
			inferred[i] = inferred[first];
			continue;
		}
		char *err = NULL;
		struct strbuf *buf = &st.read_buf[0];
		if (source_read_buf(src, reqs->items[i].path, buf, &err)) {
			free(err);
			continue;
		}
		total_bytes += buf->len;
		discover_includes(&st.includes_map, reqs->items[i].path, buf->data, buf->len,
				  &included, &nincluded, &included_cap);
		if (looks_binary(buf->data, buf->len))
			continue;
		if (find_template(buf->data, buf->len, &inferred[i].template))
			continue;   /* its origin would be a guess from template text */
		inferred[i].len = origin_from_text(inferred[i].wire, buf->data, buf->len,
						   &inferred[i].source);
	}
	/* a record line takes some 20 bytes at the least: reserving that much
	 * up front spares the copies of doubling, which glibc (with the trim
	 * threshold main() sets) would keep resident */
	index_reserve(ix, total_bytes / 20 + 64);
	if (nincluded)
		qsort(included, nincluded, sizeof(*included), compare_strings);

	st.ix = ix;
	st.src = src;
	st.cfg = cfg;
	pipeline_init(&st.pipeline, ix, commit_record, &st);

	for (size_t i = 0; i < reqs->count && !st.exhausted; i++) {
		const struct zone_request *req = &reqs->items[i];
		if (req->searched && nincluded &&
		    bsearch(&req->path, included, nincluded, sizeof(*included), compare_strings))
			continue;
		uint32_t file = index_add_file(ix, req->path);
		struct file_pos whole = {file, 1, false};
		uint8_t origin[256];
		size_t origin_len = 0;
		enum origin_source source = ORIGIN_CONFIG;
		char *doubt = NULL;
		if (req->origin)
			origin_len = dname_from_text(origin, req->origin, NULL);
		if (!origin_len && inferred[i].len) {
			origin_len = inferred[i].len;
			memcpy(origin, inferred[i].wire, origin_len);
			source = inferred[i].source;
		}
		if (!origin_len) {
			char *text = origin_from_file_name(req->path);
			if (text) {
				origin_len = dname_from_text(origin, text, NULL);
				source = ORIGIN_FILE_NAME;
				doubt = origin_name_doubt(text, cfg);
			}
			free(text);
		}
		st.zone = index_add_zone(ix, origin_len ? index_intern(ix, origin, origin_len) : 0, file);
		ix->zones[st.zone].origin_source = origin_len ? source : ORIGIN_NONE;
		if (inferred[i].template.kind) {
			/* before any doubt about its origin: that is not what is wrong */
			free(doubt);
			template_file(&st, file, false, &inferred[i].template);
			st.broken = false;   /* nothing of it was loaded */
			ix->zones[st.zone].loaded = false;
			continue;
		}
		if (doubt) {
			/* a wrong origin would put every name in the wrong place:
			 * one finding here, and its names unverifiable, rather
			 * than a record-wrong-tree for each record */
			char shown[NAME_TEXT_MAX];
			wire_text(shown, origin);
			load_report(&st, &whole, 0,
				    "origin %s guessed from the file name, but %s; the zone is not "
				    "loaded: set its origin in the config (zones: - {file: %s, "
				    "origin: ...}) or with $ORIGIN at the top of the file",
				    shown, doubt, req->path);
			free(doubt);
			ix->zones[st.zone].loaded = false;
			continue;
		}
		if (!origin_len) {
			load_report(&st, &whole, 0,
				    "cannot determine the origin of '%s': no SOA owner, $ORIGIN or "
				    "zone-like file name; name it in the config (zones: - file: %s "
				    "origin: ...)", req->path, req->path);
			ix->zones[st.zone].loaded = false;
			continue;
		}
		st.broken = false;
		st.have_default_ttl = false;
		st.default_ttl = st.last_ttl = 0;
		st.zone_class = 0;
		strbuf_reset(&st.prev_owner);
		st.depth = 0;
		st.includes = 0;
		/* set when its first record is committed */
		ix->zones[st.zone].first_record = ix->zones[st.zone].end_record = UINT32_MAX;
		bool readable = load_file(&st, req->path, origin, NULL);
		struct zone *z = &ix->zones[st.zone];
		if (!readable)
			z->loaded = false;
		if (st.broken) {
			/* its names become unverifiable, not wrongly missing: the
			 * records still queued are dropped at commit, the ones
			 * committed already are the last in the index */
			pipeline_flush(&st.pipeline);
			z = &ix->zones[st.zone];
			z->loaded = false;
			if (z->first_record != UINT32_MAX)
				ix->nrecords = z->first_record;
			z->soa = UINT32_MAX;
		}
	}
	pipeline_flush(&st.pipeline);
	report_depth_cut(ix, reqs);
	for (size_t z = 0; z < ix->nzones; z++)
		if (ix->zones[z].first_record == UINT32_MAX)
			ix->zones[z].first_record = ix->zones[z].end_record = 0;
	mark_transfer_ends(ix);
	include_resolver_free(&st.includes_map);
	pipeline_free(&st.pipeline);
	free(st.file_read);
	strbuf_release(&st.text);
	strbuf_release(&st.prev_owner);
	for (size_t d = 0; d < ARRAY_LEN(st.read_buf); d++)
		strbuf_release(&st.read_buf[d]);
	for (size_t i = 0; i < nincluded; i++)
		free(included[i]);
	free(included);
	free(inferred);
}
