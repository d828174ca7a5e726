/*
 * servconf.c — the model of servconf.h and what its three readers share:
 * config files read under the limits of SPEC §9, errors with their place,
 * zones and their keys, and path resolution of SPEC §4a (include-map,
 * the server's directory, the longest unique tail of an absolute path).
 *
 * The tail index lists the root once per servconf_read, on the first
 * absolute path that needs it, and keys every tail of every path (up to
 * TAIL_MAX_COMPONENTS components) as a pointer into that path: one hash
 * probe per tail of a looked-up path, whatever the size of the tree.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "dname.h"
#include "servconf_impl.h"

#define TAIL_MAX_COMPONENTS 32
#define TAIL_SAMPLES 4           /* candidates an ambiguity message names */

/* ---- the model ---- */

void servconf_init(struct servconf *sc)
{
	memset(sc, 0, sizeof(*sc));
}

static void place_free(struct servconf_place *place)
{
	free(place->file);
}

void servconf_free(struct servconf *sc)
{
	for (size_t i = 0; i < sc->zone_count; i++) {
		struct servconf_zone *z = &sc->zones[i];
		free(z->origin);
		free(z->view);
		free(z->in_view);
		free(z->class_name);
		free(z->file_written);
		free(z->server_dir);
		free(z->file);
		free(z->why_unresolved);
		place_free(&z->where);
	}
	free(sc->zones);
	for (size_t i = 0; i < sc->error_count; i++)
		free(sc->errors[i]);
	free(sc->errors);
	memset(sc, 0, sizeof(*sc));
}

const char *servconf_type_name(enum servconf_zone_type type)
{
	static const char *const names[] = {
		[SERVCONF_PRIMARY] = "primary",
		[SERVCONF_SECONDARY] = "secondary",
		[SERVCONF_STUB] = "stub",
		[SERVCONF_STATIC_STUB] = "static-stub",
		[SERVCONF_FORWARD] = "forward",
		[SERVCONF_HINT] = "hint",
		[SERVCONF_MIRROR] = "mirror",
		[SERVCONF_REDIRECT] = "redirect",
		[SERVCONF_DELEGATION_ONLY] = "delegation-only",
		[SERVCONF_IN_VIEW] = "in-view",
	};
	return (size_t)type < ARRAY_LEN(names) ? names[type] : "unknown";
}

bool servconf_zone_is_linted(const struct servconf_zone *zone)
{
	return zone->type == SERVCONF_PRIMARY && !zone->class_name;
}

enum servconf_format servconf_format_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	if (!strncmp(base, "named.conf", 10))
		return SERVCONF_NAMED;
	if (!strncmp(base, "nsd.conf", 8))
		return SERVCONF_NSD;
	if (!strncmp(base, "knot.conf", 9))
		return SERVCONF_KNOT;
	return SERVCONF_AUTO;
}

/* ---- errors ---- */

