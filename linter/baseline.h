/*
 * baseline.h — accepted old findings (SPEC §3a): reading a baseline file,
 * taking the findings it accepts out of a run's list, telling which of
 * its entries no finding needs any more, and writing a new one.
 *
 * An entry is keyed by (rule, zone, name, address), never by file or
 * line, so it survives records moving. The baseline owns its entries and
 * their strings; baseline_free() releases them.
 */
#ifndef PTRLINT_BASELINE_H
#define PTRLINT_BASELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "addr.h"
#include "findings.h"
#include "rule.h"

/* A bigger file is refused ("FILE: baseline larger than 64 MiB"): some
 * 400,000 entries, far more than a repository can mean to accept. */
#define BASELINE_MAX_BYTES (64u * 1024 * 1024)
#define BASELINE_MAX_COUNT 4294967295ul

struct baseline_entry {
	enum rule_id rule;
	char *zone;              /* lower-case, as findings carry it; NULL = absent */
	char *name;              /* NULL = absent */
	bool has_address;
	struct ip_prefix address;
	unsigned long count;     /* findings it accepts */
	unsigned long found;     /* findings of the linted tree with its key (--since aside) */
	unsigned long used;      /* of those, the ones it kept out of the report */
	unsigned line;           /* in the file; 0 for an entry made from findings */
	bool merged;             /* a repeat of an earlier entry's key: its count went there */
};

struct baseline {
	char *path;              /* as messages name the file */
	struct baseline_entry *entries;   /* in file order */
	size_t count;
	struct baseline_entry **sorted;   /* by key, repeats left out: the lookup */
	size_t nsorted;
	size_t baselined;        /* findings kept out of the report */
};

/* Read a baseline from data (display_path names it in messages). 0, or
 * -1 with *err = "FILE:LINE:COL: message" (caller frees); out needs
 * baseline_free() either way. */
int baseline_parse(struct baseline *out, const char *display_path, const char *data,
		   size_t len, char **err);
/* The same from a file on disk (a path from the command line). */
int baseline_read_file(struct baseline *out, const char *path, char **err);

/* Count the findings of the linted tree that each entry's key matches,
 * before --since hides the old ones: an entry is obsolete by what the
 * tree holds, not by what a --since run reports. */
void baseline_note(struct baseline *b, const struct findings *list);
/* Drop from list (sorted, as reporters print it) every finding an entry
 * accepts while its count lasts, the first ones in report order first;
 * counts them in b->baselined and each entry's used. */
void baseline_apply(struct baseline *b, struct findings *list);
/* An entry is obsolete when the tree holds fewer findings with its key
 * than its count. */
bool baseline_entry_obsolete(const struct baseline_entry *e);
size_t baseline_obsolete_count(const struct baseline *b);

struct baseline_write_stats {
	size_t entries;          /* written */
	size_t added;            /* not in the old baseline */
	size_t dropped;          /* old entries no finding matches any more */
};
/* Write a baseline that accepts every finding in list: the old entries
 * that still match first, in the old file's order (old may be NULL), then
 * the new ones sorted by rule, zone, name and address. */
void baseline_write(FILE *out, const struct baseline *old, const struct findings *list,
		    struct baseline_write_stats *stats);

void baseline_free(struct baseline *b);

#endif
