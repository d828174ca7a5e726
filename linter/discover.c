/*
 * discover.c — see discover.h. Directory search and config globs used to
 * walk the tree each their own way, and drifted apart: the glob walk
 * followed links to directories (a link to "." loaded every zone 33 times)
 * and matched "**" by recursion (exponential in the number of "**"). Both
 * now go through walk_tree(), and matching is iterative.
 */
#include "discover.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "split.h"

#define NO_INDEX SIZE_MAX

/* ---- matching one name ---- */

/* Is c in the named class? *known is cleared for a name that is no class:
 * then the bracket, like glibc's, matches nothing. */
static bool class_has(const char *name, size_t len, unsigned char c, bool *known)
{
	static const struct {
		const char *name;
		int (*test)(int);
	} classes[] = {
		{"alpha", isalpha}, {"digit", isdigit}, {"alnum", isalnum}, {"upper", isupper},
		{"lower", islower}, {"space", isspace}, {"punct", ispunct}, {"xdigit", isxdigit},
		{"print", isprint}, {"graph", isgraph}, {"cntrl", iscntrl}, {"blank", isblank},
	};
	for (size_t i = 0; i < ARRAY_LEN(classes); i++)
		if (strlen(classes[i].name) == len && !memcmp(classes[i].name, name, len))
			return classes[i].test(c) != 0;
	*known = false;
	return false;
}

/* Does p start a "[:name:]"? Sets *name_len. As in glibc, a name is made
 * of 'a' to 'y' only; anything else makes the '[' an ordinary character
 * of the bracket. */
static bool class_at(const char *p, size_t len, size_t *name_len)
{
	if (len < 2 || p[0] != '[' || p[1] != ':')
		return false;
	for (size_t i = 2; i < len; i++) {
		if (p[i] == ':' && i + 1 < len && p[i + 1] == ']') {
			*name_len = i - 2;
			return true;
		}
		if (p[i] < 'a' || p[i] >= 'z')
			return false;
	}
	return false;
}

/* A bracket expression at p[0] == '['. Returns its length with *ok set,
 * or 0 when it is not closed (then '[' is a literal, as in fnmatch). */
static size_t bracket_match(const char *p, size_t plen, unsigned char c, bool *ok, size_t *work)
{
	size_t i = 1;
	bool negate = i < plen && (p[i] == '!' || p[i] == '^');
	if (negate)
		i++;
	bool hit = false, valid = true;   /* valid: every class name known */
	for (size_t first = i; i < plen; i++) {
		(*work)++;
		if (p[i] == ']' && i > first) {
			*ok = hit != negate;
			return i + 1;
		}
		size_t name_len;
		if (class_at(p + i, plen - i, &name_len)) {
			hit |= class_has(p + i + 2, name_len, c, &valid);
			i += name_len + 3;   /* on the class's ']' */
			if (!valid && !hit) {
				/* glibc gives up on the whole pattern at an
				 * unknown class reached before a match,
				 * closed bracket or not (after a match it
				 * only skips to the ']') */
				*ok = false;
				return i + 1;
			}
			continue;
		}
		unsigned char lo = (unsigned char)p[i];
		if (lo == '\\' && i + 1 < plen)
			lo = (unsigned char)p[++i];
		unsigned char hi = lo;
		if (i + 2 < plen && p[i + 1] == '-' && p[i + 2] != ']') {
			i += 2;
			hi = (unsigned char)p[i];
			if (hi == '\\' && i + 1 < plen)
				hi = (unsigned char)p[++i];
		}
		hit |= lo <= c && c <= hi;
	}
	return 0;
}

/* The pattern element at p (not '*'): its length, and *ok when it
 * matches c. */
static size_t element_match(const char *p, size_t plen, unsigned char c, bool *ok, size_t *work)
{
	if (p[0] == '?') {
		*ok = true;
		return 1;
	}
	if (p[0] == '[') {
		size_t len = bracket_match(p, plen, c, ok, work);
		if (len)
			return len;
	}
	if (p[0] == '\\') {
		/* a lone '\\' at the end matches nothing, as in glibc */
		*ok = plen > 1 && (unsigned char)p[1] == c;
		return plen > 1 ? 2 : 1;
	}
	*ok = (unsigned char)p[0] == c;
	return 1;
}