void servconf_error(struct servconf_reader *rd, const char *file, unsigned line,
		    unsigned column, const char *fmt, ...)
{
	if (rd->halted)
		return;
	struct servconf *sc = rd->out;
	char **slot = ARRAY_PUSH(sc->errors, sc->error_count, sc->error_cap);
	if (sc->error_count > SERVCONF_MAX_ERRORS) {
		*slot = xasprintf("%s: more than %d errors, the rest are not shown", file,
				  SERVCONF_MAX_ERRORS);
		rd->halted = true;
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	*slot = xvasprintf_at(file, line, column, fmt, ap);
	va_end(ap);
}

/* ---- reading config files ---- */

/* The line and column of offset in text, for a NUL byte's message. */
static void position_of(const char *text, size_t offset, unsigned *line, unsigned *column)
{
	unsigned l = 1;
	size_t line_start = 0;
	for (size_t i = 0; i < offset; i++)
		if (text[i] == '\n') {
			l++;
			line_start = i + 1;
		}
	*line = l;
	*column = (unsigned)(offset - line_start + 1);
}

static bool on_stack(const struct servconf_reader *rd, const char *path)
{
	for (unsigned i = 0; i < rd->depth; i++)
		if (!strcmp(rd->stack[i], path))
			return true;
	return false;
}

/* An error about path, at the include that names it or, for the top
 * file, at the file itself. */
PTRLINT_PRINTF(4, 5)
static void open_error(struct servconf_reader *rd, const char *path,
		       const struct servconf_place *from, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *message = xvasprintf(fmt, ap);
	va_end(ap);
	if (from)
		servconf_error(rd, from->file, from->line, from->column, "%s", message);
	else if (!rd->halted) {
		struct servconf *sc = rd->out;
		*ARRAY_PUSH(sc->errors, sc->error_count, sc->error_cap) =
			xasprintf("cannot read server config '%s': %s", path, message);
	}
	free(message);
}

int servconf_open(struct servconf_reader *rd, const char *path, const struct servconf_place *from,
		  char **data, size_t *len)
{
	if (rd->depth > SERVCONF_MAX_INCLUDE_DEPTH) {
		open_error(rd, path, from, "include '%s': nesting deeper than %d", path,
			   SERVCONF_MAX_INCLUDE_DEPTH);
		return -1;
	}
	if (on_stack(rd, path)) {
		open_error(rd, path, from, "include '%s': a loop (the file includes itself)", path);
		return -1;
	}
	if (++rd->files_read > SERVCONF_MAX_FILES) {
		open_error(rd, path, from, "include '%s': more than %d files read", path,
			   SERVCONF_MAX_FILES);
		return -1;
	}
	enum source_kind kind = source_kind(rd->src, path);
	if (kind != SOURCE_FILE) {
		open_error(rd, path, from, "'%s': %s", path, source_kind_why(kind));
		return -1;
	}
	char *err = NULL;
	if (source_read(rd->src, path, data, len, &err) != 0) {
		open_error(rd, path, from, "'%s': %s", path, err ? err : "cannot read");
		free(err);
		return -1;
	}
	if (*len > SERVCONF_MAX_BYTES - rd->bytes_read) {
		open_error(rd, path, from, "'%s': server configs larger than %zu MiB in all", path,
			   SERVCONF_MAX_BYTES >> 20);
		free(*data);
		return -1;
	}
	rd->bytes_read += *len;
	const char *nul = memchr(*data, '\0', *len);
	if (nul) {
		unsigned line, column;
		position_of(*data, (size_t)(nul - *data), &line, &column);
		servconf_error(rd, path, line, column, "a NUL byte: not a text file");
		free(*data);
		return -1;
	}
	rd->stack[rd->depth++] = path;
	return 0;
}

void servconf_close(struct servconf_reader *rd)
{
	rd->depth--;
}

/* ---- zones ---- */

static char *origin_of(const char *name)
{
	size_t n = strlen(name);
	if (!n || n >= NAME_TEXT_MAX)
		return NULL;
	char *absolute = name[n - 1] == '.' ? xstrdup(name) : xasprintf("%s.", name);
	uint8_t wire[256];
	size_t wire_len = dname_from_text(wire, absolute, NULL);
	free(absolute);
	if (!wire_len)
		return NULL;
	char text[NAME_TEXT_MAX];
	dname_to_text(text, wire);
	return xstrdup(text);
}

char *servconf_name_bare(const char *origin)
{
	size_t n = strlen(origin);
	return xstrndup(origin, n ? n - 1 : 0);
}

struct servconf_zone *servconf_add_zone(struct servconf_reader *rd, const char *name,
					const char *view, const char *class_name,
					const char *file, unsigned line, unsigned column)
{
	char *origin = origin_of(name);
	if (!origin) {
		servconf_error(rd, file, line, column, "zone '%s': not a domain name", name);
		return NULL;
	}
	char *key = xasprintf("%s\n%s\n%s", view ? view : "", class_name ? class_name : "IN",
			      origin);
	long seen = strmap_get(&rd->zone_keys, key);
	if (seen >= 0) {
		const struct servconf_zone *first = &rd->out->zones[seen];
		servconf_error(rd, file, line, column, "zone '%s' is already defined at %s:%u:%u",
			       name, first->where.file, first->where.line, first->where.column);
		free(key);
		free(origin);
		return NULL;
	}
	struct servconf *sc = rd->out;
	strmap_put(&rd->zone_keys, arena_strdup(&rd->key_arena, key), (uint32_t)sc->zone_count);
	free(key);
	struct servconf_zone *z = ARRAY_PUSH(sc->zones, sc->zone_count, sc->zone_cap);
	memset(z, 0, sizeof(*z));
	z->origin = origin;
	z->view = view ? xstrdup(view) : NULL;
	z->class_name = class_name ? xstrdup(class_name) : NULL;
	z->where.file = xstrdup(file);
	z->where.line = line;
	z->where.column = column;
	return z;
}

const struct servconf_zone *servconf_find_zone(const struct servconf_reader *rd,
					       const char *view, const char *name)
{
	char *origin = origin_of(name);
	if (!origin)
		return NULL;
	char *key = xasprintf("%s\nIN\n%s", view ? view : "", origin);
	long at = strmap_get(&rd->zone_keys, key);
	free(key);
	free(origin);
	return at >= 0 ? &rd->out->zones[at] : NULL;
}

/* ---- the tail index ---- */

struct tail_entry {
	uint32_t count;
	uint32_t samples[TAIL_SAMPLES];   /* indexes into paths */
};

struct tail_map {
	struct strmap keys;      /* tail (a pointer into a path) -> entry */
	struct tail_entry *entries;
	size_t count, cap;
};

struct servconf_tails {
	char **paths;
	size_t path_count, path_cap;
	struct tail_map files, dirs;
	char *failure;           /* why the root could not be listed; NULL */
};

static void tail_add(struct tail_map *map, const char *tail, uint32_t path_index)
{
	long at = strmap_get(&map->keys, tail);
	if (at < 0) {
		struct tail_entry *e = ARRAY_PUSH(map->entries, map->count, map->cap);
		memset(e, 0, sizeof(*e));
		at = (long)(map->count - 1);
		strmap_put(&map->keys, tail, (uint32_t)at);
	}
	struct tail_entry *e = &map->entries[at];
	if (e->count < TAIL_SAMPLES)
		e->samples[e->count] = path_index;
	e->count++;
}

/* Key every tail of paths[index] of at most TAIL_MAX_COMPONENTS components. */
static void tails_add_path(struct servconf_tails *t, struct tail_map *map, uint32_t index)
{
	const char *path = t->paths[index];
	unsigned components = 0;
	for (const char *p = path + strlen(path); p > path && components < TAIL_MAX_COMPONENTS;
	     ) {
		const char *start = p;
		while (start > path && start[-1] != '/')
			start--;
		tail_add(map, start, index);
		components++;
		p = start > path ? start - 1 : path;
	}
}

static uint32_t tails_keep(struct servconf_tails *t, char *path)
{
	*ARRAY_PUSH(t->paths, t->path_count, t->path_cap) = path;
	return (uint32_t)(t->path_count - 1);
}

/* Walk the root breadth-first (no recursion: a deep tree is hostile
 * input): regular files and directories, no links to directories, nothing
 * in .git. */
static struct servconf_tails *tails_build(struct source *src)
{
	struct servconf_tails *t = xcalloc(1, sizeof(*t));
	char **queue = NULL;
	size_t queue_len = 0, queue_cap = 0, next = 0;
	*ARRAY_PUSH(queue, queue_len, queue_cap) = xstrdup("");
	while (next < queue_len && !t->failure) {
		char *dir = queue[next++];
		char **names = NULL, *err = NULL;
		size_t count = 0;
		if (source_list(src, dir, &names, &count, &err) != 0) {
			t->failure = xasprintf("cannot list '%s': %s", *dir ? dir : ".",
					       err ? err : "unknown error");
			free(err);
			free(dir);
			break;
		}
		for (size_t i = 0; i < count; i++) {
			char *child = *dir ? xasprintf("%s/%s", dir, names[i]) : xstrdup(names[i]);
			enum source_kind kind = source_kind(src, child);
			if (t->path_count >= SERVCONF_MAX_TREE_FILES && !t->failure)
				t->failure = xasprintf("the linted root holds more than %d files",
						       SERVCONF_MAX_TREE_FILES);
			if (t->failure || (kind != SOURCE_FILE && kind != SOURCE_DIR) ||
			    (kind == SOURCE_DIR && source_is_link(src, child))) {
				free(child);
			} else if (kind == SOURCE_FILE) {
				tails_add_path(t, &t->files, tails_keep(t, child));
			} else {
				tails_add_path(t, &t->dirs, tails_keep(t, xstrdup(child)));
				*ARRAY_PUSH(queue, queue_len, queue_cap) = child;
			}
			free(names[i]);
		}
		free(names);
		free(dir);
	}
	for (; next < queue_len; next++)
		free(queue[next]);
	free(queue);
	return t;
}

static void tail_map_free(struct tail_map *map)
{
	strmap_free(&map->keys);
	free(map->entries);
}

static void tails_free(struct servconf_tails *t)
{
	if (!t)
		return;
	tail_map_free(&t->files);
	tail_map_free(&t->dirs);
	for (size_t i = 0; i < t->path_count; i++)
		free(t->paths[i]);
	free(t->paths);
	free(t->failure);
	free(t);
}

static char *ambiguity(const struct servconf_tails *t, const struct tail_entry *e,
		       const char *written, const char *tail)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "'%s' is ambiguous: %u paths in the linted root end with '%s' (",
		    written, e->count, tail);
	for (uint32_t i = 0; i < e->count && i < TAIL_SAMPLES; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", t->paths[e->samples[i]]);
	if (e->count > TAIL_SAMPLES)
		strbuf_addf(&sb, ", and %u more", e->count - TAIL_SAMPLES);
	strbuf_addstr(&sb, "); an include-map entry says which one the server reads");
	return strbuf_detach(&sb);
}

