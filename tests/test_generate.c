/*
 * test_generate.c — unit tests for generate.c: $GENERATE ranges, counts
 * and template expansion with BIND 9's modifiers.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "generate.h"
#include "util.h"

struct range_case {
	const char *text;
	bool ok;
	long start, stop, step;
	unsigned long count;
	const char *why;        /* expected message when !ok */
};

#define BAD_SYNTAX "bad range, expected start-stop or start-stop/step"

static const struct range_case range_cases[] = {
	{ "1-10", true, 1, 10, 1, 10, NULL },
	{ "0-0", true, 0, 0, 1, 1, NULL },
	{ "0-255", true, 0, 255, 1, 256, NULL },
	{ "1-10/3", true, 1, 10, 3, 4, NULL },      /* 1 4 7 10 */
	{ "1-11/3", true, 1, 11, 3, 4, NULL },      /* 1 4 7 10 */
	{ "1-12/3", true, 1, 12, 3, 4, NULL },      /* 1 4 7 10 */
	{ "1-13/3", true, 1, 13, 3, 5, NULL },
	{ "5-5/100", true, 5, 5, 100, 1, NULL },
	{ "007-010", true, 7, 10, 1, 4, NULL },
	{ "0-9223372036854775807", true, 0, LONG_MAX, 1,
	  (unsigned long)LONG_MAX + 1, NULL },
	{ "10-1", false, 0, 0, 0, 0, "range start is greater than stop" },
	{ "1-10/0", false, 0, 0, 0, 0, "range step must be at least 1" },
	{ "1-10/00", false, 0, 0, 0, 0, "range step must be at least 1" },
	{ "", false, 0, 0, 0, 0, BAD_SYNTAX },
	{ "1", false, 0, 0, 0, 0, BAD_SYNTAX },
	{ "1-", false, 0, 0, 0, 0, BAD_SYNTAX },
	{ "-5", false, 0, 0, 0, 0, "negative value in range" },
	{ "-1-5", false, 0, 0, 0, 0, "negative value in range" },
	{ "1--5", false, 0, 0, 0, 0, "negative value in range" },
	{ "1-5/-1", false, 0, 0, 0, 0, "negative value in range" },
	{ "a-5", false, 0, 0, 0, 0, BAD_SYNTAX },
	{ "1-5x", false, 0, 0, 0, 0, BAD_SYNTAX },
	{ "1-5/", false, 0, 0, 0, 0, BAD_SYNTAX },
	{ "1-5/2/3", false, 0, 0, 0, 0, BAD_SYNTAX },
	{ "1-5-6", false, 0, 0, 0, 0, BAD_SYNTAX },
	{ " 1-5", false, 0, 0, 0, 0, BAD_SYNTAX },
	{ "1-5 ", false, 0, 0, 0, 0, BAD_SYNTAX },
	{ "+1-5", false, 0, 0, 0, 0, BAD_SYNTAX },
	{ "1.5-6", false, 0, 0, 0, 0, BAD_SYNTAX },
	{ "99999999999999999999-1", false, 0, 0, 0, 0, "range value too large" },
	{ "1-99999999999999999999", false, 0, 0, 0, 0, "range value too large" },
	{ "0-9223372036854775808", false, 0, 0, 0, 0, "range value too large" },
	{ "1-5/99999999999999999999", false, 0, 0, 0, 0, "range value too large" },
};

static void test_ranges(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(range_cases); i++) {
		const struct range_case *c = &range_cases[i];
		struct generate_range r = { -1, -1, -1 };
		const char *why = NULL;
		bool ok = generate_parse_range(&r, c->text, strlen(c->text), &why);
		if (ok != c->ok || (ok && (r.start != c->start || r.stop != c->stop ||
					   r.step != c->step)) ||
		    (!ok && (!why || strcmp(why, c->why) != 0)))
			print_message("range \"%s\": ok=%d why=%s\n", c->text,
				      ok, why ? why : "(null)");
		assert_int_equal(ok, c->ok);
		if (!c->ok) {
			assert_non_null(why);
			assert_string_equal(why, c->why);
			continue;
		}
		assert_int_equal(r.start, c->start);
		assert_int_equal(r.stop, c->stop);
		assert_int_equal(r.step, c->step);
		assert_true(generate_count(&r) == c->count);
	}
}

/* The text need not be NUL-terminated: only len bytes count. */
static void test_range_length_bounded(void **state)
{
	(void)state;
	struct generate_range r;
	const char *why = NULL;
	assert_true(generate_parse_range(&r, "1-5junk", 3, &why));
	assert_int_equal(r.start, 1);
	assert_int_equal(r.stop, 5);
	assert_int_equal(r.step, 1);
	assert_true(generate_parse_range(&r, "10-20/5/", 7, &why));
	assert_int_equal(r.step, 5);
	assert_int_equal(generate_count(&r), 3);
}