/* Two pointers and the last '*' seen: a mismatch retries from there with
 * one more character given to the star. Earlier stars need no retry (what
 * they could take more, the last one can take as well), so the steps are
 * at most pattern x name. */
bool discover_name_match(const char *p, size_t plen, const char *name, size_t nlen,
			 size_t *work)
{
	size_t pi = 0, ni = 0, star_p = NO_INDEX, star_n = 0;
	while (ni < nlen) {
		(*work)++;
		if (pi < plen && p[pi] == '*') {
			star_p = ++pi;
			star_n = ni;
			continue;
		}
		if (pi < plen) {
			bool ok = false;
			size_t len = element_match(p + pi, plen - pi, (unsigned char)name[ni], &ok, work);
			if (ok) {
				pi += len;
				ni++;
				continue;
			}
		}
		if (star_p == NO_INDEX)
			return false;
		pi = star_p;
		ni = ++star_n;
	}
	while (pi < plen && p[pi] == '*')
		pi++;
	return pi == plen;
}

/* ---- matching a path ---- */

struct glob_part {
	const char *text;
	size_t len;
	bool any_depth;          /* "**" with more after it: zero or more components */
};

/* A glob cut into components once, not once per file it is tried on. */
struct glob {
	char *text;              /* owned; parts point into it */
	struct glob_part *parts;
	size_t nparts;
	char *prefix;            /* leading components free of wildcards: where its files lie */
	size_t zone;             /* its entry in the config */
};

static bool has_wildcard(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (strchr("*?[\\", s[i]))
			return true;
	return false;
}

static void glob_compile(struct glob *g, const char *text)
{
	memset(g, 0, sizeof(*g));
	g->text = xstrdup(text);
	size_t cap = 0;
	for (const char *p = g->text;;) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		struct glob_part *part = ARRAY_PUSH(g->parts, g->nparts, cap);
		part->text = p;
		part->len = len;
		part->any_depth = slash && len == 2 && !memcmp(p, "**", 2);
		if (!slash)
			break;
		p = slash + 1;
	}
	size_t literal = 0, end = 0;
	while (literal + 1 < g->nparts && !g->parts[literal].any_depth &&
	       !has_wildcard(g->parts[literal].text, g->parts[literal].len)) {
		end = (size_t)(g->parts[literal].text - g->text) + g->parts[literal].len;
		literal++;
	}
	g->prefix = xstrndup(g->text, end);
}

static void glob_free(struct glob *g)
{
	free(g->text);
	free(g->parts);
	free(g->prefix);
}

/* The end of the path component that starts at path[at]. */
static size_t component_end(const char *path, size_t at)
{
	const char *slash = strchr(path + at, '/');
	return slash ? (size_t)(slash - path) : at + strlen(path + at);
}

/* The name matcher's idea one level up: components for characters, the
 * last "**" for the last '*'. */
static bool glob_match_compiled(const struct glob *g, const char *path, size_t *work)
{
	size_t pi = 0, at = 0, star_p = NO_INDEX, star_at = 0;
	bool more = *path != '\0';           /* components left in path */
	while (more) {
		(*work)++;
		if (pi < g->nparts && g->parts[pi].any_depth) {
			star_p = ++pi;
			star_at = at;
			continue;
		}
		size_t end = component_end(path, at);
		if (pi < g->nparts &&
		    discover_name_match(g->parts[pi].text, g->parts[pi].len, path + at, end - at, work)) {
			pi++;
			more = path[end] != '\0';
			at = end + more;
			continue;
		}
		if (star_p == NO_INDEX)
			return false;
		/* give the "**" one more component and retry after it */
		size_t skipped = component_end(path, star_at);
		if (!path[skipped])
			return false;
		star_at = skipped + 1;
		pi = star_p;
		at = star_at;
	}
	while (pi < g->nparts && g->parts[pi].any_depth)
		pi++;
	return pi == g->nparts;
}