/* normalised: an absolute server path without its leading '/', "." and
 * ".." applied. The longest tail that names something in the root. */
static int tail_lookup(struct servconf_reader *rd, const char *written, const char *normalised,
		       bool want_dir, char **out, char **why)
{
	if (!rd->tails)
		rd->tails = tails_build(rd->src);
	struct servconf_tails *t = rd->tails;
	if (t->failure) {
		*why = xasprintf("'%s' cannot be matched to a file in the linted root: %s", written,
				 t->failure);
		return -1;
	}
	const struct tail_map *map = want_dir ? &t->dirs : &t->files;
	for (const char *tail = normalised; *tail;) {
		long at = strmap_get(&map->keys, tail);
		if (at >= 0) {
			const struct tail_entry *e = &map->entries[at];
			if (e->count > 1) {
				*why = ambiguity(t, e, written, tail);
				return -1;
			}
			*out = xstrdup(t->paths[e->samples[0]]);
			return 0;
		}
		const char *slash = strchr(tail, '/');
		tail = slash ? slash + 1 : tail + strlen(tail);
	}
	const char *last = strrchr(normalised, '/');
	*why = xasprintf("no %s in the linted root ends with '%s' (the server reads '%s'); "
			 "an include-map entry can say where it is",
			 want_dir ? "directory" : "file", last ? last + 1 : normalised, written);
	return -1;
}

