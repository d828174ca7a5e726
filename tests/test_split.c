/*
 * test_split.c — unit tests for split.c: entries, exact lines, comments,
 * quoting and escapes, every error and the recovery after it, and
 * hostile input (megabyte lines, thousands of parentheses).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "split.h"
#include "util.h"

/*
 * Renders what the reader returns, one line per entry:
 *   <kind><first>-<last>[_] tok|tok|... {line:comment}...
 * kind is R (record), D (directive) or E (error, followed by its message);
 * "_" marks a blank owner; a final "T" line lists the trailing comments.
 */
static char *render(const char *data, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	struct split_reader *r = split_new(data, len);
	struct split_entry e;

	while (split_next(r, &e) != SPLIT_END) {
		char kind = e.kind == SPLIT_RECORD ? 'R' :
			    e.kind == SPLIT_DIRECTIVE ? 'D' :
			    e.kind == SPLIT_ERROR ? 'E' : '?';
		strbuf_addf(&sb, "%c%u-%u%s", kind, e.first_line, e.last_line,
			    e.owner_blank ? "_" : "");
		if (e.kind == SPLIT_ERROR) {
			assert_non_null(e.error);
			assert_int_equal(e.ntokens, 0);
			strbuf_addf(&sb, " %s", e.error);
		} else {
			assert_null(e.error);
		}
		for (size_t i = 0; i < e.ntokens; i++) {
			const struct split_token *t = &e.tokens[i];
			/* Tokens borrow the input. */
			assert_true(t->text >= data && t->text + t->len <= data + len);
			assert_true(t->len > 0);
			assert_int_equal(t->quoted, t->text[0] == '"');
			strbuf_addch(&sb, i ? '|' : ' ');
			strbuf_add(&sb, t->text, t->len);
		}
		for (size_t i = 0; i < e.ncomments; i++)
			strbuf_addf(&sb, " {%u:%.*s}", e.comments[i].line,
				    (int)e.comments[i].len, e.comments[i].text);
		strbuf_addch(&sb, '\n');
	}
	assert_int_equal(e.kind, SPLIT_END);
	assert_int_equal(e.ncomments, 0);

	const struct split_comment *tc;
	size_t ntc;
	split_trailing_comments(r, &tc, &ntc);
	if (ntc) {
		strbuf_addch(&sb, 'T');
		for (size_t i = 0; i < ntc; i++)
			strbuf_addf(&sb, " {%u:%.*s}", tc[i].line,
				    (int)tc[i].len, tc[i].text);
		strbuf_addch(&sb, '\n');
	}
	split_free(r);
	return strbuf_detach(&sb);
}

static void check_render(const char *name, const char *data, size_t len,
			 const char *expect)
{
	char *got = render(data, len);
	if (strcmp(got, expect) != 0)
		print_message("case %s:\n--- expected\n%s--- got\n%s", name,
			      expect, got);
	assert_string_equal(got, expect);
	free(got);
}

struct split_case {
	const char *name;
	const char *input;
	size_t len;
	const char *expect;
};

/* The length is explicit so that inputs may hold NUL bytes. */
#define IN(s) s, sizeof(s) - 1

