/*
 * load_impl.h — what load.c and directives.c share, and nothing else
 * includes: the state of one load_zones() run and the loader's functions
 * that a directive calls back ($INCLUDE reads a file, $GENERATE queues
 * records, every directive reports its problems the loader's way).
 */
#ifndef PTRLINT_LOAD_IMPL_H
#define PTRLINT_LOAD_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "discover.h"
#include "dname.h"
#include "index_build.h"
#include "pipeline.h"
#include "source.h"
#include "split.h"
#include "strict.h"
#include "util.h"

/* $INCLUDEs nested deeper than this are not read. */
#define INCLUDE_MAX_DEPTH 16

struct load_state {
	struct index *ix;
	struct source *src;
	const struct config *cfg;
	struct include_resolver includes_map;   /* cfg's include-map, sorted once */
	uint32_t zone;
	bool broken;                 /* '@' inside an owner: the zone is not loaded */
	uint32_t default_ttl;
	bool have_default_ttl;
	uint32_t last_ttl;
	unsigned zone_class;         /* named by its first record (IN if none); 0: none yet */
	char zone_class_text[17];    /* as that record wrote it */
	struct strbuf prev_owner;    /* absolute text of the last owner */
	const char *include_stack[INCLUDE_MAX_DEPTH + 2];
	size_t depth;
	/* file contents, one buffer per $INCLUDE depth, reused from file to
	 * file (source_read_buf) */
	struct strbuf read_buf[INCLUDE_MAX_DEPTH + 2];
	size_t includes;             /* $INCLUDEs read for this zone */
	struct strbuf text;
	struct pipeline pipeline;    /* queued records, parsed in batches, committed in order */
	/* record-limit: records queued and problems reported so far, over
	 * every zone; once spent, nothing more is loaded */
	unsigned long entries;
	bool exhausted;
	uint64_t reread_bytes;       /* bytes of files read before (REREAD_BYTES_PER_RECORD) */
	uint8_t *file_read;          /* by file id: read once already */
	size_t file_read_cap;
	uint32_t generate_group;     /* id of the last $GENERATE */
	uint32_t failed_group;       /* a $GENERATE that has failed (one finding each) */
	char why[STRICT_WHY_MAX + 48];   /* the reason of the last failed record */
	/* the text of the origin load_record saw last: made again only when
	 * it is handed another origin array, or load_entries has changed the
	 * one it hands (origin_version) */
	const uint8_t *origin_seen;
	unsigned long origin_version, origin_version_seen;
	char origin_text[NAME_TEXT_MAX];
};

struct file_pos {
	uint32_t file;
	unsigned line;
	bool generated;
};

/* One more record or problem against record-limit; false when it is
 * spent (said once, at `at`). */
bool load_budget_take(struct load_state *st, const struct file_pos *at);
/* A zone-syntax problem at `at` in the zone being loaded. It costs as
 * much as a record (a file of bad lines, included again and again, would
 * otherwise grow without bound), except one about a record that was
 * counted when it was queued. */
void load_report(struct load_state *st, const struct file_pos *at, name_id owner,
		 const char *fmt, ...) PTRLINT_PRINTF(4, 5);
/* Queue one record from tokens (owner first unless owner_blank). False
 * with *fail when it is wrong before ldns sees it. */
bool load_record(struct load_state *st, const struct split_token *tok, size_t ntok,
		 bool owner_blank, const uint8_t *origin, const struct file_pos *at,
		 uint32_t group, long value, const char **fail);
/* Read path as part of the zone being loaded, from the $INCLUDE at `from`
 * (NULL: the zone's own file). False when the file could not be read as a
 * zone at all. */
bool load_file(struct load_state *st, const char *path, const uint8_t *origin,
	       const struct file_pos *from);
/* A record owned by the absolute name text[0..len) did not load (or a
 * failed $GENERATE would have made it): the name exists, its content
 * unknown (index.h, unreadable names). */
void load_mark_unreadable(struct load_state *st, const char *text, size_t len, uint32_t zone);
/* A name (what: "owner", "$ORIGIN") with '@' inside it (split.h): said,
 * and the zone is not loaded (true); false when it has none. */
bool load_refuse_inner_at(struct load_state *st, const struct file_pos *at, const char *what,
			  const struct split_token *name);
/* An $INCLUDE of the zone being loaded was not read (SPEC §4): what the
 * file would have held is unknown, so the zone's gaps prove nothing. */
void load_mark_incomplete(struct load_state *st);
/* The absolute text of an owner as written: "@" is the origin, a name
 * without a final (unescaped) dot is relative to it. */
void load_absolute_owner(struct strbuf *out, const char *tok, size_t len, const char *origin);
/* The file is gdnsd's own syntax (its sign t, at `at`): said once, and
 * the zone is not loaded. */
void load_gdnsd_file(struct load_state *st, const struct file_pos *at, const struct split_token *t);

#endif
