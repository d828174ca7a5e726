/*
 * test_dname.c — tests for linter/dname.c: wire-name walking, suffix and
 * equality tests, presentation text both ways with RFC 1035 escapes, and
 * RFC 4034 canonical order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "dname.h"
#include "util.h"

static size_t wire_of(uint8_t out[256], const char *text)
{
	size_t len = dname_from_text(out, text, NULL);
	if (!len)
		fail_msg("test name '%s' does not parse", text);
	return len;
}

static const char *const label63 =
	"abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabc";

static const struct {
	const char *text;
	const char *origin;       /* NULL: the name must be absolute */
	const char *expected;     /* dname_to_text of the result; NULL: invalid */
	size_t len;
} from_text_rows[] = {
	{"example.com.", NULL, "example.com.", 13},
	{"Example.COM.", NULL, "example.com.", 13},
	{".", NULL, ".", 1},
	{".", "example.com.", ".", 1},
	{"www", "example.com.", "www.example.com.", 17},
	{"WWW.Mail", "Example.Com.", "www.mail.example.com.", 22},
	{"www.other.", "example.com.", "www.other.", 11},
	{"@", "example.com.", "example.com.", 13},
	{"@", "EXAMPLE.com.", "example.com.", 13},
	{"@", ".", ".", 1},
	{"www", ".", "www.", 5},
	{"@", NULL, NULL, 0},
	{"www", NULL, NULL, 0},
	{"www.example.com", NULL, NULL, 0},
	{"", "example.com.", NULL, 0},
	{"a..b.", NULL, NULL, 0},
	{"a..b", "example.com.", NULL, 0},
	{".a.", NULL, NULL, 0},
	{"..", NULL, NULL, 0},
	{"a\\.b.example.", NULL, "a\\.b.example.", 13},
	{"\\065bc.example.", NULL, "abc.example.", 13},
	{"a\\032b.example.", NULL, "a\\032b.example.", 13},
	{"a\\ b.example.", NULL, "a\\032b.example.", 13},
	{"\\000.example.", NULL, "\\000.example.", 11},
	{"\\255.example.", NULL, "\\255.example.", 11},
	{"\\256.example.", NULL, NULL, 0},
	{"\\12.example.", NULL, NULL, 0},
	{"\\1a.example.", NULL, NULL, 0},
	{"a\\", NULL, NULL, 0},
	{"a b.example.", NULL, NULL, 0},
	{"a\tb.example.", NULL, NULL, 0},
	{"\\(a\\)\\;\\\"\\$.example.", NULL, "\\(a\\)\\;\\\"\\$.example.", 16},
	{"info@example.org.", NULL, "info\\@example.org.", 18},
	{"*.example.com.", NULL, "*.example.com.", 15},
	{"_dmarc.example.com.", NULL, "_dmarc.example.com.", 20},
	{"0/26.2.0.192.in-addr.arpa.", NULL, "0/26.2.0.192.in-addr.arpa.", 27},
	{"\\\\.example.", NULL, "\\\\.example.", 11},
};

static void test_from_text(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(from_text_rows); i++) {
		uint8_t origin[256], out[256];
		const uint8_t *o = NULL;
		if (from_text_rows[i].origin) {
			wire_of(origin, from_text_rows[i].origin);
			o = origin;
		}
		size_t len = dname_from_text(out, from_text_rows[i].text, o);
		if (!from_text_rows[i].expected) {
			if (len)
				fail_msg("'%s' parsed", from_text_rows[i].text);
			continue;
		}
		if (!len)
			fail_msg("'%s' did not parse", from_text_rows[i].text);
		assert_int_equal(len, from_text_rows[i].len);
		assert_int_equal(dname_length(out, sizeof(out)), len);
		char text[NAME_TEXT_MAX];
		dname_to_text(text, out);
		assert_string_equal(text, from_text_rows[i].expected);
	}
}

/* The relative "mail.example.com" under a reverse zone, with the origin:
 * the forgotten final dot as the loader sees it. */