static const struct split_case cases[] = {
	{ "empty", IN(""), "" },
	{ "whitespace only", IN("  \n\t\n\r\n"), "" },
	{ "no final newline", IN("a A 192.0.2.1"), "R1-1 a|A|192.0.2.1\n" },
	{ "final newline", IN("a A 192.0.2.1\n"), "R1-1 a|A|192.0.2.1\n" },
	{ "two records", IN("a A 192.0.2.1\nb\tIN  A\t192.0.2.2\n"),
	  "R1-1 a|A|192.0.2.1\nR2-2 b|IN|A|192.0.2.2\n" },
	{ "blank lines and comments before",
	  IN("\n; c1\n\n  \t\n   ;c2\nwww A 192.0.2.1 ; c3\n\n"),
	  "R6-6 www|A|192.0.2.1 {2: c1} {5:c2} {6: c3}\n" },
	{ "comments go with the next entry",
	  IN("a A 192.0.2.1 ; one\n; two\n\nb A 192.0.2.2\n; three\n"),
	  "R1-1 a|A|192.0.2.1 {1: one}\nR4-4 b|A|192.0.2.2 {2: two}\n"
	  "T {5: three}\n" },
	{ "only comments", IN("; a\n;b"), "T {1: a} {2:b}\n" },
	{ "empty comment", IN("a A 192.0.2.1 ;\n"), "R1-1 a|A|192.0.2.1 {1:}\n" },
	{ "soa over several lines",
	  IN("$TTL 3600\n"
	     "@ IN SOA ns1 host (\n"
	     "\t2024010101 ; serial\n"
	     "\t3600\n"
	     "\n"
	     "\t; inner\n"
	     "\t600 86400 300 )\n"
	     "\tNS ns1\n"),
	  "D1-1 $TTL|3600\n"
	  "R2-7 @|IN|SOA|ns1|host|2024010101|3600|600|86400|300"
	  " {3: serial} {6: inner}\n"
	  "R8-8_ NS|ns1\n" },
	{ "parenthesis closed mid-line",
	  IN("a ( A\n 192.0.2.1 ) ; x\nb A 192.0.2.2\n"),
	  "R1-2 a|A|192.0.2.1 {2: x}\nR3-3 b|A|192.0.2.2\n" },
	{ "parentheses reopened", IN("a ( A ) ( 192.0.2.1\n )\n"),
	  "R1-2 a|A|192.0.2.1\n" },
	{ "parentheses glued to tokens", IN("a A(192.0.2.1)b\n"),
	  "R1-1 a|A|192.0.2.1|b\n" },
	{ "parentheses only", IN("( )\n(\n)\na A 192.0.2.1\n"),
	  "R4-4 a|A|192.0.2.1\n" },
	{ "blank owners", IN(" A 192.0.2.1\n\tAAAA ::1\n"),
	  "R1-1_ A|192.0.2.1\nR2-2_ AAAA|::1\n" },
	{ "blank owner after blank line", IN("a A 192.0.2.1\n\n  \n  TXT x\n"),
	  "R1-1 a|A|192.0.2.1\nR4-4_ TXT|x\n" },
	{ "quoted strings",
	  IN("t TXT \"a ; b\" \"(x)\" \"q\\\"uote\" \"\" ; real\n"),
	  "R1-1 t|TXT|\"a ; b\"|\"(x)\"|\"q\\\"uote\"|\"\" {1: real}\n" },
	{ "quotes inside parentheses", IN("t TXT ( \"a ) b\"\n \"c ( d\" )\n"),
	  "R1-2 t|TXT|\"a ) b\"|\"c ( d\"\n" },
	{ "quote glued to words", IN("t TXT a\"b c\"d\n"),
	  "R1-1 t|TXT|a|\"b c\"|d\n" },
	{ "escapes", IN("a\\ b A\\; \\(x\\) \\\"y\\\\ ; c\n"),
	  "R1-1 a\\ b|A\\;|\\(x\\)|\\\"y\\\\ {1: c}\n" },
	{ "decimal escape", IN("\\065bc A 192.0.2.1\n"),
	  "R1-1 \\065bc|A|192.0.2.1\n" },
	{ "backslash at end of line", IN("a b\\\nc d\\"),
	  "R1-1 a|b\\\nR2-2 c|d\\\n" },
	{ "escaped newline in quotes", IN("t TXT \"a\\\nb\"\nc A 192.0.2.1\n"),
	  "R1-2 t|TXT|\"a\\\nb\"\nR3-3 c|A|192.0.2.1\n" },
	{ "crlf",
	  IN("a A 192.0.2.1\r\n; hi\r\nb ( A\r\n 192.0.2.2 )\r\n\r\n\tTXT \"x\"\r\n"),
	  "R1-1 a|A|192.0.2.1\nR3-4 b|A|192.0.2.2 {2: hi}\nR6-6_ TXT|\"x\"\n" },
	{ "crlf comment and escape", IN("a TXT b\\\r\n"), "R1-1 a|TXT|b\\\n" },
	{ "directives",
	  IN("$ORIGIN example.com.\n"
	     "$INCLUDE \"sub zone\" sub ; inc\n"
	     "$GENERATE 1-10 host$ A 10.0.0.$\n"
	     "$ttl 60\n"),
	  "D1-1 $ORIGIN|example.com.\n"
	  "D2-2 $INCLUDE|\"sub zone\"|sub {2: inc}\n"
	  "D3-3 $GENERATE|1-10|host$|A|10.0.0.$\n"
	  "D4-4 $ttl|60\n" },
	{ "not directives",
	  IN("  $TTL 5\n\\$x A 192.0.2.1\n\"$TTL\" 5\nx$ A 192.0.2.1\n"),
	  "R1-1_ $TTL|5\nR2-2 \\$x|A|192.0.2.1\nR3-3 \"$TTL\"|5\n"
	  "R4-4 x$|A|192.0.2.1\n" },

	/* errors, each followed by a good record to show reading goes on */
	{ "unterminated quote",
	  IN("a TXT \"abc ; d\nb A 192.0.2.2\n"),
	  "E1-1 unterminated quoted string\nR2-2 b|A|192.0.2.2\n" },
	{ "unterminated quote at eof", IN("a A 192.0.2.1\na TXT \"abc"),
	  "R1-1 a|A|192.0.2.1\nE2-2 unterminated quoted string\n" },
	{ "unterminated quote crlf", IN("a TXT \"abc\\\r\nb A 192.0.2.2\r\n"),
	  "E1-1 unterminated quoted string\nR2-2 b|A|192.0.2.2\n" },
	{ "unterminated quote with comments before",
	  IN("; before\na TXT \"x\n; after\nb A 192.0.2.2\n"),
	  "E2-2 unterminated quoted string {1: before}\n"
	  "R4-4 b|A|192.0.2.2 {3: after}\n" },
	{ "unterminated quote inside parentheses",
	  IN("a TXT ( \"x\"\n \"abc\n )\nb A 192.0.2.2\n"),
	  "E2-3 unterminated quoted string\nR4-4 b|A|192.0.2.2\n" },
	{ "unterminated parenthesis",
	  IN("x A 192.0.2.1\n\na SOA ( 1\n 2\n"),
	  /* reading goes on at the next line in column one: none here */
	  "R1-1 x|A|192.0.2.1\nE3-4 unterminated parenthesis\n" },
	{ "unterminated parenthesis, records after it",
	  IN("a SOA ( 1\n 2\n\t3\nb A 192.0.2.2\n  TXT x\n"),
	  "E1-3 unterminated parenthesis\nR4-4 b|A|192.0.2.2\nR5-5_ TXT|x\n" },
	{ "unterminated parenthesis without newline", IN("a SOA ( 1"),
	  "E1-1 unterminated parenthesis\n" },
	{ "unterminated parenthesis on a later line",
	  IN("a SOA ns host\n ( 1 ; c\n 2"),
	  "R1-1 a|SOA|ns|host\nE2-3 unterminated parenthesis {2: c}\n" },
	{ "unbalanced closing parenthesis",
	  IN("a A 192.0.2.1 ) b (\nb A 192.0.2.2\n"),
	  "E1-1 unbalanced closing parenthesis\nR2-2 b|A|192.0.2.2\n" },
	{ "closing parenthesis alone",
	  IN("a ( A 192.0.2.1 )\n)\nb A 192.0.2.2\n"),
	  "R1-1 a|A|192.0.2.1\nE2-2 unbalanced closing parenthesis\n"
	  "R3-3 b|A|192.0.2.2\n" },
	{ "nul byte",
	  IN("a A 192.0.2.1\nb A \0 192.0.2.2 (\nc A 192.0.2.3\n"),
	  "R1-1 a|A|192.0.2.1\nE2-2 NUL byte in line\nR3-3 c|A|192.0.2.3\n" },
	{ "nul byte in a comment",
	  IN("a A 192.0.2.1 ; x\0y\nb A 192.0.2.2\n"),
	  "E1-1 NUL byte in line\nR2-2 b|A|192.0.2.2\n" },
	{ "nul byte in a comment line", IN(";\0\nb A 192.0.2.2\n"),
	  "E1-1 NUL byte in line\nR2-2 b|A|192.0.2.2\n" },
	{ "nul byte in quotes", IN("a TXT \"x\0y\"\nb A 192.0.2.2\n"),
	  "E1-1 NUL byte in line\nR2-2 b|A|192.0.2.2\n" },
	{ "escaped nul byte", IN("a TXT x\\\0y\nb A 192.0.2.2\n"),
	  "E1-1 NUL byte in line\nR2-2 b|A|192.0.2.2\n" },
	{ "nul byte inside parentheses",
	  IN("a ( A\n \0 192.0.2.1 )\nb A 192.0.2.2\n"),
	  "E2-2 NUL byte in line\nR3-3 b|A|192.0.2.2\n" },
	{ "nested parenthesis", IN("a ( ( A 192.0.2.1 ) )\nb A 192.0.2.2\n"),
	  "E1-1 nested parenthesis\nR2-2 b|A|192.0.2.2\n" },
	{ "nested parenthesis over lines",
	  IN("a (\n ( A ; c\n 192.0.2.1 )\nb A 192.0.2.2\n"),
	  "E2-3 nested parenthesis {2: c}\nR4-4 b|A|192.0.2.2\n" },
	{ "first error wins",
	  IN("a ( \"x\n ( )\nb A 192.0.2.2\n"),
	  "E1-2 unterminated quoted string\nR3-3 b|A|192.0.2.2\n" },
};

