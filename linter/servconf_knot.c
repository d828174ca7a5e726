/*
 * servconf_knot.c — Knot DNS's knot.conf as far as zone maps go (SPEC
 * §4a): `template:` entries (`- id:` with `storage:`, `file:`, `master:`),
 * the `default` template, `zone:` entries (`- domain:` with `template:`,
 * `storage:`, `file:`, `master:`), the substitutions Knot documents for
 * `file` (%s, %c[N], %c[N-M], %l[N], %%), and `include:` (relative to the
 * including file, with glob(3) patterns).
 *
 * knot.conf is YAML; libyaml's event API reads it, one event at a time,
 * so that a repeated top-level key (Knot allows a second `zone:` section,
 * and `include:` more than once) is read as Knot reads it, and nothing is
 * built that the zone map does not need. Aliases are refused and nesting
 * is limited (SPEC §9). A zone with a primary server (`master:`, or
 * `primary:`) is secondary.
 */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "servconf_impl.h"

#define KNOT_DEFAULT_STORAGE "/var/lib/knot"
#define KNOT_DEFAULT_FILE "%s.zone"

/* A template or a zone entry: the items a zone map needs. */
struct item {
	char *id;                /* template id or zone domain */
	char *template_id;
	char *storage;
	char *file;
	bool secondary;
	unsigned line, column;   /* the `id:` or `domain:` key */
	unsigned template_line, template_column;
};

struct knot {
	struct servconf_reader *rd;
	struct item *templates;
	size_t template_count, template_cap;
	struct strmap template_ids;   /* id -> index; keys borrowed from templates */
};

struct doc {
	struct knot *knot;
	yaml_parser_t parser;
	const char *path;
	bool failed;
};

static void item_free(struct item *it)
{
	free(it->id);
	free(it->template_id);
	free(it->storage);
	free(it->file);
}

/* ---- events ---- */

static void error_at(struct doc *d, yaml_mark_t mark, const char *fmt, ...) PTRLINT_PRINTF(3, 4);
static void error_at(struct doc *d, yaml_mark_t mark, const char *fmt, ...)
{
	if (d->failed)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *message = xvasprintf(fmt, ap);
	va_end(ap);
	servconf_error(d->knot->rd, d->path, (unsigned)mark.line + 1, (unsigned)mark.column + 1,
		       "%s", message);
	free(message);
	d->failed = true;
}

/* The next event; false (error added) when the YAML is malformed or the
 * event is an alias. */
static bool next_event(struct doc *d, yaml_event_t *ev)
{
	if (d->failed)
		return false;
	if (!yaml_parser_parse(&d->parser, ev)) {
		const char *problem = d->parser.problem ? d->parser.problem : "malformed YAML";
		error_at(d, d->parser.problem_mark, "%s%s%s", problem,
			 d->parser.context ? " " : "", d->parser.context ? d->parser.context : "");
		return false;
	}
	if (ev->type == YAML_ALIAS_EVENT) {
		error_at(d, ev->start_mark, "YAML aliases are not supported");
		yaml_event_delete(ev);
		return false;
	}
	return true;
}

static bool is_scalar(const yaml_event_t *ev)
{
	return ev->type == YAML_SCALAR_EVENT;
}

static const char *scalar(const yaml_event_t *ev)
{
	return (const char *)ev->data.scalar.value;
}

/* Consume the rest of a node whose first event is ev (already read). */
static bool skip_node(struct doc *d, const yaml_event_t *first)
{
	if (first->type != YAML_SEQUENCE_START_EVENT && first->type != YAML_MAPPING_START_EVENT)
		return true;
	unsigned depth = 1;
	while (depth) {
		yaml_event_t ev;
		if (!next_event(d, &ev))
			return false;
		if (ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT) {
			if (++depth > SERVCONF_MAX_NESTING) {
				error_at(d, ev.start_mark, "YAML nested deeper than %d",
					 SERVCONF_MAX_NESTING);
				yaml_event_delete(&ev);
				return false;
			}
		} else if (ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT) {
			depth--;
		}
		yaml_event_delete(&ev);
	}
	return true;
}

/* The next node, whatever it is, unread. */
static bool skip_value(struct doc *d)
{
	yaml_event_t value;
	if (!next_event(d, &value))
		return false;
	bool ok = skip_node(d, &value);
	yaml_event_delete(&value);
	return ok;
}

