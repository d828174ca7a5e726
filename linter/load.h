/*
 * load.h — from requested zone files to an index: each zone's origin (as
 * the config names it, or as origin.h infers it), then its master files
 * read record by record — split.h's splitter for lines, comments and
 * directives, parse.h's parser for each record's text through the
 * pipeline (pipeline.h), the index's builders (index_build.h) for the
 * result. Which files are zones, and where an $INCLUDE leads, is
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
#endif