static void test_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		check_render(cases[i].name, cases[i].input, cases[i].len,
			     cases[i].expect);
}

/* The input need not be NUL-terminated: nothing past len is read. */
static void test_not_terminated(void **state)
{
	(void)state;
	char *buf = xmalloc(8);
	memcpy(buf, "a A 1 ; ", 8);
	check_render("exact buffer", buf, 8, "R1-1 a|A|1 {1: }\n");
	memcpy(buf, "x TXT \"a", 8);
	check_render("exact buffer quote", buf, 8,
		     "E1-1 unterminated quoted string\n");
	check_render("null data", NULL, 0, "");
	free(buf);
}

static void test_trailing_comments_lifecycle(void **state)
{
	(void)state;
	static const char data[] = "; head\na A 192.0.2.1 ; own\n; tail 1\n;tail 2";
	struct split_reader *r = split_new(data, sizeof(data) - 1);
	struct split_entry e;
	const struct split_comment *c;
	size_t n;

	assert_int_equal(split_next(r, &e), SPLIT_RECORD);
	assert_int_equal(e.ncomments, 2);
	assert_int_equal(e.comments[0].line, 1);
	assert_int_equal(e.comments[1].line, 2);
	/* Not yet at the end: nothing is trailing. */
	split_trailing_comments(r, &c, &n);
	assert_int_equal(n, 0);

	assert_int_equal(split_next(r, &e), SPLIT_END);
	split_trailing_comments(r, &c, &n);
	assert_int_equal(n, 2);
	assert_int_equal(c[0].line, 3);
	assert_int_equal(c[0].len, 7);
	assert_memory_equal(c[0].text, " tail 1", 7);
	assert_int_equal(c[1].line, 4);
	assert_memory_equal(c[1].text, "tail 2", 6);

	/* Asking again changes nothing. */
	assert_int_equal(split_next(r, &e), SPLIT_END);
	split_trailing_comments(r, &c, &n);
	assert_int_equal(n, 2);
	split_free(r);
}