bool discover_glob_match(const char *pattern, const char *path, size_t *work)
{
	struct glob g;
	glob_compile(&g, pattern);
	bool ok = glob_match_compiled(&g, path, work);
	glob_free(&g);
	return ok;
}

/* ---- the tree walk ---- */

struct walk {
	struct source *src;
	struct zone_requests *out;
	/* may the walk enter dir? (globs: only towards their directories) */
	bool (*enter)(struct walk *w, const char *dir);
	/* a file, FIFO or device found; name is its last component */
	void (*visit)(struct walk *w, const char *path, const char *name);
	void *payload;
	size_t work;             /* matching steps so far, against GLOB_MATCH_BUDGET */
	bool stop;               /* the budget ran out */
};

static bool over_budget(struct walk *w)
{
	if (w->work > GLOB_MATCH_BUDGET)
		w->stop = true;
	return w->stop;
}

static void note_depth_cut(struct zone_requests *out, const char *dir)
{
	if (!out->depth_cut)
		out->depth_cut = xstrdup(dir);
	out->ndepth_cut++;
}

/* Hidden entries (.git, editor droppings) are skipped; links to
 * directories are not entered (a link to "." or to a sibling would find
 * the same files again under other names, and two such links make the
 * walk exponential); FIFOs and devices are handed to visit, which only
 * records them (reading one is refused by the source). */
static void walk_tree(struct walk *w, const char *dir, int depth)
{
	char **names = NULL, *err = NULL;
	size_t n = 0;
	if (source_list(w->src, dir, &names, &n, &err)) {
		free(err);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (names[i][0] != '.' && !w->stop) {
			char *path = *dir ? xasprintf("%s/%s", dir, names[i]) : xstrdup(names[i]);
			enum source_kind kind = source_kind(w->src, path);
			if (kind == SOURCE_DIR && !source_is_link(w->src, path) && w->enter(w, path)) {
				if (depth + 1 > SEARCH_MAX_DEPTH)
					note_depth_cut(w->out, path);
				else
					walk_tree(w, path, depth + 1);
			} else if (kind == SOURCE_FILE || kind == SOURCE_OTHER) {
				w->visit(w, path, names[i]);
			}
			free(path);
		}
		free(names[i]);
	}
	free(names);
}

/* ---- requests ---- */

/* Request path as a zone, with the config's origin or none (infer it).
 * A file found again is the same request — named rather than searched if
 * either says so — unless the config gives it another origin: then it is
 * a zone of its own (one file served as two zones), one per distinct
 * origin. An origin given for a request that had none becomes its own. */
static void add_request(struct zone_requests *out, const char *path, const char *origin,
			bool searched)
{
	long known = strmap_get(&out->paths, path);
	char *key = origin ? xasprintf("%zu:%s%s", strlen(origin), origin, path) : NULL;
	struct zone_request *r = NULL;
	if (known >= 0 && !origin) {
		r = &out->items[known];
	} else if (known >= 0 && strmap_get(&out->origins, key) >= 0) {
		r = &out->items[strmap_get(&out->origins, key)];
	} else if (known >= 0 && !out->items[known].origin) {
		r = &out->items[known];
		r->origin = xstrdup(origin);
		r->key = key;
		key = NULL;
		strmap_put(&out->origins, r->key, (uint32_t)known);
	}
	if (r) {
		r->searched = r->searched && searched;
		free(key);
		return;
	}
	r = ARRAY_PUSH(out->items, out->count, out->cap);
	r->path = xstrdup(path);
	r->origin = origin ? xstrdup(origin) : NULL;
	r->key = key;
	r->searched = searched;
	if (known < 0)
		strmap_put(&out->paths, r->path, (uint32_t)(out->count - 1));
	if (key)
		strmap_put(&out->origins, r->key, (uint32_t)(out->count - 1));
}

static void note_searched(struct zone_requests *out, const char *what, const char *quoted)
{
	strbuf_addf(&out->searched, "%s%s'%s'", out->searched.len ? ", " : "", what, quoted);
}

/* ---- directory search ---- */

static bool enter_any(struct walk *w, const char *dir)
{
	(void)w;
	(void)dir;
	return true;
}