/* ---- resolution ---- */

static void map_build(struct servconf_reader *rd)
{
	const struct servconf_options *o = rd->opts;
	for (size_t i = 0; o && i < o->include_map_count; i++) {
		const char *from = o->include_map[i].from;
		size_t n = strlen(from);
		while (n > 1 && from[n - 1] == '/')
			n--;
		char *key = arena_alloc_bytes(&rd->key_arena, n + 1);
		memcpy(key, from, n);
		key[n] = '\0';
		if (strmap_get(&rd->map_from, key) < 0)
			strmap_put(&rd->map_from, key, (uint32_t)i);
	}
}

/* The longest include-map prefix of path that ends at a component
 * boundary: the entry, with *rest what follows it. -1 for none. */
static long map_match(struct servconf_reader *rd, const char *path, const char **rest)
{
	if (!rd->map_from.count)
		return -1;
	size_t n = strlen(path);
	char *prefix = xstrdup(path);
	long found = -1;
	for (size_t end = n; end > 0 && found < 0; end--) {
		if (end < n && path[end] != '/')
			continue;
		prefix[end] = '\0';
		found = strmap_get(&rd->map_from, prefix);
		if (found >= 0)
			*rest = path + end;
	}
	if (found < 0 && path[0] == '/') {
		found = strmap_get(&rd->map_from, "/");
		*rest = path;
	}
	free(prefix);
	if (found >= 0)
		while (**rest == '/')
			(*rest)++;
	return found;
}