/* The next node, which must be a scalar: a copy of its text. */
static char *read_scalar(struct doc *d, const char *key)
{
	yaml_event_t ev;
	if (!next_event(d, &ev))
		return NULL;
	char *text = NULL;
	if (is_scalar(&ev))
		text = xstrdup(scalar(&ev));
	else if (skip_node(d, &ev))
		error_at(d, ev.start_mark, "'%s' takes one value, not a list or a mapping", key);
	yaml_event_delete(&ev);
	return text;
}

/* ---- entries ---- */

static bool set_once(struct doc *d, char **slot, const yaml_event_t *key)
{
	char *value = read_scalar(d, scalar(key));
	if (!value)
		return false;
	if (*slot) {
		error_at(d, key->start_mark, "'%s' given twice in one entry", scalar(key));
		free(value);
		return false;
	}
	*slot = value;
	return true;
}

/* One `- id: ...` or `- domain: ...` mapping, its start already read. */
static bool read_item(struct doc *d, struct item *it, const char *id_key)
{
	for (;;) {
		yaml_event_t key;
		if (!next_event(d, &key))
			return false;
		if (key.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&key);
			return true;
		}
		bool ok = true;
		if (!is_scalar(&key)) {
			error_at(d, key.start_mark, "expected a key such as '%s:'", id_key);
			ok = false;
		} else if (!strcmp(scalar(&key), id_key)) {
			it->line = (unsigned)key.start_mark.line + 1;
			it->column = (unsigned)key.start_mark.column + 1;
			ok = set_once(d, &it->id, &key);
		} else if (!strcmp(scalar(&key), "template") && strcmp(id_key, "id")) {
			it->template_line = (unsigned)key.start_mark.line + 1;
			it->template_column = (unsigned)key.start_mark.column + 1;
			ok = set_once(d, &it->template_id, &key);
		} else if (!strcmp(scalar(&key), "storage")) {
			ok = set_once(d, &it->storage, &key);
		} else if (!strcmp(scalar(&key), "file")) {
			ok = set_once(d, &it->file, &key);
		} else {
			/* a primary server to transfer from, one or a list */
			it->secondary |= !strcmp(scalar(&key), "master") ||
					 !strcmp(scalar(&key), "primary");
			ok = skip_value(d);
		}
		yaml_event_delete(&key);
		if (!ok)
			return false;
	}
}

static const struct item *template_of(struct doc *d, const struct item *zone)
{
	struct knot *k = d->knot;
	const char *id = zone->template_id ? zone->template_id : "default";
	long at = strmap_get(&k->template_ids, id);
	if (at >= 0)
		return &k->templates[at];
	if (zone->template_id) {
		yaml_mark_t mark = {0, zone->template_line - 1, zone->template_column - 1};
		error_at(d, mark, "zone '%s': no template '%s' is defined before it", zone->id,
			 zone->template_id);
	}
	return NULL;
}

/* The n-th label of bare from the right (0: the top-level one) onto sb;
 * nothing when the name has fewer labels. */
static void add_label(struct strbuf *sb, const char *bare, unsigned long n)
{
	size_t stop = strlen(bare);
	for (unsigned long label = 0; stop > 0; label++) {
		size_t start = stop;
		while (start > 0 && bare[start - 1] != '.')
			start--;
		if (label == n) {
			strbuf_add(sb, bare + start, stop - start);
			return;
		}
		stop = start ? start - 1 : 0;
	}
}

/* %c[N], %c[N-M] or %l[N] at p (p[0] == '%'): appended to sb, and the
 * position of its ']' returned; NULL when p starts none of them. */
static const char *add_indexed(struct strbuf *sb, const char *p, const char *bare)
{
	char kind = p[1];
	if ((kind != 'c' && kind != 'l') || p[2] != '[' || p[3] < '0' || p[3] > '9')
		return NULL;
	char *end = NULL;
	unsigned long lo = strtoul(p + 3, &end, 10), hi = lo;
	if (kind == 'c' && *end == '-' && end[1] >= '0' && end[1] <= '9')
		hi = strtoul(end + 1, &end, 10);
	if (*end != ']' || lo > hi)
		return NULL;
	if (kind == 'l') {
		add_label(sb, bare, lo);
		return end;
	}
	/* characters Knot's name lacks add nothing */
	size_t n = strlen(bare);
	for (unsigned long i = lo; i <= hi && i < n; i++)
		strbuf_addch(sb, bare[i]);
	return end;
}