/* The count must match iterating the range the way the loader will. */
static void test_count_matches_iteration(void **state)
{
	(void)state;
	for (long start = 0; start < 6; start++) {
		for (long stop = start; stop < 20; stop++) {
			for (long step = 1; step < 8; step++) {
				struct generate_range r = { start, stop, step };
				unsigned long n = 0;
				for (long v = start; v <= stop; v += step)
					n++;
				assert_true(generate_count(&r) == n);
			}
		}
	}
}

struct expand_case {
	const char *tmpl;
	long value;
	const char *expect;     /* NULL: the expansion fails with why */
	const char *why;
};

#define BAD_BASE "bad base in ${ modifier, expected d, o, x, X, n or N"

static const struct expand_case expand_cases[] = {
	/* plain $ */
	{ "$", 5, "5", NULL },
	{ "host-$", 7, "host-7", NULL },
	{ "$.$", 12, "12.12", NULL },
	{ "no-dollar", 3, "no-dollar", NULL },
	{ "", 3, "", NULL },
	{ "$", 0, "0", NULL },
	{ "$", -3, "-3", NULL },
	/* offsets */
	{ "${0}", 3, "3", NULL },
	{ "${10}", 3, "13", NULL },
	{ "${+3}", 1, "4", NULL },
	{ "${-20}", 25, "5", NULL },
	{ "${-20}", 5, "-15", NULL },
	{ "${-0}", 5, "5", NULL },
	/* width */
	{ "${0,3}", 5, "005", NULL },
	{ "${10,3}", 5, "015", NULL },
	{ "${0,2}", 1234, "1234", NULL },
	{ "${0,0}", 7, "7", NULL },
	{ "${-10,4}", 5, "-005", NULL },
	/* bases */
	{ "${0,3,d}", 5, "005", NULL },
	{ "${0,0,o}", 8, "10", NULL },
	{ "${0,4,o}", 8, "0010", NULL },
	{ "${0,0,x}", 255, "ff", NULL },
	{ "${0,2,x}", 10, "0a", NULL },
	{ "${0,4,X}", 255, "00FF", NULL },
	{ "${1,0,X}", 170, "AB", NULL },
	/* nibbles: least significant first; width counts the dots */
	{ "${0,0,n}", 0x12, "2.1", NULL },
	{ "${0,0,N}", 0xab, "B.A", NULL },
	{ "${0,0,n}", 0, "0", NULL },
	{ "${0,1,n}", 0, "0", NULL },
	{ "${0,2,n}", 0, "0.", NULL },
	{ "${0,3,n}", 0, "0.0", NULL },
	{ "${0,8,n}", 0, "0.0.0.0.", NULL },
	{ "${0,7,n}", 0xa, "a.0.0.0", NULL },
	{ "${0,3,n}", 0x1234, "4.3.2.1", NULL },
	{ "${0,6,n}", 0x1234, "4.3.2.1", NULL },
	{ "${0,9,n}", 0x1234, "4.3.2.1.0", NULL },
	{ "${0,0,n}", 0xfedcba98, "8.9.a.b.c.d.e.f", NULL },
	{ "${1,3,n}ip6.arpa.", 0xe, "f.0ip6.arpa.", NULL },
	{ "${0,4,n}ip6.arpa.", 0x2, "2.0.ip6.arpa.", NULL },
	/* dollars and escapes */
	{ "$$", 9, "$", NULL },
	{ "a$$b", 1, "a$b", NULL },
	{ "$$$", 4, "$4", NULL },
	{ "$$${1}", 4, "$5", NULL },
	{ "\\$", 9, "$", NULL },
	{ "a\\$b$", 2, "a$b2", NULL },
	{ "\\$$", 3, "$3", NULL },
	{ "\\\\$", 3, "\\\\3", NULL },
	{ "a\\.b$", 1, "a\\.b1", NULL },
	{ "\\065$", 1, "\\0651", NULL },
	{ "\\{$}", 1, "\\{1}", NULL },
	{ "end\\", 1, "end\\", NULL },
	{ "${0}{x}", 1, "1{x}", NULL },
	{ "$.${1}.${0,2,x}.${-1,3,o}", 10, "10.11.0a.011", NULL },
	/* errors */
	{ "${", 1, NULL, "unterminated ${ modifier" },
	{ "${5", 1, NULL, "unterminated ${ modifier" },
	{ "a${5,3,x", 1, NULL, "unterminated ${ modifier" },
	{ "${}", 1, NULL, "bad offset in ${ modifier" },
	{ "${x}", 1, NULL, "bad offset in ${ modifier" },
	{ "${-}", 1, NULL, "bad offset in ${ modifier" },
	{ "${ 3}", 1, NULL, "bad offset in ${ modifier" },
	{ "${5x}", 1, NULL, "bad offset in ${ modifier" },
	{ "${,3}", 1, NULL, "bad offset in ${ modifier" },
	{ "${5,}", 1, NULL, "bad width in ${ modifier" },
	{ "${5,-1}", 1, NULL, "bad width in ${ modifier" },
	{ "${5,3x}", 1, NULL, "bad width in ${ modifier" },
	{ "${5,3,}", 1, NULL, BAD_BASE },
	{ "${5,3,q}", 1, NULL, BAD_BASE },
	{ "${5,3,xx}", 1, NULL, BAD_BASE },
	{ "${5,3,x,}", 1, NULL, BAD_BASE },
	{ "${0,255,d}", 1, NULL, NULL },        /* checked in its own test */
	{ "${0,256,d}", 1, NULL, "${ modifier width over 255" },
	{ "${0,99999999999999999999}", 1, NULL, "${ modifier width over 255" },
	{ "${99999999999999999999}", 1, NULL, "${ modifier offset out of range" },
	{ "${1}", LONG_MAX, NULL, "${ modifier offset out of range" },
	{ "${-1}", LONG_MIN, NULL, "${ modifier offset out of range" },
	{ "${-10,0,x}", 5, NULL, "negative value with a non-decimal ${ modifier base" },
	{ "${-10,0,n}", 5, NULL, "negative value with a non-decimal ${ modifier base" },
};