static void visit_searched(struct walk *w, const char *path, const char *name)
{
	const struct config *cfg = w->payload;
	size_t nlen = strlen(name);
	for (size_t i = 0; i < cfg->nzone_patterns && !over_budget(w); i++) {
		const char *pattern = cfg->zone_patterns[i];
		if (discover_name_match(pattern, strlen(pattern), name, nlen, &w->work)) {
			add_request(w->out, path, NULL, true);   /* a FIFO: reported as skipped */
			return;
		}
	}
}

static void search_dir(struct walk *w, const struct config *cfg, const char *dir)
{
	w->enter = enter_any;
	w->visit = visit_searched;
	w->payload = (void *)cfg;
	walk_tree(w, dir, 0);
}

/* ---- config globs ---- */

struct glob_group {
	size_t *globs;               /* indexes into glob_set.globs */
	size_t count, cap;
};

struct index_list {
	size_t *items;
	size_t count, cap;
};

/* Every distinct glob of the config, grouped by literal directory, and
 * what the one walk found for each. */
struct glob_set {
	struct glob *globs;
	size_t nglobs, globs_cap;
	struct strmap by_text;       /* glob text (the config's) -> index in globs */
	struct glob_group *groups;
	size_t ngroups, groups_cap;
	struct strmap by_prefix;     /* literal directory -> index in groups */
	char **above;                /* owned keys of on_the_way */
	size_t nabove, above_cap;
	struct strmap on_the_way;    /* directories above a literal directory */
	char **found;                /* matched paths, each once, in walk order */
	size_t nfound, found_cap;
	struct index_list *matched;  /* per glob: indexes into found */
	struct strbuf key;           /* scratch for map lookups */
};

/* The walk need enter only directories that lead to a literal directory
 * or lie below one; past the depth bound nothing is entered anyway. */
static void mark_on_the_way(struct glob_set *set, const char *prefix)
{
	if (!*prefix)
		return;
	size_t len = 0;
	for (int depth = 0; depth <= SEARCH_MAX_DEPTH; depth++) {
		char *above = xstrndup(prefix, len);
		if (strmap_get(&set->on_the_way, above) >= 0) {
			free(above);
		} else {
			*ARRAY_PUSH(set->above, set->nabove, set->above_cap) = above;
			strmap_put(&set->on_the_way, above, 0);
		}
		const char *slash = strchr(prefix + len + (len ? 1 : 0), '/');
		if (!slash)
			break;
		len = (size_t)(slash - prefix);
	}
}

/* text is the config's, which outlives the set: it keys by_text. */
static void glob_set_add(struct glob_set *set, const char *text)
{
	if (strmap_get(&set->by_text, text) >= 0)
		return;
	struct glob *g = ARRAY_PUSH(set->globs, set->nglobs, set->globs_cap);
	glob_compile(g, text);
	strmap_put(&set->by_text, text, (uint32_t)(set->nglobs - 1));
}

/* Groups by literal directory, once every glob is in (the maps borrow
 * their prefixes, which stay put; the globs array does not). */
static void glob_set_index(struct glob_set *set)
{
	for (size_t i = 0; i < set->nglobs; i++) {
		struct glob *g = &set->globs[i];
		long group = strmap_get(&set->by_prefix, g->prefix);
		if (group < 0) {
			struct glob_group *fresh = ARRAY_PUSH(set->groups, set->ngroups, set->groups_cap);
			memset(fresh, 0, sizeof(*fresh));
			group = (long)(set->ngroups - 1);
			strmap_put(&set->by_prefix, g->prefix, (uint32_t)group);
			mark_on_the_way(set, g->prefix);
		}
		struct glob_group *grp = &set->groups[group];
		*ARRAY_PUSH(grp->globs, grp->count, grp->cap) = i;
	}
	set->matched = xcalloc(set->nglobs ? set->nglobs : 1, sizeof(*set->matched));
}