static char *repeat(const char *head, const char *unit, size_t times,
		    const char *tail, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	size_t ulen = strlen(unit);
	strbuf_addstr(&sb, head);
	grow_array((void **)&sb.data, &sb.cap, sb.len + ulen * times + strlen(tail) + 1, 1);
	for (size_t i = 0; i < times; i++)
		strbuf_add(&sb, unit, ulen);
	strbuf_addstr(&sb, tail);
	*len = sb.len;
	return strbuf_detach(&sb);
}

static double cpu_seconds(clock_t since)
{
	return (double)(clock() - since) / CLOCKS_PER_SEC;
}

static void test_token_limit(void **state)
{
	(void)state;
	size_t len;
	char *data, *got;

	/* owner + 65535 more: exactly at the limit */
	data = repeat("a", " x", SPLIT_MAX_TOKENS - 1, "\n", &len);
	struct split_reader *r = split_new(data, len);
	struct split_entry e;
	assert_int_equal(split_next(r, &e), SPLIT_RECORD);
	assert_int_equal(e.ntokens, SPLIT_MAX_TOKENS);
	assert_int_equal(split_next(r, &e), SPLIT_END);
	split_free(r);
	free(data);

	data = repeat("a", " x", SPLIT_MAX_TOKENS, "\nb A 192.0.2.2\n", &len);
	got = render(data, len);
	assert_string_equal(got, "E1-1 too many tokens in entry\nR2-2 b|A|192.0.2.2\n");
	free(got);
	free(data);

	/* Across lines in parentheses the error names the entry's line and
	 * the skip runs to the closing parenthesis. */
	data = repeat("; c\na (", "\n x", SPLIT_MAX_TOKENS, " )\nb A 192.0.2.2\n", &len);
	got = render(data, len);
	char *want = xasprintf("E2-%u too many tokens in entry {1: c}\nR%u-%u b|A|192.0.2.2\n",
			       SPLIT_MAX_TOKENS + 2, SPLIT_MAX_TOKENS + 3,
			       SPLIT_MAX_TOKENS + 3);
	assert_string_equal(got, want);
	free(want);
	free(got);
	free(data);
}

