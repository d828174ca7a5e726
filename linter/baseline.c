/*
 * baseline.c — see baseline.h. Owns the baseline's shape on top of the
 * JSON reader (json.c), the key order entries are sorted and looked up
 * in, and the file ptrlint writes. A baseline may come from a pull
 * request (when the config names it): nothing in it is trusted, every
 * string is checked before a message quotes it, and lookups are binary
 * searches over a sorted array, so that no crafted key set can make
 * matching quadratic the way colliding hash keys could.
 */
#include "baseline.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "report.h"
#include "util.h"

/* The shape is three levels deep; a little room, no more. */
#define BASELINE_MAX_DEPTH 8

struct reader {
	struct baseline *b;
	size_t cap;              /* of b->entries */
	char **err;
};

static int fail(struct reader *r, unsigned line, unsigned column, const char *fmt, ...)
	PTRLINT_PRINTF(4, 5);
static int fail(struct reader *r, unsigned line, unsigned column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	*r->err = xvasprintf_at(r->b->path, line, column, fmt, ap);
	va_end(ap);
	return -1;
}

/* ptrlint writes names with \DDD escapes (dname_to_text), so a string of
 * its own baseline is printable ASCII: anything else is refused before a
 * message could quote it. */
static int check_text(struct reader *r, const char *s, unsigned line, unsigned column)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p > 0x7E)
			return fail(r, line, column, "a baseline holds only printable ASCII "
				    "(names are written with \\DDD escapes)");
	return 0;
}

static int want_type(struct reader *r, const struct json_value *v, enum json_type type,
		     const char *what)
{
	if (v->type == type)
		return v->type == JSON_STRING ? check_text(r, v->string, v->line, v->column) : 0;
	return fail(r, v->line, v->column, "%s must be %s, not %s", what, json_type_name(type),
		    json_type_name(v->type));
}

static const char *const entry_keys[] = {"rule", "zone", "name", "address", "count"};
enum { KEY_RULE, KEY_ZONE, KEY_NAME, KEY_ADDRESS, KEY_COUNT };

/* The member's index in keys, or -1 after saying why (unknown, repeated). */
static int member_key(struct reader *r, const struct json_member *m, const char *const *keys,
		      size_t nkeys, unsigned *seen, const char *where)
{
	if (check_text(r, m->key, m->line, m->column))
		return -1;
	for (size_t k = 0; k < nkeys; k++) {
		if (strcmp(m->key, keys[k]))
			continue;
		if (*seen & (1u << k)) {
			fail(r, m->line, m->column, "'%s' given twice", m->key);
			return -1;
		}
		*seen |= 1u << k;
		return (int)k;
	}
	struct strbuf known = STRBUF_INIT;
	for (size_t k = 0; k < nkeys; k++)
		strbuf_addf(&known, "%s%s", k ? ", " : "", keys[k]);
	fail(r, m->line, m->column, "unknown key '%s' %s (expected %s)", m->key, where, known.data);
	strbuf_release(&known);
	return -1;
}

static char *lower_copy(const char *s)
{
	char *copy = xstrdup(s);
	for (char *p = copy; *p; p++)
		*p = (char)ascii_lower((unsigned char)*p);
	return copy;
}

static int read_entry(struct reader *r, const struct json_value *v)
{
	if (v->type != JSON_OBJECT)
		return want_type(r, v, JSON_OBJECT, "a baseline entry");
	struct baseline_entry *e = ARRAY_PUSH(r->b->entries, r->b->count, r->cap);
	memset(e, 0, sizeof(*e));
	e->line = v->line;
	unsigned seen = 0;
	for (size_t i = 0; i < v->count; i++) {
		const struct json_member *m = &v->members[i];
		const struct json_value *val = &m->value;
		int k = member_key(r, m, entry_keys, ARRAY_LEN(entry_keys), &seen, "in a baseline entry");
		if (k < 0)
			return -1;
		if (k == KEY_COUNT) {
			if (want_type(r, val, JSON_NUMBER, "'count'"))
				return -1;
			if (val->number < 1 || val->number > BASELINE_MAX_COUNT)
				return fail(r, val->line, val->column, "'count' must be from 1 to %lu",
					    BASELINE_MAX_COUNT);
			e->count = (unsigned long)val->number;
			continue;
		}
		char what[16];
		snprintf(what, sizeof(what), "'%s'", entry_keys[k]);
		if (want_type(r, val, JSON_STRING, what))
			return -1;
		if (k == KEY_RULE) {
			int rule = rule_lookup(val->string);
			if (rule < 0) {
				const char *near = rule_suggest(val->string);
				return near ? fail(r, val->line, val->column,
						   "unknown rule '%s', did you mean '%s'?", val->string, near)
					    : fail(r, val->line, val->column,
						   "unknown rule '%s' (see --list-rules)", val->string);
			}
			e->rule = (enum rule_id)rule;
		} else if (k == KEY_ZONE) {
			e->zone = lower_copy(val->string);
		} else if (k == KEY_NAME) {
			e->name = lower_copy(val->string);
		} else {
			const char *why = NULL;
			if (!prefix_parse(&e->address, val->string, &why))
				return fail(r, val->line, val->column, "'address' '%s' is not an address: %s",
					    val->string, why ? why : "malformed");
			e->has_address = true;
		}
	}
	if (!(seen & (1u << KEY_RULE)) || !(seen & (1u << KEY_COUNT)))
		return fail(r, v->line, v->column, "a baseline entry needs 'rule' and 'count'");
	return 0;
}