static void test_from_text_relative_under_reverse(void **state)
{
	(void)state;
	uint8_t origin[256], out[256];
	wire_of(origin, "2.0.192.in-addr.arpa.");
	assert_int_equal(dname_from_text(out, "mail.example.com", origin), 39);
	char text[NAME_TEXT_MAX];
	dname_to_text(text, out);
	assert_string_equal(text, "mail.example.com.2.0.192.in-addr.arpa.");
}

/* The origin buffer may double as the output. */
static void test_from_text_in_place(void **state)
{
	(void)state;
	uint8_t buf[256];
	char text[NAME_TEXT_MAX];
	wire_of(buf, "Example.COM.");
	assert_int_equal(dname_from_text(buf, "@", buf), 13);
	dname_to_text(text, buf);
	assert_string_equal(text, "example.com.");
	assert_int_equal(dname_from_text(buf, "www", buf), 17);
	dname_to_text(text, buf);
	assert_string_equal(text, "www.example.com.");
}

static void test_from_text_limits(void **state)
{
	(void)state;
	char text[600];
	uint8_t out[256];

	/* A 63-octet label is the most a label holds. */
	snprintf(text, sizeof(text), "%s.example.", label63);
	assert_int_equal(dname_from_text(out, text, NULL), 1 + 63 + 8 + 1);
	snprintf(text, sizeof(text), "%sd.example.", label63);
	assert_int_equal(dname_from_text(out, text, NULL), 0);

	/* 3 x (1 + 63) + (1 + 61) + 1 = 255 octets, the most a name holds. */
	char label61[62];
	memcpy(label61, label63, 61);
	label61[61] = '\0';
	snprintf(text, sizeof(text), "%s.%s.%s.%s.", label63, label63, label63, label61);
	assert_int_equal(dname_from_text(out, text, NULL), 255);
	assert_int_equal(dname_length(out, 256), 255);
	snprintf(text, sizeof(text), "%s.%s.%s.%sx.", label63, label63, label63, label61);
	assert_int_equal(dname_from_text(out, text, NULL), 0);

	/* The same limit holds once the origin is appended. */
	uint8_t origin[256];
	snprintf(text, sizeof(text), "%s.%s.", label63, label63);
	assert_int_equal(dname_from_text(origin, text, NULL), 129);
	snprintf(text, sizeof(text), "%s.%s", label63, label61);
	assert_int_equal(dname_from_text(out, text, origin), 255);
	snprintf(text, sizeof(text), "%s.%sx", label63, label61);
	assert_int_equal(dname_from_text(out, text, origin), 0);

	/* An escaped octet counts once, however it is written. */
	text[0] = '\0';
	for (int i = 0; i < 63; i++)
		strcat(text, "\\046");
	strcat(text, ".");
	assert_int_equal(dname_from_text(out, text, NULL), 65);
	char back[NAME_TEXT_MAX];
	dname_to_text(back, out);
	assert_int_equal(strlen(back), 63 * 2 + 1);
}

static const struct {
	uint8_t wire[24];
	const char *text;
} to_text_rows[] = {
	{{0}, "."},
	{{3, 'W', 'w', 'W', 0}, "www."},
	{{3, 'a', '.', 'b', 3, 'c', 'o', 'm', 0}, "a\\.b.com."},
	{{8, '\\', '(', ')', ';', '"', '@', '$', 'x', 0}, "\\\\\\(\\)\\;\\\"\\@\\$x."},
	{{4, ' ', 0, 0x7f, 0xff, 0}, "\\032\\000\\127\\255."},
	{{5, '!', '~', '*', '-', '_', 0}, "!~*-_."},
	{{4, '0', '/', '2', '6', 1, '2', 0}, "0/26.2."},
	{{2, 'A', 'Z', 1, '9', 0}, "az.9."},
};

