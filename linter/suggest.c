/*
 * suggest.c — see suggest.h.
 */
#include "suggest.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "util.h"

/* Edit distance, case-insensitive; anything above limit reports limit+1. */
static size_t edit_distance(const char *a, size_t alen, const char *b, size_t limit)
{
	size_t blen = strlen(b);
	if (blen > 64 || (alen > blen ? alen - blen : blen - alen) > limit)
		return limit + 1;
	size_t row[65];
	for (size_t j = 0; j <= blen; j++)
		row[j] = j;
	for (size_t i = 1; i <= alen; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= blen; j++) {
			size_t up = row[j];
			size_t cost = ascii_lower((unsigned char)a[i - 1]) !=
				      ascii_lower((unsigned char)b[j - 1]);
			size_t best = diag + cost;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[blen] > limit ? limit + 1 : row[blen];
}

static bool is_prefix_of(const char *word, size_t len, const char *candidate)
{
	if (!len || len >= strlen(candidate))
		return false;
	for (size_t i = 0; i < len; i++)
		if (ascii_lower((unsigned char)word[i]) != ascii_lower((unsigned char)candidate[i]))
			return false;
	return true;
}

const char *suggest_closest(const char *word, size_t len, const char *const *candidates,
			    size_t n)
{
	const char *best = NULL;
	size_t best_score = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(word, len, candidates[i], 2);
		size_t score = d <= 2 ? d : is_prefix_of(word, len, candidates[i]) ? 3 : SIZE_MAX;
		if (score < best_score) {
			best = candidates[i];
			best_score = score;
		}
	}
	return best;
}