/* how: what led to candidate, as the start of the message ("" when
 * candidate is the path as written). */
static int check_candidate(struct servconf_reader *rd, char *candidate, bool want_dir,
			   const char *how, char **out, char **why)
{
	enum source_kind kind = source_kind(rd->src, candidate);
	if (kind == (want_dir ? SOURCE_DIR : SOURCE_FILE)) {
		*out = candidate;
		return 0;
	}
	const char *what = kind == SOURCE_FILE	 ? "a file, not a directory"
			   : kind == SOURCE_DIR ? "a directory, not a file"
						: source_kind_why(kind);
	*why = xasprintf("%s'%s': %s", how, candidate, what);
	free(candidate);
	return -1;
}

static int resolve_by_map(struct servconf_reader *rd, long entry, const char *rest,
			  const char *written, bool want_dir, char **out, char **why)
{
	const struct servconf_prefix *p = &rd->opts->include_map[entry];
	char *candidate = path_join_normalise(p->to, rest);
	if (!candidate) {
		*why = xasprintf("include-map entry '%s' makes '%s' leave the linted root", p->from,
				 written);
		return -1;
	}
	char *how = xasprintf("include-map entry '%s' turns '%s' into ", p->from, written);
	int rc = check_candidate(rd, candidate, want_dir, how, out, why);
	free(how);
	return rc;
}

/* What the server reads: written against server_dir ("/" joined), or
 * NULL when the server's directory is not known. */
static char *server_path_of(const char *written, const char *server_dir)
{
	if (written[0] == '/')
		return xstrdup(written);
	if (!server_dir || !*server_dir)
		return NULL;
	size_t n = strlen(server_dir);
	return xasprintf("%s%s%s", server_dir, server_dir[n - 1] == '/' ? "" : "/", written);
}

/* A path relative to the server's working directory: base stands in for it. */
static int resolve_relative(struct servconf_reader *rd, const char *path, const char *written,
			    const char *base, bool want_dir, char **out, char **why)
{
	char *candidate = path_join_normalise(base, path);
	if (!candidate) {
		*why = xasprintf("'%s' leads outside the linted root", written);
		return -1;
	}
	char *how = strcmp(candidate, written) ? xasprintf("'%s' is ", written) : xstrdup("");
	int rc = check_candidate(rd, candidate, want_dir, how, out, why);
	free(how);
	return rc;
}

/* An absolute server path; written is relative when the server's
 * directory made it absolute, and then the config's own directory stands
 * in for that directory first, when the tree has the same layout. Else
 * the longest unique tail. */
