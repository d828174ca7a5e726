/*
 * rule.h — the rule registry (generated from rules/rules.def) and the
 * interface between the engine and one rule.
 *
 * A rule reads the index, the configuration and the shared mail analysis
 * (check.h is all it sees) and hands findings to report(); it never prints
 * and never applies severity overrides, inline suppression or config
 * ignores: report() in engine.c does, before the finding reaches the list
 * (findings.c). Each rule lives in rules/<id>.c and defines
 * `const struct rule_impl rule_<symbol>`.
 *
 * Threads. engine_run() calls each enabled rule's check() once. With -j
 * other than 1 and an index of 50,000 records or more, up to 8 threads take
 * rules from one queue, so a check() runs concurrently with other rules'
 * (never with itself), on any thread, in no order a rule may rely on. What
 * a check() may do, and what the engine guarantees in return:
 *  - The index, the base index, the config, the public-name suffixes and
 *    the mail analysis are finished before the first rule starts and are
 *    read-only until the last one ends: read them freely, never write them.
 *    The index's lazy caches (index_zone_of) are filled with atomic stores
 *    of a value every thread computes alike, so its lookups are safe too.
 *  - The context is the running thread's own: report() writes only to its
 *    findings and its once-per-line and made-findings sets, so it needs no
 *    lock. It is the only thing a rule writes that outlives check().
 *  - No static mutable state in a rule: a static is const, or a
 *    _Thread_local buffer such as name_str()'s, whose text is valid for a
 *    few calls on the same thread. Anything else a rule needs it allocates
 *    in check() and frees before returning.
 *  - Output must not depend on the thread: the engine joins every thread's
 *    findings and sorts them with a total order.
 */
#ifndef PTRLINT_RULE_H
#define PTRLINT_RULE_H

#include <limits.h>
#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum severity {
	SEV_OFF = 0,
	SEV_INFO,
	SEV_WARNING,
	SEV_ERROR,
	SEV_NEVER,      /* only as a --fail-on level: above every severity */
};
const char *severity_name(enum severity severity);
/* "off", "info", "warning", "error"; false if unknown. */
bool severity_parse(const char *text, enum severity *out);

enum rule_id {
#define RULE(symbol, id, severity, flags, summary) RULE_##symbol,
#include "../rules/rules.def"
#undef RULE
	RULE_COUNT
};

typedef uint64_t rule_set;   /* bit i = rule i */
#define RULE_BIT(r) ((rule_set)1 << (r))
_Static_assert(RULE_COUNT <= sizeof(rule_set) * CHAR_BIT,
	       "more rules than bits in rule_set: widen it (inline suppression, --since)");

/* A rule's flags in rules/rules.def (see there). The low byte holds
 * RULE_READS_MAIL; RULE_HEAVY's cost lives above it, so a rule's cost is
 * rule_cost(flags), 0 for a light rule. */
#define RULE_READS_MAIL 0x1u
#define RULE_COST_SHIFT 8
#define RULE_HEAVY(cost) ((unsigned)(cost) << RULE_COST_SHIFT)
#define rule_cost(flags) ((flags) >> RULE_COST_SHIFT)

/* Options a rule declares next to its code; config validation, defaults,
 * --print-config and --explain read them from here. A rule names them by
 * an enum that indexes its table, and reads their values by the same
 * index, so that a misspelt option cannot compile:
 *   enum { OPTION_MAX, OPTIONS_END };
 *   static const struct rule_option options[] = {
 *       [OPTION_MAX] = {"max", OPT_POSITIVE, "1", "..."},
 *       [OPTIONS_END] = {NULL, 0, NULL, NULL},
 *   };
 *   ... ctx->options[OPTION_MAX].number (check.h) */
enum option_type {
	OPT_WORDS,        /* list of strings (lower-cased) */
	OPT_REGEXES,      /* list of POSIX EREs */
	OPT_COUNT,        /* non-negative integer */
	OPT_POSITIVE,     /* integer of at least 1 */
};
struct rule_option {
	const char *name;              /* NULL ends the list */
	enum option_type type;
	const char *default_value;     /* words/regexes: '\n'-separated; count: decimal */
	const char *help;              /* one line */
};
/* A list of EREs matched as a few alternations of many (config.c): one
 * regexec per REGEX_SET_CHUNK patterns, not one per pattern, for every
 * name a rule asks about (SPEC §9: 16,000 patterns against 65,536 names
 * took 52 s one pattern at a time). */
struct regex_set {
	regex_t *chunks;
	size_t nchunks;
};
/* Does one of the set's patterns match text? */
bool regex_set_match(const struct regex_set *set, const char *text);

struct option_value {
	size_t count;                  /* words/regexes */
	char **words;                  /* words, or the regexes' source text */
	regex_t *regexes;              /* OPT_REGEXES only, compiled REG_EXTENDED|REG_NOSUB|REG_ICASE */
	struct regex_set set;          /* OPT_REGEXES: the same patterns, for matching */
	long number;                   /* OPT_COUNT, OPT_POSITIVE */
};

struct check_ctx;
struct rule_impl {
	void (*check)(struct check_ctx *ctx);
	const struct rule_option *options;   /* may be NULL */
};

struct rule {
	const char *id;
	enum severity severity;              /* default */
	unsigned flags;                      /* RULE_READS_MAIL, RULE_HEAVY(cost) */
	const char *summary;
	const struct rule_impl *impl;
};

extern const struct rule rule_table[RULE_COUNT];
/* Index of rule id, or -1. */
int rule_lookup(const char *id);
/* The registered id closest to a misspelt one ("did you mean"), or NULL. */
const char *rule_suggest(const char *id);
/* Index of the option name in rule's declaration, or -1. */
int rule_option_lookup(enum rule_id rule, const char *name);
/* The embedded docs/rules/<id>.md, or NULL. */
const char *rule_doc(enum rule_id rule);

#endif
