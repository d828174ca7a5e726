/*
 * servconf_nsd.c — NSD's nsd.conf as far as zone maps go (SPEC §4a):
 * `server:` `zonesdir:`, `zone:` and `pattern:` sections with `name:`,
 * `zonefile:` (and its %s %1 %2 %3 %z %y %x substitutions),
 * `include-pattern:` and `request-xfr:` (which makes a zone secondary),
 * and `include:` with glob(3) patterns anywhere.
 *
 * The format is line by line: `keyword: value...`, values plain or in
 * double quotes, `#` comments. A section keyword alone on its line starts
 * a section; an included file goes on with the section it is included in,
 * as NSD's lexer reads it. Zones and patterns are collected first and
 * evaluated once everything is read, so a pattern may stand after the
 * zones that use it; each pattern is evaluated once (memoised), so nested
 * patterns cost their size, not the number of paths through them.
 */
#include <stdlib.h>
#include <string.h>

#include "servconf_impl.h"

#define PATTERN_MAX_DEPTH 16

enum op_kind { OP_ZONEFILE, OP_PATTERN, OP_SECONDARY };

/* A setting of a zone or pattern, in the order written: NSD applies an
 * include-pattern where it stands, a later zonefile overrides it. */
struct op {
	enum op_kind kind;
	char *value;
	unsigned line, column;
	char *file;              /* the config file it stands in */
};

struct entry {
	bool is_pattern;
	char *name;
	struct servconf_place where;   /* the `zone:` or `pattern:` keyword */
	struct op *ops;
	size_t op_count, op_cap;
	/* patterns, once evaluated: */
	int state;               /* P_TODO, P_BUSY, P_DONE, P_FAILED */
	const struct op *zonefile;     /* the last zonefile it sets; NULL: none */
	bool secondary;
};

enum section { S_NONE, S_SERVER, S_ZONE, S_PATTERN, S_OTHER };

struct nsd {
	struct servconf_reader *rd;
	struct entry *entries;
	size_t entry_count, entry_cap;
	enum section section;
	char *zonesdir;
	struct strmap patterns;  /* name -> entry index; keys borrowed from entries */
};

struct line_tokens {
	char *keyword;           /* without its ':' */
	unsigned keyword_column;
	char *values[2];         /* the first two values; the rest are not needed */
	unsigned value_column[2];
	size_t value_count;
};

static void line_tokens_free(struct line_tokens *lt)
{
	free(lt->keyword);
	for (size_t i = 0; i < lt->value_count && i < 2; i++)
		free(lt->values[i]);
	memset(lt, 0, sizeof(*lt));
}

/* One token at *pos of line (length len): a quoted string or a word up to
 * blank or '#'. NULL with an error added for an unterminated string. */
static char *next_token(struct servconf_reader *rd, const char *path, unsigned line_no,
			const char *line, size_t len, size_t *pos)
{
	size_t start = *pos;
	if (line[start] == '"') {
		const char *close = memchr(line + start + 1, '"', len - start - 1);
		if (!close) {
			servconf_error(rd, path, line_no, (unsigned)start + 1,
				       "unterminated string: no closing '\"' on this line");
			return NULL;
		}
		*pos = (size_t)(close - line) + 1;
		return xstrndup(line + start + 1, (size_t)(close - line) - start - 1);
	}
	while (*pos < len && line[*pos] != ' ' && line[*pos] != '\t' && line[*pos] != '\r' &&
	       line[*pos] != '#')
		(*pos)++;
	return xstrndup(line + start, *pos - start);
}