static int resolve_absolute(struct servconf_reader *rd, const char *server_path,
			    const char *written, const char *base, bool want_dir, char **out,
			    char **why)
{
	if (written[0] != '/') {
		char *candidate = path_join_normalise(base, written);
		if (candidate &&
		    source_kind(rd->src, candidate) == (want_dir ? SOURCE_DIR : SOURCE_FILE)) {
			*out = candidate;
			return 0;
		}
		free(candidate);
	}
	char *normalised = path_join_normalise("", server_path);
	int rc = -1;
	if (!normalised || !*normalised)
		*why = xasprintf("'%s' names no file", server_path);
	else
		rc = tail_lookup(rd, server_path, normalised, want_dir, out, why);
	free(normalised);
	return rc;
}

int servconf_resolve(struct servconf_reader *rd, const char *written, const char *server_dir,
		     const char *base, bool want_dir, char **out, char **why)
{
	*out = NULL;
	*why = NULL;
	if (!*written) {
		*why = xstrdup("the path is empty");
		return -1;
	}
	char *server_path = server_path_of(written, server_dir);
	const char *rest = NULL;
	long entry = map_match(rd, written, &rest);
	if (entry < 0 && server_path)
		entry = map_match(rd, server_path, &rest);
	int rc;
	if (entry >= 0)
		rc = resolve_by_map(rd, entry, rest, written, want_dir, out, why);
	else if (!server_path || server_path[0] != '/')
		rc = resolve_relative(rd, server_path ? server_path : written, written, base,
				      want_dir, out, why);
	else
		rc = resolve_absolute(rd, server_path, written, base, want_dir, out, why);
	free(server_path);
	return rc;
}

/* ---- wildcards ---- */

/* One bracket expression at *p against c: advances *p past it. Without
 * its closing ']' the '[' is a literal character, as in glob(3). */
static bool bracket_match(const char **p, char c)
{
	const char *s = *p + 1;
	bool negate = *s == '!' || *s == '^';
	if (negate)
		s++;
	bool matched = false;
	for (bool first = true; *s && (first || *s != ']'); first = false) {
		char lo = *s, hi = *s;
		if (s[1] == '-' && s[2] && s[2] != ']') {
			hi = s[2];
			s += 3;
		} else {
			s++;
		}
		if (c >= lo && c <= hi)
			matched = true;
	}
	if (*s != ']') {
		(*p)++;
		return c == '[';
	}
	*p = s + 1;
	return matched != negate;
}

/* Iterative with one backtrack point for the last '*': O(pattern x name),
 * never exponential, as a hostile pattern of many '*' would make a
 * recursive matcher. A leading '.' is matched only by a '.', as glob(3)
 * does it. */
bool servconf_wildcard_match(const char *pattern, const char *name)
{
	if (name[0] == '.' && pattern[0] != '.')
		return false;
	const char *p = pattern, *n = name, *star_p = NULL, *star_n = NULL;
	while (*n) {
		if (*p == '*') {
			star_p = ++p;
			star_n = n;
			continue;
		}
		const char *q = p;
		bool ok;
		if (*p == '?') {
			q++;
			ok = true;
		} else if (*p == '[') {
			ok = bracket_match(&q, *n);
		} else {
			ok = *p && *q++ == *n;
		}
		if (ok) {
			p = q;
			n++;
		} else if (star_p) {
			p = star_p;
			n = ++star_n;
		} else {
			return false;
		}
	}
	while (*p == '*')
		p++;
	return !*p;
}

static bool has_wildcard(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '*' || s[i] == '?' || s[i] == '[')
			return true;
	return false;
}

