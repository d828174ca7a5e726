/*
 * regex_cost.h — the config's POSIX EREs, kept cheap for glibc's regcomp:
 * a pattern whose compiled form would be too large or too slow to build
 * is refused with a message before regcomp sees it, and the whole config
 * shares one budget of positions. config.c is the only user.
 */
#ifndef PTRLINT_REGEX_COST_H
#define PTRLINT_REGEX_COST_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "rule.h"

/* Positions the patterns of one config may compile to, together: the
 * budget a reader starts with (SIZE_MAX: no budget, for built-in
 * defaults). Each compiled position costs glibc 0.7-2 KiB: 400000 patterns
 * that are fine one by one took 24 GiB. A plain number: messages spell it. */
#define REGEX_TOTAL_POSITIONS 16384

/* Compile re into *out, counting its cost against *budget; on failure
 * returns false and sets *why to a message the caller frees (the reason,
 * without the pattern). */
bool regex_compile(regex_t *out, const char *re, int flags, size_t *budget, char **why);

/* The set of n patterns that each compiled on their own already, replacing
 * what set held; matched with regex_set_match (rule.h). */
void regex_set_build(struct regex_set *set, char *const *texts, size_t n, int flags);
void regex_set_free(struct regex_set *set);

#endif