/* The key order: rule id, zone, name, address (absent first), which is
 * also the order new entries are written in. */
static int entry_compare(const struct baseline_entry *a, const struct baseline_entry *b)
{
	int c;
	if (a->rule != b->rule)
		return strcmp(rule_table[a->rule].id, rule_table[b->rule].id);
	if ((c = strcmp_null_first(a->zone, b->zone)) || (c = strcmp_null_first(a->name, b->name)))
		return c;
	if (a->has_address != b->has_address)
		return a->has_address ? 1 : -1;
	if (!a->has_address)
		return 0;
	if ((c = addr_compare(&a->address.addr, &b->address.addr)))
		return c < 0 ? -1 : 1;
	return (a->address.len > b->address.len) - (a->address.len < b->address.len);
}

/* Ties keep file order, so that the first of repeated entries is the one
 * that stays. */
static int entry_ptr_compare(const void *pa, const void *pb)
{
	const struct baseline_entry *a = *(const struct baseline_entry *const *)pa;
	const struct baseline_entry *b = *(const struct baseline_entry *const *)pb;
	int c = entry_compare(a, b);
	return c ? c : (a > b) - (a < b);
}

/* Sort for lookups; an entry repeating an earlier one's key (two
 * branches' baselines merged by hand) adds its count to it. */
static void build_lookup(struct baseline *b)
{
	b->sorted = xmalloc((b->count + 1) * sizeof(*b->sorted));
	for (size_t i = 0; i < b->count; i++)
		b->sorted[i] = &b->entries[i];
	qsort(b->sorted, b->count, sizeof(*b->sorted), entry_ptr_compare);
	b->nsorted = 0;
	for (size_t i = 0; i < b->count; i++) {
		struct baseline_entry *e = b->sorted[i];
		struct baseline_entry *prev = b->nsorted ? b->sorted[b->nsorted - 1] : NULL;
		if (prev && !entry_compare(prev, e)) {
			prev->count = e->count > BASELINE_MAX_COUNT - prev->count ? BASELINE_MAX_COUNT
										    : prev->count + e->count;
			e->merged = true;
			continue;
		}
		b->sorted[b->nsorted++] = e;
	}
}

static const char *const top_keys[] = {"tool", "baseline", "findings"};
enum { TOP_TOOL, TOP_VERSION, TOP_FINDINGS };

static int read_top(struct reader *r, const struct json_value *top)
{
	if (top->type != JSON_OBJECT)
		return want_type(r, top, JSON_OBJECT, "a baseline");
	unsigned seen = 0;
	for (size_t i = 0; i < top->count; i++) {
		const struct json_member *m = &top->members[i];
		const struct json_value *v = &m->value;
		int k = member_key(r, m, top_keys, ARRAY_LEN(top_keys), &seen, "in a baseline");
		if (k < 0)
			return -1;
		if (k == TOP_TOOL) {
			if (want_type(r, v, JSON_STRING, "'tool'"))
				return -1;
			if (strcmp(v->string, "ptrlint"))
				return fail(r, v->line, v->column,
					    "'tool' is '%s': not a baseline of ptrlint", v->string);
		} else if (k == TOP_VERSION) {
			if (want_type(r, v, JSON_NUMBER, "'baseline'"))
				return -1;
			if (v->number != 1)
				return fail(r, v->line, v->column,
					    "baseline format %llu is not one this ptrlint reads (1)",
					    (unsigned long long)v->number);
		} else {
			if (want_type(r, v, JSON_ARRAY, "'findings'"))
				return -1;
			for (size_t j = 0; j < v->count; j++)
				if (read_entry(r, &v->items[j]))
					return -1;
		}
	}
	if (seen != (1u << ARRAY_LEN(top_keys)) - 1)
		return fail(r, top->line, top->column,
			    "a baseline needs 'tool', 'baseline' and 'findings'");
	return 0;
}

int baseline_parse(struct baseline *out, const char *display_path, const char *data,
		   size_t len, char **err)
{
	memset(out, 0, sizeof(*out));
	out->path = xstrdup(display_path);
	*err = NULL;
	if (len > BASELINE_MAX_BYTES) {
		*err = xasprintf("%s: baseline larger than %u MiB", display_path,
				 BASELINE_MAX_BYTES / (1024 * 1024));
		return -1;
	}
	struct json_value *top = NULL;
	if (json_parse(&top, display_path, data, len, BASELINE_MAX_DEPTH, err))
		return -1;
	struct reader r = {out, 0, err};
	int rc = read_top(&r, top);
	json_free(top);
	if (!rc)
		build_lookup(out);
	return rc;
}