/* Split one line. 1: a keyword line; 0: blank or comment; -1: error added. */
static int split_line(struct servconf_reader *rd, const char *path, unsigned line_no,
		      const char *line, size_t len, struct line_tokens *lt)
{
	memset(lt, 0, sizeof(*lt));
	size_t pos = 0;
	for (;;) {
		while (pos < len && (line[pos] == ' ' || line[pos] == '\t' || line[pos] == '\r'))
			pos++;
		if (pos >= len || line[pos] == '#')
			break;
		unsigned column = (unsigned)pos + 1;
		char *tok = next_token(rd, path, line_no, line, len, &pos);
		if (!tok) {
			line_tokens_free(lt);
			return -1;
		}
		if (!lt->keyword) {
			size_t n = strlen(tok);
			if (!n || tok[n - 1] != ':' || line[column - 1] == '"') {
				servconf_error(rd, path, line_no, column,
					       "expected 'keyword:', found '%s'", tok);
				free(tok);
				return -1;
			}
			tok[n - 1] = '\0';
			lt->keyword = tok;
			lt->keyword_column = column;
		} else if (lt->value_count < 2) {
			lt->value_column[lt->value_count] = column;
			lt->values[lt->value_count++] = tok;
		} else {
			lt->value_count++;
			free(tok);
		}
	}
	return lt->keyword ? 1 : 0;
}

static enum section section_of(const char *keyword)
{
	static const char *const others[] = {"key", "remote-control", "tls-auth", "verify",
					     "dnstap"};
	if (!strcmp(keyword, "server"))
		return S_SERVER;
	if (!strcmp(keyword, "zone"))
		return S_ZONE;
	if (!strcmp(keyword, "pattern"))
		return S_PATTERN;
	for (size_t i = 0; i < ARRAY_LEN(others); i++)
		if (!strcmp(keyword, others[i]))
			return S_OTHER;
	return S_NONE;
}

static struct entry *current(struct nsd *nsd)
{
	return nsd->entry_count ? &nsd->entries[nsd->entry_count - 1] : NULL;
}

static void start_section(struct nsd *nsd, enum section section, const char *path,
			  unsigned line, unsigned column)
{
	nsd->section = section;
	if (section != S_ZONE && section != S_PATTERN)
		return;
	struct entry *e = ARRAY_PUSH(nsd->entries, nsd->entry_count, nsd->entry_cap);
	memset(e, 0, sizeof(*e));
	e->is_pattern = section == S_PATTERN;
	e->where.file = xstrdup(path);
	e->where.line = line;
	e->where.column = column;
}

static void add_op(struct entry *e, enum op_kind kind, const char *value, const char *path,
		   unsigned line, unsigned column)
{
	struct op *op = ARRAY_PUSH(e->ops, e->op_count, e->op_cap);
	op->kind = kind;
	op->value = xstrdup(value);
	op->line = line;
	op->column = column;
	op->file = xstrdup(path);
}

static int read_file(struct nsd *nsd, const char *path, const struct servconf_place *from);

static void read_includes(struct nsd *nsd, const char *path, unsigned line_no,
			  const struct line_tokens *lt)
{
	struct servconf_reader *rd = nsd->rd;
	char **paths = NULL, *why = NULL;
	size_t count = 0;
	if (servconf_glob(rd, lt->values[0], NULL, rd->top_dir, &paths, &count, &why)) {
		servconf_error(rd, path, line_no, lt->keyword_column, "include '%s': %s",
			       lt->values[0], why);
		free(why);
		return;
	}
	struct servconf_place from = {(char *)path, line_no, lt->keyword_column};
	for (size_t i = 0; i < count; i++) {
		if (!rd->halted)
			read_file(nsd, paths[i], &from);
		free(paths[i]);
	}
	free(paths);
}