static void test_length_limit(void **state)
{
	(void)state;
	size_t len;
	char *data, *got;

	/* "a " plus the token: the joined text is exactly the limit */
	data = repeat("a ", "x", SPLIT_MAX_ENTRY_BYTES - 2, "\n", &len);
	struct split_reader *r = split_new(data, len);
	struct split_entry e;
	assert_int_equal(split_next(r, &e), SPLIT_RECORD);
	assert_int_equal(e.ntokens, 2);
	assert_int_equal(e.tokens[1].len, SPLIT_MAX_ENTRY_BYTES - 2);
	split_free(r);
	free(data);

	data = repeat("a ", "x", SPLIT_MAX_ENTRY_BYTES - 1, "\nb A 192.0.2.2\n", &len);
	got = render(data, len);
	assert_string_equal(got, "E1-1 entry too long\nR2-2 b|A|192.0.2.2\n");
	free(got);
	free(data);

	data = repeat("a TXT (\n", "\"xxxxxxxxxxxxxx\" ", 70000, "\n )\nb A 192.0.2.2\n", &len);
	got = render(data, len);
	assert_string_equal(got, "E1-3 entry too long\nR4-4 b|A|192.0.2.2\n");
	free(got);
	free(data);
}

/* 2 MB lines must be read in linear time. */
static void test_long_lines(void **state)
{
	(void)state;
	size_t len;
	char *data;
	clock_t t0 = clock();

	/* a 2 MB comment */
	data = repeat("a A 192.0.2.1 ;", "y", 2 << 20, "\nb A 192.0.2.2\n", &len);
	struct split_reader *r = split_new(data, len);
	struct split_entry e;
	assert_int_equal(split_next(r, &e), SPLIT_RECORD);
	assert_int_equal(e.first_line, 1);
	assert_int_equal(e.ncomments, 1);
	assert_int_equal(e.comments[0].len, 2 << 20);
	assert_int_equal(split_next(r, &e), SPLIT_RECORD);
	assert_int_equal(e.first_line, 2);
	assert_int_equal(split_next(r, &e), SPLIT_END);
	split_free(r);
	free(data);

	/* 2 MB of blanks before a record */
	char *got;
	data = repeat("", " \t", 1 << 20, "A 192.0.2.1\n", &len);
	got = render(data, len);
	assert_string_equal(got, "R1-1_ A|192.0.2.1\n");
	free(got);
	free(data);

	/* a 2 MB token, a 2 MB quoted string, a 2 MB run of short tokens */
	data = repeat("a TXT ", "z", 2 << 20, "\nb A 192.0.2.2\n", &len);
	got = render(data, len);
	assert_string_equal(got, "E1-1 entry too long\nR2-2 b|A|192.0.2.2\n");
	free(got);
	free(data);
	data = repeat("a TXT \"", "z ", 1 << 20, "\"\nb A 192.0.2.2\n", &len);
	got = render(data, len);
	assert_string_equal(got, "E1-1 entry too long\nR2-2 b|A|192.0.2.2\n");
	free(got);
	free(data);
	data = repeat("a TXT", " z", 1 << 20, "\nb A 192.0.2.2\n", &len);
	got = render(data, len);
	assert_string_equal(got, "E1-1 too many tokens in entry\nR2-2 b|A|192.0.2.2\n");
	free(got);
	free(data);

	/* 2 MB of escapes and of unterminated quote */
	data = repeat("a TXT ", "\\(", 1 << 20, "\nb A 192.0.2.2\n", &len);
	got = render(data, len);
	assert_string_equal(got, "E1-1 entry too long\nR2-2 b|A|192.0.2.2\n");
	free(got);
	free(data);
	data = repeat("a TXT \"", "\\\"", 1 << 20, "\nb A 192.0.2.2\n", &len);
	got = render(data, len);
	assert_string_equal(got, "E1-1 unterminated quoted string\nR2-2 b|A|192.0.2.2\n");
	free(got);
	free(data);

	/* 2 MB of newlines */
	data = repeat("", "\n", 2 << 20, "a A 192.0.2.1", &len);
	got = render(data, len);
	char *want = xasprintf("R%u-%u a|A|192.0.2.1\n", (2u << 20) + 1, (2u << 20) + 1);
	assert_string_equal(got, want);
	free(want);
	free(got);
	free(data);

	double spent = cpu_seconds(t0);
	if (spent >= 20.0)
		print_message("long lines took %.1f s of CPU\n", spent);
	assert_true(spent < 20.0);
}