static void test_to_text(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(to_text_rows); i++) {
		char text[NAME_TEXT_MAX];
		dname_to_text(text, to_text_rows[i].wire);
		assert_string_equal(text, to_text_rows[i].text);

		/* Text the parser reads back into the same name, lower-cased. */
		uint8_t back[256], lower[24];
		memcpy(lower, to_text_rows[i].wire, sizeof(lower));
		dname_lower(lower);
		size_t len = dname_from_text(back, text, NULL);
		assert_int_equal(len, dname_length(lower, sizeof(lower)));
		assert_memory_equal(back, lower, len);
	}
}

/* Every octet value survives text and back. */
static void test_round_trip_all_octets(void **state)
{
	(void)state;
	for (unsigned c = 0; c < 256; c++) {
		uint8_t wire[8] = {3, 'a', (uint8_t)c, 'z', 0};
		char text[NAME_TEXT_MAX];
		dname_to_text(text, wire);
		uint8_t back[256];
		assert_int_equal(dname_from_text(back, text, NULL), 5);
		assert_int_equal(back[2], ascii_lower((unsigned char)c));
	}
}

static void test_worst_case_text(void **state)
{
	(void)state;
	/* 255 octets, all needing \DDD: the text must fit NAME_TEXT_MAX. */
	uint8_t wire[256];
	size_t pos = 0;
	for (int l = 0; l < 4; l++) {
		size_t len = l < 3 ? 63 : 61;
		wire[pos++] = (uint8_t)len;
		memset(wire + pos, 0xff, len);
		pos += len;
	}
	wire[pos++] = 0;
	assert_int_equal(pos, 255);
	char text[NAME_TEXT_MAX];
	dname_to_text(text, wire);
	assert_int_equal(strlen(text), (3 * 63 + 61) * 4 + 4);
}

static const struct {
	uint8_t wire[20];
	size_t max;
	size_t expected;
} length_rows[] = {
	{{0}, 20, 1},
	{{3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0}, 20, 13},
	{{3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0}, 13, 13},
	{{3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0}, 12, 0},
	{{3, 'w', 'w', 'w', 0xc0, 12}, 20, 0},          /* compression pointer */
	{{64, 'a', 'b'}, 20, 0},                        /* label too long */
	{{0}, 0, 0},
};

static void test_length(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(length_rows); i++)
		assert_int_equal(dname_length(length_rows[i].wire, length_rows[i].max),
				 length_rows[i].expected);

	/* 4 x (1 + 63) + 1 = 257: too long even with room to read it. */
	uint8_t wire[300];
	size_t pos = 0;
	for (int l = 0; l < 4; l++) {
		wire[pos++] = 63;
		memset(wire + pos, 'a', 63);
		pos += 63;
	}
	wire[pos] = 0;
	assert_int_equal(dname_length(wire, sizeof(wire)), 0);
}

static void test_labels_and_parent(void **state)
{
	(void)state;
	uint8_t wire[256];
	wire_of(wire, "www.example.com.");
	assert_int_equal(dname_label_count(wire), 3);
	const uint8_t *p = dname_parent(wire);
	assert_int_equal(dname_label_count(p), 2);
	p = dname_parent(dname_parent(p));
	assert_int_equal(p[0], 0);
	assert_ptr_equal(dname_parent(p), p);          /* the root stays the root */
	wire_of(wire, ".");
	assert_int_equal(dname_label_count(wire), 0);
}

static void test_lower(void **state)
{
	(void)state;
	uint8_t wire[] = {3, 'W', 'w', 'W', 3, 'C', '@', 'M', 1, 0xC4, 0};
	static const uint8_t expected[] = {3, 'w', 'w', 'w', 3, 'c', '@', 'm', 1, 0xC4, 0};
	dname_lower(wire);
	/* ASCII only: 0xC4 is not a letter to the DNS (RFC 4343). */
	assert_memory_equal(wire, expected, sizeof(expected));
}

