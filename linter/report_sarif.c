/*
 * report_sarif.c — the sarif format of SPEC §3: a SARIF 2.1.0 log with one
 * run, every rule of rules.def as a reporting descriptor and one result per
 * finding, for GitHub code scanning and other SARIF viewers. Owns the
 * artifact URIs and the fingerprints that track a finding across commits.
 */
#include "report_impl.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"


/* Pretty-printing state: depth of nesting, and whether the innermost
 * container has no member yet (so the next one needs no comma). */
struct jw {
	FILE *out;
	int depth;
	bool first;
};

static void jw_next(struct jw *w)
{
	fputs(w->first ? "\n" : ",\n", w->out);
	fprintf(w->out, "%*s", w->depth * 2, "");
	w->first = false;
}

static void jw_key(struct jw *w, const char *key)
{
	jw_next(w);
	json_write_string(w->out, key);
	fputs(": ", w->out);
}

static void jw_open(struct jw *w, char bracket)
{
	fputc(bracket, w->out);
	w->depth++;
	w->first = true;
}

static void jw_close(struct jw *w, char bracket)
{
	w->depth--;
	if (!w->first)
		fprintf(w->out, "\n%*s", w->depth * 2, "");
	fputc(bracket, w->out);
	w->first = false;
}

static void jw_string(struct jw *w, const char *key, const char *value)
{
	jw_key(w, key);
	json_write_string(w->out, value);
}

/* {"text": ...}: SARIF's message and multiformatMessageString. */
static void jw_text(struct jw *w, const char *key, const char *text)
{
	jw_key(w, key);
	jw_open(w, '{');
	jw_string(w, "text", text);
	jw_close(w, '}');
}

static const char *sarif_level(enum severity severity)
{
	switch (severity) {
	case SEV_ERROR:
		return "error";
	case SEV_WARNING:
		return "warning";
	case SEV_INFO:
		return "note";
	default:
		return "none";
	}
}

/*
 * A path as a relative URI reference (RFC 3986 §4.2): only unreserved
 * characters and '/' stay as they are. ':' in particular must be encoded,
 * or "a:b" would read as a URI with scheme "a"; '%' must be, or a file
 * named "x%41" would decode to "xA".
 */
static void add_uri_path(struct strbuf *sb, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		unsigned char c = *p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/", c)) {
			strbuf_addch(sb, (char)c);
		} else {
			strbuf_addch(sb, '%');
			strbuf_addch(sb, hex[c >> 4]);
			strbuf_addch(sb, hex[c & 15]);
		}
	}
}

/* 64-bit FNV-1a: stable across platforms and releases, which is all a
 * fingerprint needs; it is no defence against a chosen collision. */