static void test_many_parentheses(void **state)
{
	(void)state;
	size_t len;
	char *data, *got;
	clock_t t0 = clock();

	/* Never closed: one error, and reading goes on after its line. */
	data = repeat("a ", "(", 10000, "\nb A 192.0.2.2\n", &len);
	got = render(data, len);
	assert_string_equal(got, "E1-1 nested parenthesis\nR2-2 b|A|192.0.2.2\n");
	free(got);
	free(data);

	/* Closed on the same line: the first ")" ends the parentheses, the
	 * next is fallout of the same error, and the next line is read. */
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "a ");
	for (int i = 0; i < 10000; i++)
		strbuf_addch(&sb, '(');
	for (int i = 0; i < 10000; i++)
		strbuf_addch(&sb, ')');
	strbuf_addstr(&sb, "\nb A 192.0.2.2\n");
	got = render(sb.data, sb.len);
	assert_string_equal(got, "E1-1 nested parenthesis\nR2-2 b|A|192.0.2.2\n");
	free(got);
	strbuf_release(&sb);

	/* 10,000 stray ")" on one line: one error */
	data = repeat("a ", ")", 10000, "\nb A 192.0.2.2\n", &len);
	got = render(data, len);
	assert_string_equal(got, "E1-1 unbalanced closing parenthesis\nR2-2 b|A|192.0.2.2\n");
	free(got);
	free(data);

	/* 100,000 lines of "(": reading resumes after each of the first 64
	 * unclosed lines (each a nested-parenthesis error on the line after
	 * it), then the rest is one entry — bounded, so this stays linear */
	data = repeat("a (\n", "(\n", 100000, "", &len);
	got = render(data, len);
	struct strbuf want = STRBUF_INIT;
	for (int line = 2; line <= 65; line++)
		strbuf_addf(&want, "E%d-%d nested parenthesis\n", line, line);
	strbuf_addstr(&want, "E66-100001 nested parenthesis\n");
	assert_string_equal(got, want.data);
	strbuf_release(&want);
	free(got);
	free(data);

	double spent = cpu_seconds(t0);
	if (spent >= 10.0)
		print_message("parentheses took %.1f s of CPU\n", spent);
	assert_true(spent < 10.0);
}

/* Entries stay valid until the next split_next(), and tokens point into
 * the input. */
static void test_tokens_borrow_input(void **state)
{
	(void)state;
	static const char data[] = "www  IN A 192.0.2.1\n";
	struct split_reader *r = split_new(data, sizeof(data) - 1);
	struct split_entry e;
	assert_int_equal(split_next(r, &e), SPLIT_RECORD);
	assert_int_equal(e.ntokens, 4);
	assert_ptr_equal(e.tokens[0].text, data);
	assert_int_equal(e.tokens[0].len, 3);
	assert_ptr_equal(e.tokens[1].text, data + 5);
	assert_ptr_equal(e.tokens[3].text, data + 10);
	assert_int_equal(e.tokens[3].len, 9);
	assert_false(e.tokens[3].quoted);
	split_free(r);
}

