/*
 * load.h — from paths to an index: finding zone files (PATH arguments,
 * config zones and globs, directory search), inferring each zone's origin
 * (SPEC §4), and reading master files record by record — our splitter for
 * lines, comments and directives, ldns for each record's text.
 *
 * Only the loader knows ldns's parser. Problems (unreadable files, records
 * that do not parse, $INCLUDE escapes and cycles) become zone-syntax
 * load_problems in the index, never aborts: the run goes on.
 */
#ifndef PTRLINT_LOAD_H
#define PTRLINT_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "index.h"
#include "source.h"

struct zone_request {
	char *path;              /* relative to the root */
	char *origin;            /* from the config, or NULL: infer */
	bool searched;           /* found by directory search: skipped if another zone $INCLUDEs it */
};

struct zone_requests {
	struct zone_request *items;
	size_t count, cap;
	/* what was searched, for the "no zone file found" message */
	struct strbuf searched;
	struct strmap paths;     /* path -> index in items */
};

/* Turn root-relative PATH arguments (files or directories; none = the
 * config's zones, else the root) into requests. Returns 0, or -1 with *err
 * for a path that does not exist or leads out of the root (exit 2). */
int load_collect(struct zone_requests *out, struct source *src,
		 const struct config *cfg, char *const *paths, size_t npaths,
		 char **err);
void zone_requests_free(struct zone_requests *reqs);

/* Load every request into ix (then call index_finish). Records are parsed
 * by up to threads threads (0 = one per core); the result is the same for
 * any number. */
void load_zones(struct index *ix, struct source *src, const struct config *cfg,
		const struct zone_requests *reqs, int threads);

/* Exposed for tests: the origin a file name implies ("db.192.0.2" ->
 * "2.0.192.in-addr.arpa."), or NULL. Caller frees. */
char *origin_from_file_name(const char *path);
/* Exposed for tests: where "$INCLUDE written" in file `from` leads (SPEC
 * §4: include-map, include-base, else the including file's directory).
 * NULL with *why when it leaves the root. Caller frees. */
char *resolve_include(const struct config *cfg, const char *from,
		      const char *written, const char **why);

#endif
