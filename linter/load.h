/*
 * load.h — from requested zone files to an index: inferring each zone's
 * origin (SPEC §4), and reading master files record by record — our
 * splitter for lines, comments and directives, ldns for each record's
 * text. Which files are zones, and where an $INCLUDE leads, is
 * discover.h's (included here so that callers need one header).
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
#include "discover.h"
#include "index_build.h"
#include "source.h"

/* Load every request into ix (then call index_finish). Records are parsed
 * by up to ix->threads threads (-j, set once by the caller after
 * index_init()); the result is the same for any number. */
void load_zones(struct index *ix, struct source *src, const struct config *cfg,
		const struct zone_requests *reqs);

/* Exposed for tests: the origin a file name implies ("db.192.0.2" ->
 * "2.0.192.in-addr.arpa."), or NULL. Caller frees. */
char *origin_from_file_name(const char *path);
#endif