int baseline_read_file(struct baseline *out, const char *path, char **err)
{
	memset(out, 0, sizeof(*out));
	struct strbuf sb = STRBUF_INIT;
	int rc = read_file_bounded(path, BASELINE_MAX_BYTES, &sb, err);
	if (!rc)
		rc = baseline_parse(out, path, sb.data ? sb.data : "", sb.len, err);
	strbuf_release(&sb);
	return rc;
}

/* A finding seen as an entry, strings borrowed, for a lookup. */
static struct baseline_entry key_of(const struct finding *f)
{
	struct baseline_entry key;
	memset(&key, 0, sizeof(key));
	key.rule = f->rule;
	key.zone = f->zone;
	key.name = f->name;
	key.has_address = f->has_address;
	key.address = f->address;
	return key;
}

static struct baseline_entry *lookup(struct baseline_entry *const *sorted, size_t n,
				     const struct baseline_entry *key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = entry_compare(sorted[mid], key);
		if (!c)
			return sorted[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void baseline_note(struct baseline *b, const struct findings *list)
{
	for (size_t i = 0; i < list->count; i++) {
		struct baseline_entry key = key_of(&list->items[i]);
		struct baseline_entry *e = lookup(b->sorted, b->nsorted, &key);
		if (e)
			e->found++;
	}
}

void baseline_apply(struct baseline *b, struct findings *list)
{
	size_t kept = 0;
	for (size_t i = 0; i < list->count; i++) {
		struct finding *f = &list->items[i];
		struct baseline_entry key = key_of(f);
		struct baseline_entry *e = lookup(b->sorted, b->nsorted, &key);
		if (e && e->used < e->count) {
			e->used++;
			b->baselined++;
			free(f->file);
			free(f->zone);
			free(f->name);
			free(f->message);
			continue;
		}
		list->items[kept++] = *f;
	}
	list->count = kept;
}

bool baseline_entry_obsolete(const struct baseline_entry *e)
{
	return !e->merged && e->found < e->count;
}

size_t baseline_obsolete_count(const struct baseline *b)
{
	size_t n = 0;
	for (size_t i = 0; i < b->count; i++)
		n += baseline_entry_obsolete(&b->entries[i]);
	return n;
}

/* One entry a line, so that a diff of the file shows each accepted
 * finding that went away or came in. */
static void write_entry(FILE *out, const struct baseline_entry *e, bool first)
{
	fputs(first ? "\n    {\"rule\": " : ",\n    {\"rule\": ", out);
	json_write_string(out, rule_table[e->rule].id);
	if (e->zone) {
		fputs(", \"zone\": ", out);
		json_write_string(out, e->zone);
	}
	if (e->name) {
		fputs(", \"name\": ", out);
		json_write_string(out, e->name);
	}
	if (e->has_address) {
		char text[ADDR_TEXT_MAX];
		prefix_format(text, &e->address);
		fputs(", \"address\": ", out);
		json_write_string(out, text);
	}
	fprintf(out, ", \"count\": %lu}", e->count);
}

void baseline_write(FILE *out, const struct baseline *old, const struct findings *list,
		    struct baseline_write_stats *stats)
{
	/* this run's findings as entries of count 1, merged by key */
	struct baseline now;
	memset(&now, 0, sizeof(now));
	now.entries = xcalloc(list->count + 1, sizeof(*now.entries));
	now.count = list->count;
	for (size_t i = 0; i < list->count; i++) {
		struct baseline_entry key = key_of(&list->items[i]);
		key.zone = key.zone ? xstrdup(key.zone) : NULL;
		key.name = key.name ? xstrdup(key.name) : NULL;
		key.count = 1;
		now.entries[i] = key;
	}
	build_lookup(&now);
	memset(stats, 0, sizeof(*stats));

	fputs("{\n  \"tool\": \"ptrlint\",\n  \"baseline\": 1,\n  \"findings\": [", out);
	bool first = true;
	/* used marks the entries written already */
	for (size_t i = 0; old && i < old->count; i++) {
		const struct baseline_entry *o = &old->entries[i];
		if (o->merged)
			continue;
		struct baseline_entry *e = lookup(now.sorted, now.nsorted, o);
		if (!e || e->used) {
			stats->dropped++;
			continue;
		}
		e->used = 1;
		write_entry(out, e, first);
		first = false;
		stats->entries++;
	}
	for (size_t i = 0; i < now.nsorted; i++) {
		struct baseline_entry *e = now.sorted[i];
		if (e->used)
			continue;
		write_entry(out, e, first);
		first = false;
		stats->entries++;
		stats->added++;
	}
	fputs(first ? "]\n}\n" : "\n  ]\n}\n", out);
	baseline_free(&now);
}

void baseline_free(struct baseline *b)
{
	for (size_t i = 0; i < b->count; i++) {
		free(b->entries[i].zone);
		free(b->entries[i].name);
	}
	free(b->entries);
	free(b->sorted);
	free(b->path);
	memset(b, 0, sizeof(*b));
}