int servconf_glob(struct servconf_reader *rd, const char *written, const char *server_dir,
		  const char *base, char ***paths, size_t *count, char **why)
{
	*paths = NULL;
	*count = 0;
	*why = NULL;
	const char *slash = strrchr(written, '/');
	const char *pattern = slash ? slash + 1 : written;
	if (!has_wildcard(pattern, strlen(pattern))) {
		if (has_wildcard(written, strlen(written))) {
			*why = xasprintf("'%s': ptrlint follows wildcards in the file name only",
					 written);
			return -1;
		}
		char *one = NULL;
		if (servconf_resolve(rd, written, server_dir, base, false, &one, why))
			return -1;
		*paths = xmalloc(sizeof(**paths));
		(*paths)[0] = one;
		*count = 1;
		return 0;
	}
	if (slash && has_wildcard(written, (size_t)(slash - written))) {
		*why = xasprintf("'%s': ptrlint follows wildcards in the file name only", written);
		return -1;
	}
	char *dir_written = slash ? xstrndup(written, slash == written ? 1 : (size_t)(slash - written))
				  : xstrdup(".");
	char *dir = NULL;
	int rc = servconf_resolve(rd, dir_written, server_dir, base, true, &dir, why);
	free(dir_written);
	if (rc)
		return -1;
	char **names = NULL, *err = NULL;
	size_t n = 0, cap = 0;
	if (source_list(rd->src, dir, &names, &n, &err) != 0) {
		*why = xasprintf("cannot list '%s': %s", *dir ? dir : ".", err ? err : "unknown error");
		free(err);
		free(dir);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (servconf_wildcard_match(pattern, names[i])) {
			char *path = *dir ? xasprintf("%s/%s", dir, names[i]) : xstrdup(names[i]);
			if (source_kind(rd->src, path) == SOURCE_FILE)
				*ARRAY_PUSH(*paths, *count, cap) = path;
			else
				free(path);
		}
		free(names[i]);
	}
	free(names);
	free(dir);
	return 0;
}

/* ---- one read ---- */

static void resolve_zones(struct servconf_reader *rd)
{
	struct servconf *sc = rd->out;
	for (size_t i = rd->first_zone; i < sc->zone_count; i++) {
		struct servconf_zone *z = &sc->zones[i];
		if (!servconf_zone_is_linted(z) || z->why_unresolved)
			continue;
		if (!z->file_written) {
			z->why_unresolved = xstrdup("the zone statement names no zone file");
			continue;
		}
		char *why = NULL;
		if (servconf_resolve(rd, z->file_written, z->server_dir, rd->top_dir, false,
				     &z->file, &why)) {
			z->why_unresolved = xasprintf("zone file of %s: %s", z->origin, why);
			free(why);
		}
	}
}

int servconf_read(struct servconf *sc, struct source *src, const char *path,
		  const struct servconf_options *opts)
{
	struct servconf_reader rd;
	memset(&rd, 0, sizeof(rd));
	rd.out = sc;
	rd.src = src;
	rd.opts = opts;
	rd.top_dir = path_dirname(path);
	rd.first_zone = sc->zone_count;
	size_t errors_before = sc->error_count;
	map_build(&rd);
	enum servconf_format format = opts && opts->format ? opts->format : servconf_format_of(path);
	switch (format) {
	case SERVCONF_NAMED:
		servconf_named_read(&rd, path);
		break;
	case SERVCONF_NSD:
		servconf_nsd_read(&rd, path);
		break;
	case SERVCONF_KNOT:
		servconf_knot_read(&rd, path);
		break;
	case SERVCONF_AUTO:
		*ARRAY_PUSH(sc->errors, sc->error_count, sc->error_cap) = xasprintf(
			"server config '%s': its name says no format (named.conf*, nsd.conf*, "
			"knot.conf*)",
			path);
		break;
	}
	if (sc->error_count == errors_before)
		resolve_zones(&rd);
	tails_free(rd.tails);
	strmap_free(&rd.zone_keys);
	strmap_free(&rd.map_from);
	arena_free(&rd.key_arena);
	free(rd.top_dir);
	return sc->error_count == errors_before ? 0 : -1;
}