static void glob_set_free(struct glob_set *set)
{
	for (size_t i = 0; i < set->nglobs; i++) {
		glob_free(&set->globs[i]);
		free(set->matched ? set->matched[i].items : NULL);
	}
	free(set->globs);
	free(set->matched);
	for (size_t i = 0; i < set->ngroups; i++)
		free(set->groups[i].globs);
	free(set->groups);
	for (size_t i = 0; i < set->nabove; i++)
		free(set->above[i]);
	free(set->above);
	for (size_t i = 0; i < set->nfound; i++)
		free(set->found[i]);
	free(set->found);
	strmap_free(&set->by_text);
	strmap_free(&set->by_prefix);
	strmap_free(&set->on_the_way);
	strbuf_release(&set->key);
}

/* The group of globs whose literal directory is the first len bytes of
 * path, or -1. */
static long group_at(struct glob_set *set, const char *path, size_t len)
{
	strbuf_reset(&set->key);
	strbuf_add(&set->key, path, len);
	return strmap_get(&set->by_prefix, set->key.data);
}

static bool enter_towards_globs(struct walk *w, const char *dir)
{
	struct glob_set *set = w->payload;
	if (strmap_get(&set->on_the_way, dir) >= 0 || group_at(set, dir, 0) >= 0)
		return true;
	for (const char *slash = dir;; slash++) {
		slash = strchr(slash, '/');
		size_t len = slash ? (size_t)(slash - dir) : strlen(dir);
		if (group_at(set, dir, len) >= 0)
			return true;
		if (!slash)
			return false;
	}
}

/* Try the globs of one group on path; record it for each that matches. */
static void try_group(struct walk *w, const struct glob_group *grp, const char *path,
		      size_t *found)
{
	struct glob_set *set = w->payload;
	for (size_t i = 0; i < grp->count && !over_budget(w); i++) {
		size_t gi = grp->globs[i];
		if (!glob_match_compiled(&set->globs[gi], path, &w->work))
			continue;
		if (*found == NO_INDEX) {
			*found = set->nfound;
			*ARRAY_PUSH(set->found, set->nfound, set->found_cap) = xstrdup(path);
		}
		struct index_list *m = &set->matched[gi];
		*ARRAY_PUSH(m->items, m->count, m->cap) = *found;
	}
}

/* Only the globs whose literal directory holds path are tried: the root's
 * (globs that start with a wildcard), then each directory's on the way
 * down. */
static void visit_globbed(struct walk *w, const char *path, const char *name)
{
	struct glob_set *set = w->payload;
	size_t found = NO_INDEX;
	(void)name;
	long group = group_at(set, path, 0);
	if (group >= 0)
		try_group(w, &set->groups[group], path, &found);
	for (const char *slash = strchr(path, '/'); slash; slash = strchr(slash + 1, '/')) {
		group = group_at(set, path, (size_t)(slash - path));
		if (group >= 0)
			try_group(w, &set->groups[group], path, &found);
	}
}

/* Files the config's globs match, added in the config's order (each glob
 * in walk order), as one glob walk each used to add them. */
static void add_globbed(struct zone_requests *out, struct source *src, const struct config *cfg,
			struct glob_set *set)
{
	bool *added = xcalloc(set->nglobs ? set->nglobs : 1, sizeof(*added));
	for (size_t z = 0; z < cfg->nzones; z++) {
		const struct zone_spec *spec = &cfg->zones[z];
		if (spec->file) {
			if (!out->missing_files_ok || source_kind(src, spec->file) != SOURCE_MISSING)
				add_request(out, spec->file, spec->origin, false);
			continue;
		}
		long gi = spec->glob ? strmap_get(&set->by_text, spec->glob) : -1;
		if (gi < 0 || added[gi])
			continue;
		added[gi] = true;
		note_searched(out, "glob ", spec->glob);
		/* found by a pattern, like directory search: a fragment that a
		 * loaded zone $INCLUDEs is no zone of its own */
		for (size_t i = 0; i < set->matched[gi].count; i++)
			add_request(out, set->found[set->matched[gi].items[i]], NULL, true);
	}
	free(added);
}

static int budget_error(char **err)
{
	*err = xasprintf("matching file names against the config's globs and zone file name "
			 "patterns took more than %u steps (the glob matching limit): use fewer "
			 "globs or patterns, or globs that start with a directory",
			 GLOB_MATCH_BUDGET);
	return -1;
}

