/*
 * discover.h — which files are zones: PATH arguments, the config's `file`
 * and `glob` entries, directory search (SPEC §4), and where an $INCLUDE
 * leads (include-map, include-base). Owns the one tree walk that directory
 * search and globs share, and the glob matcher.
 *
 * Everything here costs time linear in what it reads (SPEC §9): the walk
 * does not follow links to directories and stops at a depth bound (and
 * says so); glob matching is O(pattern x path) per test, every glob is
 * tested only against files below its literal directory, and the total
 * matching work has a budget past which the run is exit 2; include-map is
 * looked up in O(path length x log entries) per $INCLUDE. Also the
 * discovered .ptrlint.yaml: found no higher than the repository root, and
 * read through a source like a zone.
 */
#ifndef PTRLINT_DISCOVER_H
#define PTRLINT_DISCOVER_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "source.h"

/* Directories deeper than this below the root are not searched. */
#define SEARCH_MAX_DEPTH 32
/* Steps of glob and file-name matching for one run (a step is one
 * character comparison, or one component tried): about half a second. */
#define GLOB_MATCH_BUDGET 200000000u

/* One zone to load. A file is one request, or one per origin when the
 * config lists it with several (SPEC §4: one file served as two zones). */
struct zone_request {
	char *path;              /* relative to the root */
	char *origin;            /* from the config, or NULL: infer */
	char *key;               /* the (path, origin) key of origins, when origin is set */
	bool searched;           /* found by directory search or a config glob, not named:
				  * skipped if another zone $INCLUDEs it */
};

struct zone_requests {
	struct zone_request *items;
	size_t count, cap;
	/* what was searched, for the "no zone file found" message */
	struct strbuf searched;
	struct strmap paths;     /* path -> index in items of its first request */
	struct strmap origins;   /* (path, origin) key -> index in items */
	/* the first directory the depth bound left unsearched, and how many */
	char *depth_cut;
	size_t ndepth_cut;
	/* set by the caller for the base of --since: a config `file` missing
	 * there is a zone added since, not an error */
	bool missing_files_ok;
};

/* Turn root-relative PATH arguments (files or directories; none = the
 * config's zones, else the root) into requests. Returns 0, or -1 with *err
 * for a path that does not exist or leads out of the root, or globs whose
 * matching exceeds GLOB_MATCH_BUDGET (exit 2). */
int load_collect(struct zone_requests *out, struct source *src,
		 const struct config *cfg, char *const *paths, size_t npaths,
		 char **err);
void zone_requests_free(struct zone_requests *reqs);

/* Does one path component (no '/') match pattern? `*`, `?`, `[...]` (with
 * `!`/`^`, ranges and [:class:]) and `\` escapes, as fnmatch(3) without
 * flags, in O(pattern x name). Adds the steps taken to *work. */
bool discover_name_match(const char *pattern, size_t plen, const char *name,
			 size_t nlen, size_t *work);
/* Does a root-relative path match a config glob? Components match one to
 * one, except that a "**" component followed by more spans zero or more
 * components. O(pattern x path) steps, no recursion. */
bool discover_glob_match(const char *pattern, const char *path, size_t *work);

/* include-map sorted once, so that the longest entry that is a prefix of
 * an $INCLUDE path is found without scanning every entry. */
struct include_resolver {
	const struct config *cfg;    /* borrowed */
	size_t *order;               /* entries by `from`, identical ones once */
	size_t *parent;              /* longest other entry that is a prefix, or SIZE_MAX */
	size_t *length;              /* strlen of each entry's `from` */
	size_t count;
};
void include_resolver_init(struct include_resolver *r, const struct config *cfg);
void include_resolver_free(struct include_resolver *r);
/* Where "$INCLUDE written" in file `from` leads (SPEC §4: include-map,
 * include-base, else the including file's directory). NULL with *why when
 * it leaves the root. Caller frees. */
char *resolve_include(const struct include_resolver *r, const char *from,
		      const char *written, const char **why);
/* The files that file `path` (its text in data) $INCLUDEs, resolved as
 * above, appended to *out (caller frees each): a searched file that
 * another requested file includes is a fragment, not a zone. A file that
 * includes itself is left out (a cycle, reported when it loads). */
void discover_includes(const struct include_resolver *map, const char *path, const char *data,
		       size_t len, char ***out, size_t *count, size_t *cap);

/* .ptrlint.yaml in the current directory or the nearest parent, never
 * above the repository root (the nearest directory holding .git, a file
 * or a directory); NULL if none. Absolute; caller frees. */
char *discover_config(void);
/* The same search from start, an absolute directory (NULL: the current
 * directory); the path found is start's ancestor joined with the name. */
char *discover_config_from(const char *start);
/* Read a config discover_config found as a zone file is read (SPEC §9):
 * its directory is the root, so a link out of it is refused, as is a
 * FIFO or device (never opened), and one over CONFIG_MAX_BYTES. Returns
 * 0, or -1 with *err (caller frees). */
int discover_load_config(struct config *cfg, const char *path, char **err);

#endif
