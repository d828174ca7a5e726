/*
 * index_build.h — making an index (index.h says what it holds): what the
 * loader adds while it reads (files, zones, records, problems, inline
 * suppressions, unreadable owners), the hooks that keep loading fast on
 * millions of records, and index_finish(), which turns what was added into
 * the lookups of index.h. Readers include index.h only.
 *
 * Life of an index: index_init(), ix->threads set once (-j), load_zones()
 * (load.h) or the index_add_*() calls, index_finish(), lookups, index_free().
 */
#ifndef PTRLINT_INDEX_BUILD_H
#define PTRLINT_INDEX_BUILD_H

#include <stddef.h>
#include <stdint.h>

#include "index.h"
#include "rule.h"
#include "util.h"

void index_init(struct index *ix);
void index_free(struct index *ix);

uint32_t index_add_file(struct index *ix, const char *path);
uint32_t index_add_zone(struct index *ix, name_id origin, uint32_t file);
struct record *index_add_record(struct index *ix);
void index_add_problem(struct index *ix, uint32_t file, uint32_t line,
		       uint32_t zone, name_id owner, enum rule_id rule,
		       const char *fmt, ...) PTRLINT_PRINTF(7, 8);
void index_add_suppression(struct index *ix, uint32_t file, uint32_t line, rule_set rules);
/* The loader: a record owned by wire (lower-case) in zone did not load, or
 * a $GENERATE that failed would have made a record there. */
void index_add_unreadable(struct index *ix, const uint8_t *wire, size_t len, uint32_t zone);

/* Classify every record (out of zone, glue, wrong tree, duplicate, ...;
 * SPEC §4) and build the lookups of index.h. Call once, after loading; the
 * index is read-only afterwards but for index_intern(). */
void index_finish(struct index *ix);

/*
 * Speed-ups for the loader. None changes what the index holds; each moves
 * work off the loading thread or ahead of it.
 */

/* Room for about this many records and as many names. */
void index_reserve(struct index *ix, size_t records);
/* The hash index_intern() would compute (pure: parse workers compute it
 * off the main thread), interning with a hash so computed, and a hint to
 * fetch the table slot of a name about to be interned. */
uint32_t index_name_hash(const uint8_t *wire);
name_id index_intern_hashed(struct index *ix, const uint8_t *wire, size_t len, uint32_t hash);
void index_prefetch(const struct index *ix, uint32_t hash);
/* The memory the next records (and about as many names) will fill, and
 * the name table when it is new: index_room_ahead() on the loading thread
 * says where, index_prefault() on any other has the kernel provide those
 * pages (first touches cost a page fault and zeroing each). Only the
 * kernel touches them: what the loader writes there meanwhile stays. */
struct index_room {
	void *start[4];
	size_t bytes[4];
};
void index_room_ahead(struct index *ix, size_t records, struct index_room *room);
void index_prefault(const struct index_room *room);

#endif