/* Knot's substitutions in file. NULL with *why for one Knot does not
 * document. */
static char *substitute(const char *pattern, const char *origin, char **why)
{
	char *bare = servconf_name_bare(origin);
	if (!*bare) {             /* the root zone is "." */
		free(bare);
		bare = xstrdup(".");
	}
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "");
	for (const char *p = pattern; *p; p++) {
		const char *end;
		if (*p != '%') {
			strbuf_addch(&sb, *p);
		} else if (p[1] == '%' || p[1] == 's') {
			strbuf_addstr(&sb, p[1] == 's' ? bare : "%");
			p++;
		} else if ((end = add_indexed(&sb, p, bare))) {
			p = end;
		} else {
			*why = xasprintf("file '%s': '%%%c' is no substitution Knot documents (%%s, "
					 "%%c[N], %%c[N-M], %%l[N], %%%%)",
					 pattern, p[1] ? p[1] : ' ');
			free(bare);
			strbuf_release(&sb);
			return NULL;
		}
	}
	free(bare);
	return strbuf_detach(&sb);
}

static void add_zone(struct doc *d, const struct item *it)
{
	struct servconf_reader *rd = d->knot->rd;
	const struct item *tmpl = template_of(d, it);
	if (d->failed)
		return;
	struct servconf_zone *z =
		servconf_add_zone(rd, it->id, NULL, NULL, d->path, it->line, it->column);
	if (!z)
		return;
	bool secondary = it->secondary || (tmpl && tmpl->secondary);
	z->type = secondary ? SERVCONF_SECONDARY : SERVCONF_PRIMARY;
	const char *file = it->file ? it->file : tmpl && tmpl->file ? tmpl->file : KNOT_DEFAULT_FILE;
	const char *storage = it->storage			? it->storage
			      : tmpl && tmpl->storage	? tmpl->storage
							: KNOT_DEFAULT_STORAGE;
	z->server_dir = xstrdup(storage);
	char *why = NULL;
	z->file_written = substitute(file, z->origin, &why);
	if (!z->file_written && !secondary)
		z->why_unresolved = why;
	else
		free(why);
}

static void add_template(struct doc *d, struct item *it)
{
	struct knot *k = d->knot;
	long seen = strmap_get(&k->template_ids, it->id);
	if (seen >= 0) {
		yaml_mark_t mark = {0, it->line - 1, it->column - 1};
		error_at(d, mark, "template '%s' is already defined on line %u", it->id,
			 k->templates[seen].line);
		item_free(it);
		return;
	}
	struct item *kept = ARRAY_PUSH(k->templates, k->template_count, k->template_cap);
	*kept = *it;
	/* the key is the id's own allocation, which stays where it is when
	 * the array moves */
	strmap_put(&k->template_ids, kept->id, (uint32_t)(k->template_count - 1));
}

/* A `zone:` or `template:` section: a list of mappings. */
static bool read_section(struct doc *d, const yaml_event_t *key, bool zones)
{
	const char *id_key = zones ? "domain" : "id";
	yaml_event_t ev;
	if (!next_event(d, &ev))
		return false;
	if (ev.type != YAML_SEQUENCE_START_EVENT) {
		error_at(d, ev.start_mark, "'%s:' holds a list of '- %s: ...' entries",
			 scalar(key), id_key);
		yaml_event_delete(&ev);
		return false;
	}
	yaml_event_delete(&ev);
	for (;;) {
		if (!next_event(d, &ev))
			return false;
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			return true;
		}
		if (ev.type != YAML_MAPPING_START_EVENT) {
			error_at(d, ev.start_mark, "each '%s:' entry is a mapping: '- %s: ...'",
				 scalar(key), id_key);
			yaml_event_delete(&ev);
			return false;
		}
		struct item it;
		memset(&it, 0, sizeof(it));
		it.line = (unsigned)ev.start_mark.line + 1;
		it.column = (unsigned)ev.start_mark.column + 1;
		yaml_mark_t start = ev.start_mark;
		yaml_event_delete(&ev);
		if (!read_item(d, &it, id_key)) {
			item_free(&it);
			return false;
		}
		if (!it.id) {
			error_at(d, start, "a '%s:' entry without '%s:'", scalar(key), id_key);
			item_free(&it);
			return false;
		}
		if (zones) {
			add_zone(d, &it);
			item_free(&it);
		} else {
			add_template(d, &it);
		}
	}
}

