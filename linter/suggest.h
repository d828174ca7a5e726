/*
 * suggest.h — "did you mean": the closest of a list of words to a
 * misspelt one, for config keys, rule ids on the command line and in
 * ptrlint-disable comments. Owns nothing; reads only its arguments.
 */
#ifndef PTRLINT_SUGGEST_H
#define PTRLINT_SUGGEST_H

#include <stddef.h>

/* The candidate closest to word (len bytes, case-insensitive): within two
 * edits, or one that word begins; the nearest wins, then the first listed.
 * NULL if none is that close. */
const char *suggest_closest(const char *word, size_t len, const char *const *candidates,
			    size_t n);

#endif