static int collect_config_zones(struct zone_requests *out, struct source *src,
				const struct config *cfg, char **err)
{
	for (size_t z = 0; z < cfg->nzones; z++) {
		const struct zone_spec *spec = &cfg->zones[z];
		if (!spec->file)
			continue;
		enum source_kind kind = source_kind(src, spec->file);
		if (kind == SOURCE_MISSING && out->missing_files_ok)
			continue;
		if (kind != SOURCE_FILE) {
			*err = xasprintf("%s:%u: cannot read zone file '%s': %s",
					 cfg->path ? cfg->path : "config", spec->line, spec->file,
					 source_kind_why(kind));
			return -1;
		}
	}
	struct glob_set set;
	memset(&set, 0, sizeof(set));
	for (size_t z = 0; z < cfg->nzones; z++)
		if (!cfg->zones[z].file && cfg->zones[z].glob)
			glob_set_add(&set, cfg->zones[z].glob);
	glob_set_index(&set);
	struct walk w = {.src = src, .out = out, .enter = enter_towards_globs,
			 .visit = visit_globbed, .payload = &set};
	if (set.nglobs)
		walk_tree(&w, "", 0);
	int rc = w.stop ? budget_error(err) : 0;
	if (!rc)
		add_globbed(out, src, cfg, &set);
	glob_set_free(&set);
	return rc;
}

/* ---- from PATH arguments and config to requests ---- */

static int collect_paths(struct zone_requests *out, struct source *src,
			 const struct config *cfg, char *const *paths, size_t npaths,
			 char **err)
{
	struct walk w = {.src = src, .out = out};
	for (size_t i = 0; i < npaths; i++) {
		enum source_kind kind = source_kind(src, paths[i]);
		const char *shown = *paths[i] ? paths[i] : ".";
		if (kind == SOURCE_FILE) {
			add_request(out, paths[i], NULL, false);
		} else if (kind == SOURCE_DIR) {
			note_searched(out, "", shown);
			search_dir(&w, cfg, paths[i]);
			if (w.stop)
				return budget_error(err);
		} else {
			*err = xasprintf("cannot read '%s': %s", shown,
					 kind == SOURCE_OTHER ? "not a regular file or directory" :
					 kind == SOURCE_MISSING ? "no such file or directory" :
					 source_kind_why(kind));
			return -1;
		}
	}
	return 0;
}

/* A zone file named in the config keeps the config's origin (or each of
 * its origins) however it was found (SPEC §4: the config comes first), and
 * is a zone even when another zone $INCLUDEs it. */
static void apply_config_origins(struct zone_requests *out, const struct config *cfg)
{
	for (size_t z = 0; z < cfg->nzones; z++) {
		const struct zone_spec *spec = &cfg->zones[z];
		if (spec->file && strmap_get(&out->paths, spec->file) >= 0)
			add_request(out, spec->file, spec->origin, false);
	}
}

int load_collect(struct zone_requests *out, struct source *src,
		 const struct config *cfg, char *const *paths, size_t npaths,
		 char **err)
{
	int rc;
	if (npaths) {
		rc = collect_paths(out, src, cfg, paths, npaths, err);
	} else if (cfg->nzones) {
		rc = collect_config_zones(out, src, cfg, err);
	} else {
		char *root = "";
		rc = collect_paths(out, src, cfg, &root, 1, err);
	}
	if (!rc)
		apply_config_origins(out, cfg);
	return rc;
}

void zone_requests_free(struct zone_requests *reqs)
{
	for (size_t i = 0; i < reqs->count; i++) {
		free(reqs->items[i].path);
		free(reqs->items[i].origin);
		free(reqs->items[i].key);
	}
	free(reqs->items);
	strmap_free(&reqs->paths);
	strmap_free(&reqs->origins);
	strbuf_release(&reqs->searched);
	free(reqs->depth_cut);
	memset(reqs, 0, sizeof(*reqs));
}

/* ---- $INCLUDE paths ---- */

