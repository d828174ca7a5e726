/*
 * findings.h — the list of findings a run produces: storing, sorting and
 * de-duplication (SPEC §3). What goes in is final: report() in engine.c
 * has applied the effective severity, inline suppression and config
 * ignores before findings_add(). Reporters only read the finished list.
 *
 * The list owns every string in it.
 */
#ifndef PTRLINT_FINDINGS_H
#define PTRLINT_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "rule.h"

enum iprev_result {
	IPREV_NONE = 0,          /* the finding carries no iprev */
	IPREV_PASS,
	IPREV_FAIL,
	IPREV_PERMERROR,
	IPREV_TEMPERROR,
	IPREV_UNVERIFIABLE,
};
const char *iprev_name(enum iprev_result result);

struct finding {
	enum rule_id rule;
	enum severity severity;  /* effective */
	char *file;              /* relative to the root */
	unsigned line;           /* 1-based; 0 = the file as a whole */
	char *zone;              /* origin with final dot, or NULL */
	char *name;              /* lower-case, absolute, final dot, or NULL */
	bool has_address;
	struct ip_prefix address; /* len < full length: a block (host-ptr-missing) */
	enum iprev_result iprev;
	char *message;
};

struct findings {
	struct finding *items;
	size_t count;
	size_t cap;
	size_t suppressed;       /* dropped by inline comments or ignores */
	size_t hidden;           /* dropped by --since as already in the base */
};

void findings_add(struct findings *list, const struct finding *finding);
/* Move every finding of from to the end of list (and add its suppressed
 * count); from is left empty. */
void findings_take(struct findings *list, struct findings *from);
/* Sort by file, line, rule, name, address; drop later duplicates of
 * (rule, zone, name, address) — and of file and line too when a finding has
 * neither name nor address, so distinct syntax errors all stay. */
void findings_sort_dedup(struct findings *list);
size_t findings_count_at(const struct findings *list, enum severity severity);
void findings_free(struct findings *list);

#endif