static const struct {
	const char *a, *b;
	bool equal, below;        /* a == b; a at or below b */
} relation_rows[] = {
	{"example.com.", "example.com.", true, true},
	{"Example.COM.", "example.com.", true, true},
	{"www.example.com.", "example.com.", false, true},
	{"a.b.www.example.com.", "example.com.", false, true},
	{"example.com.", "www.example.com.", false, false},
	{"wwwexample.com.", "example.com.", false, false},
	{"example.com.", "com.", false, true},
	{"example.com.", ".", false, true},
	{".", ".", true, true},
	{".", "com.", false, false},
	{"example.org.", "example.com.", false, false},
	{"example.com.", "example.com.org.", false, false},
	{"25.2.0.192.in-addr.arpa.", "2.0.192.in-addr.arpa.", false, true},
	{"25.2.0.192.in-addr.arpa.", "0/26.2.0.192.in-addr.arpa.", false, false},
};

static void test_equal_and_below(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(relation_rows); i++) {
		uint8_t a[256], b[256];
		wire_of(a, relation_rows[i].a);
		wire_of(b, relation_rows[i].b);
		if (dname_equal(a, b) != relation_rows[i].equal)
			fail_msg("dname_equal(%s, %s)", relation_rows[i].a, relation_rows[i].b);
		if (dname_is_at_or_below(a, b) != relation_rows[i].below)
			fail_msg("dname_is_at_or_below(%s, %s)", relation_rows[i].a,
				 relation_rows[i].b);
	}
	/* Equality ignores case even on names that were never lower-cased. */
	static const uint8_t upper[] = {3, 'W', 'W', 'W', 3, 'C', 'O', 'M', 0};
	static const uint8_t lower[] = {3, 'w', 'w', 'w', 3, 'c', 'o', 'm', 0};
	static const uint8_t other[] = {3, 'w', 'w', 'x', 3, 'c', 'o', 'm', 0};
	assert_true(dname_equal(upper, lower));
	assert_false(dname_equal(upper, other));
	assert_true(dname_is_at_or_below(upper, lower + 4));
}

static void test_canonical_order(void **state)
{
	(void)state;
	/* The example of RFC 4034 §6.1, in canonical order. */
	static const char *const sorted[] = {
		"example.",
		"a.example.",
		"yljkjljk.a.example.",
		"Z.a.example.",
		"zABC.a.EXAMPLE.",
		"z.example.",
		"\\001.z.example.",
		"*.z.example.",
		"\\200.z.example.",
	};
	for (size_t i = 0; i < ARRAY_LEN(sorted); i++) {
		uint8_t a[256];
		wire_of(a, sorted[i]);
		assert_int_equal(dname_canonical_compare(a, a), 0);
		for (size_t j = i + 1; j < ARRAY_LEN(sorted); j++) {
			uint8_t b[256];
			wire_of(b, sorted[j]);
			if (dname_canonical_compare(a, b) >= 0 ||
			    dname_canonical_compare(b, a) <= 0)
				fail_msg("%s should sort before %s", sorted[i], sorted[j]);
		}
	}

	/* Case does not count, and a label that is a prefix sorts first. */
	static const uint8_t upper[] = {3, 'W', 'W', 'W', 0};
	static const uint8_t lower[] = {3, 'w', 'w', 'w', 0};
	static const uint8_t longer[] = {4, 'w', 'w', 'w', 'a', 0};
	assert_int_equal(dname_canonical_compare(upper, lower), 0);
	assert_true(dname_canonical_compare(lower, longer) < 0);
	assert_true(dname_canonical_compare(longer, upper) > 0);
	static const uint8_t root[] = {0};
	assert_true(dname_canonical_compare(root, lower) < 0);
	assert_int_equal(dname_canonical_compare(root, root), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_from_text),
		cmocka_unit_test(test_from_text_relative_under_reverse),
		cmocka_unit_test(test_from_text_in_place),
		cmocka_unit_test(test_from_text_limits),
		cmocka_unit_test(test_to_text),
		cmocka_unit_test(test_round_trip_all_octets),
		cmocka_unit_test(test_worst_case_text),
		cmocka_unit_test(test_length),
		cmocka_unit_test(test_labels_and_parent),
		cmocka_unit_test(test_lower),
		cmocka_unit_test(test_equal_and_below),
		cmocka_unit_test(test_canonical_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