struct unescape_case {
	const char *text;
	size_t len;
	bool quoted;
	const char *expect;
	size_t expect_len;
	bool has_nul;
};

#define OUT(s) s, sizeof(s) - 1

static const struct unescape_case unescape_cases[] = {
	{ IN("plain"), false, OUT("plain"), false },
	{ IN("\"a b\""), true, OUT("a b"), false },
	{ IN("\"\""), true, OUT(""), false },
	{ IN("\"a;b(c)\""), true, OUT("a;b(c)"), false },
	{ IN("a\\ b"), false, OUT("a b"), false },
	{ IN("\\(x\\)"), false, OUT("(x)"), false },
	{ IN("\"q\\\"x\""), true, OUT("q\"x"), false },
	{ IN("\"\\\\\""), true, OUT("\\"), false },
	{ IN("\\\\"), false, OUT("\\"), false },
	{ IN("\\065\\066C"), false, OUT("ABC"), false },
	{ IN("\\255"), false, OUT("\xff"), false },
	{ IN("\\000x"), false, OUT("\0x"), true },
	{ IN("\"a\\000\""), true, OUT("a\0"), true },
	{ IN("\\256"), false, OUT("256"), false },
	{ IN("\\12"), false, OUT("12"), false },
	{ IN("\\1a2"), false, OUT("1a2"), false },
	{ IN("\\0651"), false, OUT("A1"), false },
	{ IN("a\\"), false, OUT("a\\"), false },
	{ IN("\"a\\\nb\""), true, OUT("a\nb"), false },
	{ IN("$x"), false, OUT("$x"), false },
};

static void test_unescape(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(unescape_cases); i++) {
		const struct unescape_case *c = &unescape_cases[i];
		struct split_token t = { c->text, c->len, c->quoted };
		bool nul = !c->has_nul;
		char *got = split_token_unescape(&t, &nul);
		size_t got_len = c->has_nul ? c->expect_len : strlen(got);
		if (got_len != c->expect_len ||
		    memcmp(got, c->expect, c->expect_len) != 0 || nul != c->has_nul)
			print_message("unescape case %zu \"%s\"\n", i, c->text);
		assert_int_equal(got_len, c->expect_len);
		assert_memory_equal(got, c->expect, c->expect_len);
		assert_int_equal(got[c->expect_len], '\0');
		assert_int_equal(nul, c->has_nul);
		free(got);
	}
	/* has_nul may be left out. */
	struct split_token t = { "x", 1, false };
	char *got = split_token_unescape(&t, NULL);
	assert_string_equal(got, "x");
	free(got);
}

/* What the loader does with $INCLUDE: split, then unescape the path. */
static void test_unescape_split_token(void **state)
{
	(void)state;
	static const char data[] = "$INCLUDE \"my zone\\\"s\\t\" sub\\.x.\n";
	struct split_reader *r = split_new(data, sizeof(data) - 1);
	struct split_entry e;
	bool nul = true;
	assert_int_equal(split_next(r, &e), SPLIT_DIRECTIVE);
	assert_int_equal(e.ntokens, 3);
	assert_true(e.tokens[1].quoted);
	char *path = split_token_unescape(&e.tokens[1], &nul);
	assert_string_equal(path, "my zone\"st");
	assert_false(nul);
	free(path);
	char *origin = split_token_unescape(&e.tokens[2], &nul);
	assert_string_equal(origin, "sub.x.");
	free(origin);
	split_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_not_terminated),
		cmocka_unit_test(test_trailing_comments_lifecycle),
		cmocka_unit_test(test_token_limit),
		cmocka_unit_test(test_length_limit),
		cmocka_unit_test(test_long_lines),
		cmocka_unit_test(test_many_parentheses),
		cmocka_unit_test(test_tokens_borrow_input),
		cmocka_unit_test(test_unescape),
		cmocka_unit_test(test_unescape_split_token),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
