/*
 * servconf.h — zone maps read from a name server's own configuration
 * (SPEC §4a): BIND's named.conf (servconf_named.c), NSD's nsd.conf
 * (servconf_nsd.c) and Knot's knot.conf (servconf_knot.c).
 *
 * A reader turns one configuration file, and what it includes, into a
 * list of zones: origin, type, the zone file as the server names it and
 * that file resolved in the linted root (servconf.c), or why it could
 * not be. Everything is read through a struct source, so a server config
 * in a git revision is read from that revision.
 *
 * Two kinds of trouble are kept apart, as the contract wants them:
 * - errors (struct servconf.errors): the configuration itself cannot be
 *   read (syntax, an include that cannot be followed, a limit): the run
 *   stops with exit 2 and these "FILE:LINE:COL: message" lines;
 * - a zone whose file cannot be resolved (servconf_zone.why_unresolved):
 *   a zone-syntax finding at the zone statement, the run goes on.
 *
 * Ownership: struct servconf owns every string it holds; servconf_free()
 * releases all of it. Nothing is borrowed from the source or the options.
 */
#ifndef PTRLINT_SERVCONF_H
#define PTRLINT_SERVCONF_H

#include <stdbool.h>
#include <stddef.h>

#include "source.h"

enum servconf_format {
	SERVCONF_AUTO = 0,       /* by the file's name: named.conf*, nsd.conf*, knot.conf* */
	SERVCONF_NAMED,
	SERVCONF_NSD,
	SERVCONF_KNOT,
};

/* What the server does with the zone. Only SERVCONF_PRIMARY zones are
 * linted: the others have no file the repository is the source of. */
enum servconf_zone_type {
	SERVCONF_PRIMARY = 0,    /* BIND primary/master, NSD and Knot without a primary server */
	SERVCONF_SECONDARY,      /* BIND secondary/slave, NSD request-xfr, Knot master/primary */
	SERVCONF_STUB,
	SERVCONF_STATIC_STUB,
	SERVCONF_FORWARD,
	SERVCONF_HINT,
	SERVCONF_MIRROR,
	SERVCONF_REDIRECT,
	SERVCONF_DELEGATION_ONLY,
	SERVCONF_IN_VIEW,        /* BIND in-view: the zone of another view, served here too */
};

/* Where something stands in a configuration file (1-based line and column). */
struct servconf_place {
	char *file;              /* root-relative path of the config file */
	unsigned line, column;
};

struct servconf_zone {
	char *origin;            /* absolute, lower-case, with the final dot ("." for the root) */
	enum servconf_zone_type type;
	char *view;              /* BIND view the zone is in; NULL outside views */
	char *in_view;           /* SERVCONF_IN_VIEW: the view that defines it; else NULL */
	char *class_name;        /* a class other than IN as written ("CH"); NULL for IN */
	char *file_written;      /* the file as the server names it, after the server's
				  * own substitutions (NSD %s, Knot templates); NULL: none */
	char *server_dir;        /* the directory the server reads it from, as written
				  * (named `directory`, NSD `zonesdir`, Knot `storage`); NULL: none */
	char *file;              /* resolved, relative to the linted root; NULL when not
				  * resolved or not linted */
	char *why_unresolved;    /* primary zones only: why file is NULL ("no file ...") */
	struct servconf_place where;   /* the zone statement (BIND `zone`, NSD `zone:`,
					* Knot `- domain:`) */
};

struct servconf {
	struct servconf_zone *zones;   /* in the order the configuration lists them */
	size_t zone_count, zone_cap;
	char **errors;           /* "FILE:LINE:COL: message", control characters as read */
	size_t error_count, error_cap;
};

/* An include-map entry (SPEC §7): a path prefix as the server writes it
 * -> a directory relative to the root ("" = the root). */
struct servconf_prefix {
	const char *from;
	const char *to;
};

struct servconf_options {
	enum servconf_format format;
	const struct servconf_prefix *include_map;
	size_t include_map_count;
};

/* Limits (SPEC §9); past one, an error that names it. */
#define SERVCONF_MAX_INCLUDE_DEPTH 16
#define SERVCONF_MAX_FILES 4096            /* config files read by one servconf_read */
#define SERVCONF_MAX_BYTES ((size_t)64 << 20)   /* their total size */
#define SERVCONF_MAX_NESTING 64            /* blocks in blocks, YAML collections */
#define SERVCONF_MAX_ERRORS 50
#define SERVCONF_MAX_TREE_FILES 1000000    /* files indexed for tail matching */

void servconf_init(struct servconf *sc);
void servconf_free(struct servconf *sc);

/* Read the server configuration at path (root-relative, normalised) and
 * what it includes; append its zones and errors to sc (so several
 * configurations add up). Returns 0, or -1 when it added errors. */
int servconf_read(struct servconf *sc, struct source *src, const char *path,
		  const struct servconf_options *opts);

/* The format a file name says (named.conf, named.conf.local, nsd.conf,
 * knot.conf, ...: the last component's start); SERVCONF_AUTO for none. */
enum servconf_format servconf_format_of(const char *path);

/* "primary", "secondary", ... as BIND names the types. */
const char *servconf_type_name(enum servconf_zone_type type);

/* Is the zone one ptrlint lints (a primary of class IN)? */
bool servconf_zone_is_linted(const struct servconf_zone *zone);

#endif