static void test_expand(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(expand_cases); i++) {
		const struct expand_case *c = &expand_cases[i];
		if (!c->expect && !c->why)
			continue;
		struct strbuf out = STRBUF_INIT;
		const char *why = NULL;
		/* Expansion appends: what was there must stay. */
		strbuf_addstr(&out, "<");
		bool ok = generate_expand(&out, c->tmpl, strlen(c->tmpl),
					  c->value, &why);
		if (ok != (c->expect != NULL) ||
		    (ok && strcmp(out.data + 1, c->expect) != 0) ||
		    (!ok && (!why || strcmp(why, c->why) != 0)))
			print_message("expand \"%s\" with %ld: got \"%s\" why=%s\n",
				      c->tmpl, c->value, out.data,
				      why ? why : "(null)");
		if (c->expect) {
			assert_true(ok);
			assert_string_equal(out.data + 1, c->expect);
			assert_int_equal(out.len, strlen(c->expect) + 1);
		} else {
			assert_false(ok);
			assert_non_null(why);
			assert_string_equal(why, c->why);
			/* A failed expansion leaves the buffer as it was. */
			assert_string_equal(out.data, "<");
			assert_int_equal(out.len, 1);
		}
		strbuf_release(&out);
	}
}

static void test_expand_width_255(void **state)
{
	(void)state;
	struct strbuf out = STRBUF_INIT;
	const char *why = NULL;
	assert_true(generate_expand(&out, "${0,255,d}", 10, 42, &why));
	assert_int_equal(out.len, 255);
	for (size_t i = 0; i < 253; i++)
		assert_int_equal(out.data[i], '0');
	assert_string_equal(out.data + 253, "42");

	strbuf_reset(&out);
	assert_true(generate_expand(&out, "${0,255,n}", 10, 0x1, &why));
	assert_int_equal(out.len, 255);
	assert_int_equal(out.data[0], '1');
	assert_int_equal(out.data[254], '0');
	assert_int_equal(out.data[253], '.');
	strbuf_release(&out);
}

/* The template need not be NUL-terminated, and only len bytes count. */
static void test_expand_length_bounded(void **state)
{
	(void)state;
	struct strbuf out = STRBUF_INIT;
	const char *why = NULL;
	assert_true(generate_expand(&out, "ab$cd", 3, 7, &why));
	assert_string_equal(out.data, "ab7");
	strbuf_reset(&out);
	/* The closing brace lies beyond len. */
	assert_false(generate_expand(&out, "${5}", 3, 7, &why));
	assert_string_equal(why, "unterminated ${ modifier");
	strbuf_release(&out);
}

/* Expanding every value of a range, as the loader does for owners. */
static void test_expand_over_range(void **state)
{
	(void)state;
	struct generate_range r;
	const char *why = NULL;
	const char *tmpl = "${0,4,n}.ip6";
	static const char *const want[] = {
		"0.0..ip6", "4.0..ip6", "8.0..ip6", "c.0..ip6", "0.1..ip6",
	};
	assert_true(generate_parse_range(&r, "0-16/4", 6, &why));
	assert_int_equal(generate_count(&r), ARRAY_LEN(want));
	size_t k = 0;
	for (long v = r.start; v <= r.stop; v += r.step, k++) {
		struct strbuf out = STRBUF_INIT;
		assert_true(generate_expand(&out, tmpl, strlen(tmpl), v, &why));
		assert_string_equal(out.data, want[k]);
		strbuf_release(&out);
	}
	assert_int_equal(k, ARRAY_LEN(want));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_range_length_bounded),
		cmocka_unit_test(test_count_matches_iteration),
		cmocka_unit_test(test_expand),
		cmocka_unit_test(test_expand_width_255),
		cmocka_unit_test(test_expand_length_bounded),
		cmocka_unit_test(test_expand_over_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
