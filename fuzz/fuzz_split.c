/*
 * fuzz_split.c — libFuzzer target for the master-file splitter (split.c):
 * the whole input is one zone file. Besides "no crash, no leak, no UB"
 * it checks the contract of split.h that the loader relies on: tokens
 * and comments lie inside the input, lines only move forward, errors
 * carry a message, and every token unescapes without trouble.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "split.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static void check_inside(const char *data, size_t len, const char *p, size_t n)
{
	CHECK(p >= data && n <= len && (size_t)(p - data) <= len - n);
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len);
int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len)
{
	/* A copy of exactly len bytes: the splitter must not read past the
	 * end or need a terminating NUL (split.h), and ASan sees any
	 * overread of this allocation. */
	char *data = malloc(len ? len : 1);
	memcpy(data, bytes, len);

	struct split_reader *reader = split_new(data, len);
	struct split_entry e;
	unsigned prev_first = 0;
	size_t entries = 0;
	while (split_next(reader, &e) != SPLIT_END) {
		entries++;
		CHECK(entries <= len);          /* each entry consumes input */
		CHECK(e.first_line >= 1 && e.last_line >= e.first_line);
		CHECK(e.first_line >= prev_first || e.kind == SPLIT_ERROR);
		if (e.kind != SPLIT_ERROR)
			prev_first = e.first_line;
		if (e.kind == SPLIT_ERROR) {
			CHECK(e.error && *e.error);
			CHECK(e.ntokens == 0);
		} else {
			CHECK(e.ntokens >= 1 && e.ntokens <= SPLIT_MAX_TOKENS);
			CHECK(e.kind != SPLIT_DIRECTIVE || e.tokens[0].text[0] == '$');
		}
		for (size_t i = 0; i < e.ntokens; i++) {
			const struct split_token *t = &e.tokens[i];
			check_inside(data, len, t->text, t->len);
			CHECK(t->len > 0);
			CHECK(!t->quoted || t->text[0] == '"');
			bool has_nul = false;
			char *u = split_token_unescape(t, &has_nul);
			CHECK(has_nul || strlen(u) <= t->len);
			free(u);
		}
		for (size_t i = 0; i < e.ncomments; i++) {
			check_inside(data, len, e.comments[i].text, e.comments[i].len);
			CHECK(e.comments[i].line >= 1);
		}
	}
	const struct split_comment *cm;
	size_t ncm;
	split_trailing_comments(reader, &cm, &ncm);
	for (size_t i = 0; i < ncm; i++)
		check_inside(data, len, cm[i].text, cm[i].len);
	/* SPLIT_END is sticky */
	CHECK(split_next(reader, &e) == SPLIT_END);
	split_free(reader);
	free(data);
	return 0;
}