static uint64_t fnv1a64(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

/*
 * Built from what the finding is about, not where it is or how it is
 * worded, so code scanning keeps one alert when lines move. A finding with
 * neither name nor address (a syntax error) has nothing else to tell it
 * from the next one in the same file, so its message joins the hash.
 */
static uint64_t fingerprint(const struct finding *f)
{
	const char *id = rule_table[f->rule].id;
	char address[ADDR_TEXT_MAX] = "";
	if (f->has_address)
		prefix_format(address, &f->address);
	const char *name = f->name ? f->name : "";
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	h = fnv1a64(h, id, strlen(id) + 1);
	h = fnv1a64(h, name, strlen(name) + 1);
	h = fnv1a64(h, address, strlen(address));
	if (!f->name && !f->has_address && f->message)
		h = fnv1a64(fnv1a64(h, "", 1), f->message, strlen(f->message));
	return h;
}

static void write_rules(struct jw *w, const struct report_options *options)
{
	jw_key(w, "rules");
	jw_open(w, '[');
	for (int i = 0; i < RULE_COUNT; i++) {
		const struct rule *r = &rule_table[i];
		jw_next(w);
		jw_open(w, '{');
		jw_string(w, "id", r->id);
		jw_string(w, "name", r->id);
		jw_text(w, "shortDescription", r->summary);
		jw_text(w, "fullDescription", r->summary);
		if (options->doc_base) {
			char *uri = xasprintf("%s%s.md", options->doc_base, r->id);
			jw_string(w, "helpUri", uri);
			free(uri);
		}
		jw_key(w, "defaultConfiguration");
		jw_open(w, '{');
		jw_string(w, "level", sarif_level(r->severity));
		jw_close(w, '}');
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void write_location(struct jw *w, const struct finding *f)
{
	struct strbuf uri = STRBUF_INIT;
	add_uri_path(&uri, f->file);
	jw_key(w, "locations");
	jw_open(w, '[');
	jw_next(w);
	jw_open(w, '{');
	jw_key(w, "physicalLocation");
	jw_open(w, '{');
	jw_key(w, "artifactLocation");
	jw_open(w, '{');
	jw_string(w, "uri", uri.data);
	jw_string(w, "uriBaseId", "%SRCROOT%");
	jw_close(w, '}');
	if (f->line) {
		jw_key(w, "region");
		jw_open(w, '{');
		jw_key(w, "startLine");
		fprintf(w->out, "%u", f->line);
		jw_close(w, '}');
	}
	jw_close(w, '}');
	jw_close(w, '}');
	jw_close(w, ']');
	strbuf_release(&uri);
}

static void write_result(struct jw *w, const struct finding *f)
{
	jw_next(w);
	jw_open(w, '{');
	jw_string(w, "ruleId", rule_table[f->rule].id);
	jw_key(w, "ruleIndex");
	fprintf(w->out, "%d", (int)f->rule);
	jw_string(w, "level", sarif_level(f->severity));
	jw_text(w, "message", f->message);
	/* A location with an empty URI would point at the root itself. */
	if (f->file && *f->file)
		write_location(w, f);
	jw_key(w, "partialFingerprints");
	jw_open(w, '{');
	char hash[17];
	snprintf(hash, sizeof(hash), "%016" PRIx64, fingerprint(f));
	jw_string(w, "ptrlint/v1", hash);
	jw_close(w, '}');
	jw_close(w, '}');
}

void report_write_sarif(FILE *out, const struct findings *list,
			const struct report_summary *summary,
			const struct report_options *options)
{
	struct jw w = {out, 0, true};
	jw_open(&w, '{');
	jw_string(&w, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	jw_string(&w, "version", "2.1.0");
	jw_key(&w, "runs");
	jw_open(&w, '[');
	jw_next(&w);
	jw_open(&w, '{');

	jw_key(&w, "tool");
	jw_open(&w, '{');
	jw_key(&w, "driver");
	jw_open(&w, '{');
	jw_string(&w, "name", "ptrlint");
	jw_string(&w, "version", options->version);
	jw_string(&w, "informationUri", "https://github.com/ptrlint/ptrlint");
	write_rules(&w, options);
	jw_close(&w, '}');
	jw_close(&w, '}');

	jw_key(&w, "results");
	jw_open(&w, '[');
	for (size_t i = 0; i < list->count; i++)
		write_result(&w, &list->items[i]);
	jw_close(&w, ']');
	/* Columns are not reported today; declared so viewers never guess. */
	jw_string(&w, "columnKind", "unicodeCodePoints");
	if (summary->baseline) {
		/* SARIF has no summary; a run's property bag carries ours */
		jw_key(&w, "properties");
		jw_open(&w, '{');
		jw_key(&w, "baselined");
		fprintf(out, "%zu", summary->baseline->baselined);
		jw_key(&w, "obsolete");
		fprintf(out, "%zu", baseline_obsolete_count(summary->baseline));
		jw_close(&w, '}');
	}

	jw_close(&w, '}');
	jw_close(&w, ']');
	jw_close(&w, '}');
	fputc('\n', out);
}