/* One keyword line in the current section. */
static void keyword_line(struct nsd *nsd, const char *path, unsigned line_no,
			 const struct line_tokens *lt)
{
	struct servconf_reader *rd = nsd->rd;
	const char *kw = lt->keyword;
	enum section section = section_of(kw);
	if (section != S_NONE && !lt->value_count) {
		start_section(nsd, section, path, line_no, lt->keyword_column);
		return;
	}
	if (section != S_NONE) {
		servconf_error(rd, path, line_no, lt->value_column[0],
			       "'%s:' starts a section and takes no value: ptrlint reads one "
			       "keyword a line",
			       kw);
		return;
	}
	if (!lt->value_count) {
		servconf_error(rd, path, line_no, lt->keyword_column, "'%s:' needs a value", kw);
		return;
	}
	if (!strcmp(kw, "include")) {
		read_includes(nsd, path, line_no, lt);
		return;
	}
	if (nsd->section == S_NONE) {
		servconf_error(rd, path, line_no, lt->keyword_column,
			       "'%s:' outside a section (server:, zone:, pattern:, ...)", kw);
		return;
	}
	if (nsd->section == S_SERVER && !strcmp(kw, "zonesdir")) {
		free(nsd->zonesdir);
		nsd->zonesdir = xstrdup(lt->values[0]);
		return;
	}
	if (nsd->section != S_ZONE && nsd->section != S_PATTERN)
		return;
	struct entry *e = current(nsd);
	unsigned column = lt->value_column[0];
	if (!strcmp(kw, "name")) {
		if (e->name)
			servconf_error(rd, path, line_no, lt->keyword_column,
				       "'name:' given twice in one %s", e->is_pattern ? "pattern" : "zone");
		else
			e->name = xstrdup(lt->values[0]);
	} else if (!strcmp(kw, "zonefile")) {
		add_op(e, OP_ZONEFILE, lt->values[0], path, line_no, column);
	} else if (!strcmp(kw, "include-pattern")) {
		add_op(e, OP_PATTERN, lt->values[0], path, line_no, column);
	} else if (!strcmp(kw, "request-xfr")) {
		add_op(e, OP_SECONDARY, "", path, line_no, column);
	}
}

static int read_file(struct nsd *nsd, const char *path, const struct servconf_place *from)
{
	struct servconf_reader *rd = nsd->rd;
	char *data = NULL;
	size_t len = 0;
	if (servconf_open(rd, path, from, &data, &len))
		return -1;
	unsigned line_no = 0;
	for (size_t start = 0; start < len && !rd->halted;) {
		const char *nl = memchr(data + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - data) : len;
		line_no++;
		struct line_tokens lt;
		if (split_line(rd, path, line_no, data + start, end - start, &lt) == 1)
			keyword_line(nsd, path, line_no, &lt);
		line_tokens_free(&lt);
		start = end + 1;
	}
	servconf_close(rd);
	free(data);
	return 0;
}

/* ---- evaluation ---- */

enum { P_TODO, P_BUSY, P_DONE, P_FAILED };

/* Apply ops in order to (*zonefile, *secondary). A pattern is evaluated
 * on its first use; a loop is reported where it closes, once. */
static int apply_ops(struct nsd *nsd, const struct entry *e, unsigned depth,
		     const struct op **zonefile, bool *secondary)
{
	for (size_t i = 0; i < e->op_count; i++) {
		const struct op *op = &e->ops[i];
		if (op->kind == OP_ZONEFILE) {
			*zonefile = op;
			continue;
		}
		if (op->kind == OP_SECONDARY) {
			*secondary = true;
			continue;
		}
		long at = strmap_get(&nsd->patterns, op->value);
		if (at < 0) {
			servconf_error(nsd->rd, op->file, op->line, op->column,
				       "include-pattern '%s': no pattern has that name", op->value);
			return -1;
		}
		struct entry *p = &nsd->entries[at];
		if (p->state == P_FAILED)
			return -1;
		if (p->state == P_BUSY || depth >= PATTERN_MAX_DEPTH) {
			servconf_error(nsd->rd, op->file, op->line, op->column,
				       "include-pattern '%s': patterns include each other in a loop "
				       "or deeper than %d",
				       op->value, PATTERN_MAX_DEPTH);
			return -1;
		}
		if (p->state == P_TODO) {
			p->state = P_BUSY;
			if (apply_ops(nsd, p, depth + 1, &p->zonefile, &p->secondary)) {
				p->state = P_FAILED;
				return -1;
			}
			p->state = P_DONE;
		}
		if (p->zonefile)
			*zonefile = p->zonefile;
		*secondary |= p->secondary;
	}
	return 0;
}

/* NSD's zonefile substitutions; a label or character the name lacks is
 * a '.'. */