static int compare_rewrites(const void *a, const void *b, void *payload)
{
	const struct include_rewrite *map = payload;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(map[x].from, map[y].from);
	/* identical prefixes: the first in the config wins, as it always did */
	return c ? c : (x > y) - (x < y);
}

static bool starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

void include_resolver_init(struct include_resolver *r, const struct config *cfg)
{
	memset(r, 0, sizeof(*r));
	r->cfg = cfg;
	if (!cfg->ninclude_map)
		return;
	size_t n = cfg->ninclude_map;
	r->order = xcalloc(n, sizeof(*r->order));
	r->parent = xcalloc(n, sizeof(*r->parent));
	r->length = xcalloc(n, sizeof(*r->length));
	for (size_t i = 0; i < n; i++)
		r->order[i] = i;
	qsort_r(r->order, n, sizeof(*r->order), compare_rewrites, cfg->include_map);
	/* keep one of each prefix; the entries that are prefixes of the one
	 * at hand are exactly those on a stack of sorted entries */
	size_t *stack = xcalloc(n, sizeof(*stack)), depth = 0;
	for (size_t i = 0; i < n; i++) {
		const char *from = cfg->include_map[r->order[i]].from;
		if (r->count && !strcmp(cfg->include_map[r->order[r->count - 1]].from, from))
			continue;
		while (depth && !starts_with(from, cfg->include_map[r->order[stack[depth - 1]]].from))
			depth--;
		r->order[r->count] = r->order[i];
		r->parent[r->count] = depth ? stack[depth - 1] : NO_INDEX;
		r->length[r->count] = strlen(from);
		stack[depth++] = r->count++;
	}
	free(stack);
}

void include_resolver_free(struct include_resolver *r)
{
	free(r->order);
	free(r->parent);
	free(r->length);
	memset(r, 0, sizeof(*r));
}

/* The longest include-map prefix of written, or NULL. The greatest entry
 * not after written in sort order shares with written every prefix entry
 * written has; of that entry's own prefixes (its parent chain), the
 * longest no longer than what the two have in common is the answer. */
static const struct include_rewrite *longest_rewrite(const struct include_resolver *r,
						     const char *written)
{
	const struct include_rewrite *map = r->cfg->include_map;
	size_t lo = 0, hi = r->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(map[r->order[mid]].from, written) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	size_t at = lo - 1;
	const char *from = map[r->order[at]].from;
	size_t common = 0;
	while (from[common] && from[common] == written[common])
		common++;
	while (at != NO_INDEX && r->length[at] > common)
		at = r->parent[at];
	return at == NO_INDEX ? NULL : &map[r->order[at]];
}

char *resolve_include(const struct include_resolver *r, const char *from,
		      const char *written, const char **why)
{
	const struct config *cfg = r->cfg;
	const struct include_rewrite *best = longest_rewrite(r, written);
	char *result;
	if (best) {
		result = path_join_normalise(best->to, written + strlen(best->from));
	} else if (written[0] == '/') {
		size_t rl = cfg->root ? strlen(cfg->root) : 0;
		if (!rl || strncmp(written, cfg->root, rl) ||
		    (written[rl] != '/' && written[rl] != '\0' && strcmp(cfg->root, "/"))) {
			*why = "absolute path outside the linted root (include-map in the config can map it to a directory in the root)";
			return NULL;
		}
		result = path_join_normalise("", written + rl);
	} else {
		char *dir = cfg->include_base ? xstrdup(cfg->include_base) : path_dirname(from);
		result = path_join_normalise(dir, written);
		free(dir);
	}
	if (!result)
		*why = "path leaves the linted root";
	return result;
}

/* ---- the config file found by discovery ---- */

static bool exists_here(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", strcmp(dir, "/") ? dir : "", name);
	struct stat st;
	bool found = !lstat(path, &st);
	free(path);
	return found;
}

char *discover_config(void)
{
	return discover_config_from(NULL);
}

