/*
 * test_tlds.c — tests for linter/tlds.c and the table tools/gen-tlds.sh
 * generates from data/iana-tlds.txt.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "tlds.h"
#include "util.h"

/* The generated table itself, to check what the script promises. */
extern const char *const tld_data[];
extern const size_t tld_data_count;

static const struct {
	const char *label;
	bool expected;
} lookup_rows[] = {
	{"com", true},
	{"COM", true},
	{"Com", true},
	{"de", true},
	{"arpa", true},
	{"aaa", true},              /* first in the file */
	{"zw", true},               /* last in the file */
	{"xn--p1ai", true},         /* IDN, upper case in IANA's file */
	{"XN--P1AI", true},
	{"example", true},          /* RFC 2606, not in IANA's list */
	{"EXAMPLE", true},
	{"test", true},
	{"ffhl", false},            /* made-up TLDs from zone repositories */
	{"corpnet", false},
	{"local", false},
	{"localhost", false},
	{"invalid", false},
	{"co", true},
	{"comm", false},
	{"c", false},
	{"", false},
	{"aa", false},              /* sorts before the first entry */
	{"zzzz", false},            /* sorts after the last entry */
};

static void test_lookup(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(lookup_rows); i++) {
		const char *l = lookup_rows[i].label;
		if (tld_is_delegated(l, strlen(l)) != lookup_rows[i].expected)
			fail_msg("tld_is_delegated(%s) should be %d", l, lookup_rows[i].expected);
	}
}

static void test_length_is_respected(void **state)
{
	(void)state;
	/* The label is (pointer, length), not a C string: "com" out of
	 * "company" and "example" out of a longer name. */
	assert_true(tld_is_delegated("company", 3));
	assert_true(tld_is_delegated("company", 7));
	assert_false(tld_is_delegated("compan", 6));
	assert_true(tld_is_delegated("example.com", 7));
	assert_false(tld_is_delegated("com\0x", 5));
	assert_false(tld_is_delegated(NULL, 0));

	char long_label[80];
	memset(long_label, 'a', sizeof(long_label));
	assert_false(tld_is_delegated(long_label, sizeof(long_label)));
}

static void test_version(void **state)
{
	(void)state;
	assert_string_equal(tld_list_version(), "2024110800");
}

static void test_table(void **state)
{
	(void)state;
	/* 1447 lines in the file, less its two comment lines. */
	assert_int_equal(tld_data_count, 1445);
	for (size_t i = 0; i < tld_data_count; i++) {
		for (const char *c = tld_data[i]; *c; c++)
			if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-'))
				fail_msg("entry '%s' is not lower-case LDH", tld_data[i]);
		if (i && strcmp(tld_data[i - 1], tld_data[i]) >= 0)
			fail_msg("'%s' and '%s' out of order", tld_data[i - 1], tld_data[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_length_is_respected),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
