/*
 * servconf_impl.h — what the three server-config readers share
 * (servconf.c): reading a config file under the limits, errors with their
 * place, adding zones, and resolving a path as the server writes it to a
 * file in the linted root (SPEC §4a). Not for use outside servconf*.c.
 */
#ifndef PTRLINT_SERVCONF_IMPL_H
#define PTRLINT_SERVCONF_IMPL_H

#include "servconf.h"
#include "util.h"

struct servconf_tails;

/* One servconf_read(): the state every reader works on. */
struct servconf_reader {
	struct servconf *out;
	struct source *src;
	const struct servconf_options *opts;
	char *top_dir;           /* root directory of the file servconf_read was given */
	size_t bytes_read;       /* of every config file read, against SERVCONF_MAX_BYTES */
	unsigned files_read;
	const char *stack[SERVCONF_MAX_INCLUDE_DEPTH + 1];   /* files being read, outermost first */
	unsigned depth;
	size_t first_zone;       /* the zones this read added start here */
	struct strmap zone_keys; /* "view\nclass\norigin" -> zone index, keys in key_arena */
	struct arena key_arena;
	struct strmap map_from;  /* include-map prefixes without their final '/' -> entry */
	struct servconf_tails *tails;   /* built on first need */
	bool halted;             /* too many errors: add no more */
};

void servconf_error(struct servconf_reader *rd, const char *file, unsigned line,
		    unsigned column, const char *fmt, ...) PTRLINT_PRINTF(5, 6);

/* Read the config file at path (root-relative) into *data (NUL-terminated,
 * caller frees) and push it on the include stack. from: the include
 * statement that names it (NULL for the file servconf_read was given),
 * where an error is reported. 0, or -1 with the error added. */
int servconf_open(struct servconf_reader *rd, const char *path, const struct servconf_place *from,
		  char **data, size_t *len);
void servconf_close(struct servconf_reader *rd);

/* A zone at (file, line, column): its origin from the name as written
 * (with or without the final dot). NULL with an error added when the name
 * is not a domain name or the zone is listed twice in the same view. */
struct servconf_zone *servconf_add_zone(struct servconf_reader *rd, const char *name,
					const char *view, const char *class_name,
					const char *file, unsigned line, unsigned column);

/* The zone of class IN called name in view (NULL: outside views) that
 * this read has added, or NULL. */
const struct servconf_zone *servconf_find_zone(const struct servconf_reader *rd,
					       const char *view, const char *name);

/* Resolve written (a path as the server writes it; server_dir: the
 * directory the server resolves it against, as written, or NULL) to a
 * path in the root: include-map, else relative to base (the server's
 * directory mapped into the root), else for an absolute path the longest
 * tail naming exactly one entry of the root. want_dir: a directory, not a
 * file. 0 with *out, or -1 with *why (both caller-freed). */
int servconf_resolve(struct servconf_reader *rd, const char *written, const char *server_dir,
		     const char *base, bool want_dir, char **out, char **why);

/* As servconf_resolve for an include that may hold wildcards (* ? [...])
 * in its last component: the files that match, sorted. 0 with *paths
 * (possibly none), or -1 with *why. */
int servconf_glob(struct servconf_reader *rd, const char *written, const char *server_dir,
		  const char *base, char ***paths, size_t *count, char **why);

/* Shell wildcard match of one path component (no '/' in either). */
bool servconf_wildcard_match(const char *pattern, const char *name);

/* The zone name without its final dot ("" for the root), for the
 * servers' %s substitutions. Caller frees. */
char *servconf_name_bare(const char *origin);

int servconf_named_read(struct servconf_reader *rd, const char *path);
int servconf_nsd_read(struct servconf_reader *rd, const char *path);
int servconf_knot_read(struct servconf_reader *rd, const char *path);

#endif
