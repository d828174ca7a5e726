/*
 * ignore.h — the config's `ignore` entries (SPEC §7) as lookups built once
 * per run, so that a finding costs a few hash probes however many entries
 * there are (SPEC §9: 900,000 names against 20,000 findings took 39 s when
 * every finding walked every entry).
 *
 * An entry applies to a finding when it is not expired and each of its
 * parts it has matches: one of its rules (none: every rule), one of its
 * names ("*.x." for names below x.), one of its addresses or prefixes.
 */
#ifndef PTRLINT_IGNORE_H
#define PTRLINT_IGNORE_H

#include "config.h"
#include "findings.h"
#include "util.h"

struct ignore_bucket;

struct ignore_index {
	const struct ignore_entry *entries;   /* the config's, borrowed */
	rule_set everywhere;             /* entries with rules only */
	/* key -> bucket: exact names, wildcard suffixes ("x." for "*.x."),
	 * prefixes ("4/24/c0000200") */
	struct strmap names, suffixes, prefixes;
	struct ignore_bucket *buckets;
	size_t nbuckets, buckets_cap;
	/* entries with names and addresses: "ENTRY PREFIX-KEY" for each of
	 * their prefixes; a name bucket lists them, the address is probed */
	struct strmap pairs;
	char **keys;                     /* owned key texts of the maps */
	size_t nkeys, keys_cap;
	bool lengths[2][129];            /* prefix lengths in use, IPv4 and IPv6 */
};

void ignore_index_build(struct ignore_index *out, const struct config *cfg);
bool ignore_index_matches(const struct ignore_index *ix, const struct finding *f);
void ignore_index_free(struct ignore_index *ix);

#endif