static char *substitute(const char *pattern, const char *origin)
{
	char *bare = servconf_name_bare(origin);
	const char *labels[3] = {NULL, NULL, NULL};   /* top, next, next-next */
	size_t label_len[3] = {0, 0, 0};
	size_t n = strlen(bare);
	size_t end = n;
	for (int i = 0; i < 3 && end > 0; i++) {
		size_t start = end;
		while (start > 0 && bare[start - 1] != '.')
			start--;
		labels[i] = bare + start;
		label_len[i] = end - start;
		end = start ? start - 1 : 0;
	}
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "");
	for (const char *p = pattern; *p; p++) {
		if (*p != '%' || !p[1]) {
			strbuf_addch(&sb, *p);
			continue;
		}
		char c = *++p;
		if (c == 's') {
			strbuf_addstr(&sb, bare);
		} else if (c >= '1' && c <= '3') {
			size_t i = (size_t)(c - '1');
			strbuf_addch(&sb, i < n ? bare[i] : '.');
		} else if (c == 'z' || c == 'y' || c == 'x') {
			int i = c == 'z' ? 0 : c == 'y' ? 1 : 2;
			if (labels[i])
				strbuf_add(&sb, labels[i], label_len[i]);
			else
				strbuf_addch(&sb, '.');
		} else {
			strbuf_addch(&sb, '%');
			strbuf_addch(&sb, c);
		}
	}
	free(bare);
	return strbuf_detach(&sb);
}

static void add_zone(struct nsd *nsd, struct entry *e)
{
	const struct op *zonefile = NULL;
	bool secondary = false;
	if (apply_ops(nsd, e, 0, &zonefile, &secondary))
		return;
	struct servconf_zone *z = servconf_add_zone(nsd->rd, e->name, NULL, NULL, e->where.file,
						    e->where.line, e->where.column);
	if (!z)
		return;
	z->type = secondary ? SERVCONF_SECONDARY : SERVCONF_PRIMARY;
	if (zonefile)
		z->file_written = substitute(zonefile->value, z->origin);
	if (nsd->zonesdir)
		z->server_dir = xstrdup(nsd->zonesdir);
}

static void evaluate(struct nsd *nsd)
{
	for (size_t i = 0; i < nsd->entry_count; i++) {
		struct entry *e = &nsd->entries[i];
		if (!e->name) {
			servconf_error(nsd->rd, e->where.file, e->where.line, e->where.column,
				       "'%s:' without 'name:'", e->is_pattern ? "pattern" : "zone");
			continue;
		}
		if (!e->is_pattern)
			continue;
		long seen = strmap_get(&nsd->patterns, e->name);
		if (seen >= 0)
			servconf_error(nsd->rd, e->where.file, e->where.line, e->where.column,
				       "pattern '%s' is already defined at %s:%u:%u", e->name,
				       nsd->entries[seen].where.file, nsd->entries[seen].where.line,
				       nsd->entries[seen].where.column);
		else
			strmap_put(&nsd->patterns, e->name, (uint32_t)i);
	}
	for (size_t i = 0; i < nsd->entry_count && !nsd->rd->halted; i++)
		if (!nsd->entries[i].is_pattern && nsd->entries[i].name)
			add_zone(nsd, &nsd->entries[i]);
}

static void nsd_free(struct nsd *nsd)
{
	for (size_t i = 0; i < nsd->entry_count; i++) {
		struct entry *e = &nsd->entries[i];
		for (size_t j = 0; j < e->op_count; j++) {
			free(e->ops[j].value);
			free(e->ops[j].file);
		}
		free(e->ops);
		free(e->name);
		free(e->where.file);
	}
	free(nsd->entries);
	free(nsd->zonesdir);
	strmap_free(&nsd->patterns);
}

int servconf_nsd_read(struct servconf_reader *rd, const char *path)
{
	struct nsd nsd;
	memset(&nsd, 0, sizeof(nsd));
	nsd.rd = rd;
	size_t errors_before = rd->out->error_count;
	int rc = read_file(&nsd, path, NULL);
	if (!rc && rd->out->error_count == errors_before)
		evaluate(&nsd);
	nsd_free(&nsd);
	return rc;
}