char *discover_config_from(const char *start)
{
	char *cwd = getcwd(NULL, 0);
	if (!start || (cwd && !strcmp(start, cwd)))
		start = NULL;
	char *dir = start ? xstrdup(start) : cwd ? xstrdup(cwd) : NULL;
	if (!dir)
		return NULL;
	/* from the current directory, relative to it as the user would
	 * write it: ".ptrlint.yaml", "../.ptrlint.yaml" (messages stay the
	 * same wherever the tree lies); from elsewhere, the directory as
	 * found */
	struct strbuf up = STRBUF_INIT;
	char *found = NULL;
	for (;;) {
		/* lstat: a link named .ptrlint.yaml is found, and then refused
		 * when it leads somewhere a config may not be read from */
		if (exists_here(dir, ".ptrlint.yaml")) {
			size_t cl = cwd ? strlen(cwd) : 0;
			if (!start)
				found = xasprintf("%s.ptrlint.yaml", up.data ? up.data : "");
			else if (cl > 1 && !strncmp(dir, cwd, cl) && dir[cl] == '/')
				found = xasprintf("%s/.ptrlint.yaml", dir + cl + 1);
			else
				found = xasprintf("%s/.ptrlint.yaml", strcmp(dir, "/") ? dir : "");
			break;
		}
		char *slash = strrchr(dir, '/');
		if (exists_here(dir, ".git") || !slash || slash == dir)
			break;
		*slash = '\0';
		strbuf_addstr(&up, "../");
	}
	strbuf_release(&up);
	free(dir);
	free(cwd);
	return found;
}

static char *config_unreadable(enum source_kind kind)
{
	return xstrdup(kind == SOURCE_OUTSIDE ? "a link out of its directory" :
		       kind == SOURCE_LOOP ? "a loop of symbolic links" :
		       kind == SOURCE_DIR ? "a directory" :
		       kind == SOURCE_OTHER ? "not a regular file (a FIFO, socket or device)" :
		       "no such file (a dangling link)");
}

int discover_load_config(struct config *cfg, const char *path, char **err)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	const char *name = slash ? slash + 1 : path;
	char *why = NULL, *data = NULL;
	size_t len = 0;
	int rc = -1;
	struct source *src = source_fs_new(dir, &why);
	struct stat st;
	if (!src)
		goto out;
	enum source_kind kind = source_kind(src, name);
	if (kind != SOURCE_FILE)
		why = config_unreadable(kind);
	else if (!stat(path, &st) && (size_t)st.st_size > CONFIG_MAX_BYTES)
		why = xstrdup("config file larger than 10 MiB");
	else if (!source_read(src, name, &data, &len, &why))
		rc = config_load_buffer(cfg, path, data, len, err);
out:
	if (why) {
		*err = xasprintf("cannot read the config '%s': %s (a config found by discovery "
				 "is read like a zone file)", path, why);
		rc = -1;
	}
	free(why);
	free(data);
	source_free(src);
	free(dir);
	return rc;
}

void discover_includes(const struct include_resolver *map, const char *path, const char *data,
		       size_t len, char ***out, size_t *count, size_t *cap)
{
	/* cheap test first: most zone files include nothing */
	bool any = false;
	for (const char *p = data, *end = data + len; !any && p + 8 <= end; p++) {
		p = memchr(p, '$', (size_t)(end - p));
		if (!p)
			break;
		any = p + 8 <= end && !strncasecmp(p, "$INCLUDE", 8);
	}
	if (!any)
		return;
	struct split_reader *reader = split_new(data, len);
	struct split_entry e;
	while (split_next(reader, &e) != SPLIT_END) {
		if (e.kind != SPLIT_DIRECTIVE || !split_token_is(&e.tokens[0], "$INCLUDE") || e.ntokens < 2)
			continue;
		bool has_nul = false;
		char *written = split_token_unescape(&e.tokens[1], &has_nul);
		const char *why;
		char *target = has_nul ? NULL : resolve_include(map, path, written, &why);
		/* a zone that includes itself is a cycle (reported when it
		 * loads), not a fragment: skipping it would lint nothing */
		if (target && strcmp(target, path))
			*ARRAY_PUSH(*out, *count, *cap) = target;
		else
			free(target);
		free(written);
	}
	split_free(reader);
}