static int read_file(struct knot *k, const char *path, const struct servconf_place *from);

static bool read_include(struct doc *d, const yaml_event_t *key)
{
	struct servconf_reader *rd = d->knot->rd;
	unsigned line = (unsigned)key->start_mark.line + 1, column = (unsigned)key->start_mark.column + 1;
	char *written = read_scalar(d, "include");
	if (!written)
		return false;
	char *dir = path_dirname(d->path);
	char **paths = NULL, *why = NULL;
	size_t count = 0;
	if (servconf_glob(rd, written, NULL, dir, &paths, &count, &why)) {
		servconf_error(rd, d->path, line, column, "include '%s': %s", written, why);
		free(why);
	}
	struct servconf_place from = {(char *)d->path, line, column};
	for (size_t i = 0; i < count; i++) {
		if (!rd->halted)
			read_file(d->knot, paths[i], &from);
		free(paths[i]);
	}
	free(paths);
	free(dir);
	free(written);
	return true;
}

/* The top-level mapping, its start already read. */
static void read_top(struct doc *d)
{
	for (;;) {
		yaml_event_t key;
		if (!next_event(d, &key))
			return;
		if (key.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&key);
			return;
		}
		bool ok;
		if (!is_scalar(&key)) {
			error_at(d, key.start_mark, "expected a section name such as 'zone:'");
			ok = false;
		} else if (!strcmp(scalar(&key), "zone") || !strcmp(scalar(&key), "template")) {
			ok = read_section(d, &key, !strcmp(scalar(&key), "zone"));
		} else if (!strcmp(scalar(&key), "include")) {
			ok = read_include(d, &key);
		} else {
			ok = skip_value(d);
		}
		yaml_event_delete(&key);
		if (!ok)
			return;
	}
}

/* A whole document: one top-level mapping, or nothing at all. */
static void read_document(struct doc *d)
{
	yaml_event_t ev;
	bool in_document = false;
	while (next_event(d, &ev)) {
		yaml_event_type_t type = ev.type;
		yaml_mark_t mark = ev.start_mark;
		yaml_event_delete(&ev);
		if (type == YAML_STREAM_END_EVENT)
			return;
		if (type == YAML_STREAM_START_EVENT || type == YAML_DOCUMENT_END_EVENT)
			continue;
		if (type == YAML_DOCUMENT_START_EVENT) {
			if (in_document) {
				error_at(d, mark, "a second YAML document: knot.conf is one");
				return;
			}
			in_document = true;
		} else if (type == YAML_MAPPING_START_EVENT) {
			read_top(d);
		} else {
			error_at(d, mark, "knot.conf is a mapping of sections (server:, zone:, ...)");
			return;
		}
	}
}

static int read_file(struct knot *k, const char *path, const struct servconf_place *from)
{
	char *data = NULL;
	size_t len = 0;
	if (servconf_open(k->rd, path, from, &data, &len))
		return -1;
	struct doc d;
	memset(&d, 0, sizeof(d));
	d.knot = k;
	d.path = path;
	if (!yaml_parser_initialize(&d.parser))
		out_of_memory(sizeof(d.parser));
	yaml_parser_set_input_string(&d.parser, (const unsigned char *)data, len);
	read_document(&d);
	yaml_parser_delete(&d.parser);
	servconf_close(k->rd);
	free(data);
	return d.failed ? -1 : 0;
}

int servconf_knot_read(struct servconf_reader *rd, const char *path)
{
	struct knot k;
	memset(&k, 0, sizeof(k));
	k.rd = rd;
	int rc = read_file(&k, path, NULL);
	for (size_t i = 0; i < k.template_count; i++)
		item_free(&k.templates[i]);
	free(k.templates);
	strmap_free(&k.template_ids);
	return rc;
}
