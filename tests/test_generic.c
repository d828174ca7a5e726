/*
 * test_generic.c — tests for rules/mail_ptr_generic.c: the host part, the
 * token splitter and the address and word matchers. The rule's helpers are
 * static, so this file includes the rule's source; it is meant to link
 * with every other object but build/obj/rules/mail_ptr_generic.o.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

/* The Makefile links this test without the rule's own object. */
#include "../rules/mail_ptr_generic.c"

/* The rule's default word list, as config.c would hand it over. */
static struct option_value default_words;

static int setup(void **state)
{
	(void)state;
	char *copy = xstrdup(options[0].default_value);
	for (char *save = NULL, *w = strtok_r(copy, "\n", &save); w;
	     w = strtok_r(NULL, "\n", &save)) {
		default_words.words = xrealloc(default_words.words,
					       (default_words.count + 1) * sizeof(char *));
		default_words.words[default_words.count++] = xstrdup(w);
	}
	free(copy);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < default_words.count; i++)
		free(default_words.words[i]);
	free(default_words.words);
	memset(&default_words, 0, sizeof(default_words));
	return 0;
}

static const struct {
	const char *ptr;
	const char *address;
	bool generic;
} rows[] = {
	/* the address in the host part, each common spelling */
	{"192.0.2.40.example.net.", "192.0.2.40", true},          /* dotted labels */
	{"192-0-2-40.example.net.", "192.0.2.40", true},          /* dashed */
	{"40-2-0-192.example.net.", "192.0.2.40", true},          /* reversed */
	{"40.2.0.192.example.net.", "192.0.2.40", true},
	{"x192-0-2-40.example.net.", "192.0.2.40", true},         /* letters around it */
	{"mta192_000_002_040.example.net.", "192.0.2.40", true},  /* padded, underscores */
	{"192000002040.example.net.", "192.0.2.40", true},        /* zero-padded */
	{"040002000192.example.net.", "192.0.2.40", true},        /* zero-padded, reversed */
	{"h1920240.example.net.", "192.0.2.40", true},            /* concatenated */
	{"c0000228.example.net.", "192.0.2.40", true},            /* hex */
	{"ipc0000228.example.net.", "192.0.2.40", true},
	{"3221226024.example.net.", "192.0.2.40", true},          /* one decimal number */
	{"dsl.static851056487.example.com.tr.", "85.105.64.87", true},
	{"static851056487.example.com.tr.", "85.105.64.87", true},
	{"c-198-51-100-7.hsd1.example.net.", "198.51.100.7", true},
	/* the address elsewhere, or only partly, is no evidence */
	{"192-0-2-41.example.net.", "192.0.2.40", false},         /* another address */
	{"0-2-40.example.net.", "192.0.2.40", false},             /* three octets */
	{"mail.192-0-2-40.example.", "192.0.2.40", false},        /* in the registered domain */
	{"mail.example.com.", "192.0.2.40", false},
	{"mx1.example.com.", "192.0.2.25", false},
	{"smtp2.example.org.", "203.0.113.2", false},
	{"mail.example.co.uk.", "192.0.2.25", false},
	/* words, as whole tokens of the host part */
	{"dsl-85-105.example.net.", "192.0.2.40", true},
	{"pool-7.example.net.", "192.0.2.40", true},
	{"dynamic.example.net.", "192.0.2.40", true},
	{"customer.example.co.uk.", "192.0.2.40", true},
	{"ppp12.example.net.", "192.0.2.40", true},
	{"host-1.example.net.", "192.0.2.40", true},
	{"unassigned.example.org.", "192.0.2.40", true},
	{"poolcounter2003.example.org.", "192.0.2.40", false},    /* "pool" is not a token */
	{"riptide.example.org.", "192.0.2.40", false},            /* "ip" is not a token */
	{"clients.example.org.", "192.0.2.40", false},
	{"dslam1.example.net.", "192.0.2.40", false},
	{"hostmaster.example.net.", "192.0.2.40", false},
	{"mail.dsl.example.net.", "192.0.2.40", true},            /* "dsl" in the host part */
	{"mail.dyn.example.com.", "192.0.2.40", true},
	{"mail.dyn.example.com.tr.", "192.0.2.40", true},
	{"mail.static.example.net.", "192.0.2.40", true},
	/* a word in the registered domain is not in the host part */
	{"mail.dsl.example.", "192.0.2.40", false},
	{"mail.example-dsl.net.", "192.0.2.40", false},
	{"mx.dynamic.com.", "192.0.2.40", false},
	{"mx.pool.co.uk.", "192.0.2.40", false},
	{"dsl.example.", "192.0.2.40", false},                     /* no host part at all */
	/* IPv6: groups, compressed groups, last groups, nibbles, hex */
	{"2001-db8--25.example.net.", "2001:db8::25", true},
	{"2001-db8-0-0-0-0-0-25.example.net.", "2001:db8::25", true},
	{"2001-0db8-0000-0000-0000-0000-0000-0025.example.net.", "2001:db8::25", true},
	{"v6-0-0-0-25.example.net.", "2001:db8::25", true},
	{"5.2.0.0.example.net.", "2001:db8::25", true},           /* ip6.arpa order */
	{"0.0.2.5.example.net.", "2001:db8::25", true},
	{"x20010db8000000000000000000000025.example.net.", "2001:db8::25", true},
	{"cust-00000025.example.net.", "2001:db8::25", true},
	{"a-b-c-d.example.net.", "2001:db8::a:b:c:d", true},
	{"mail.example.com.", "2001:db8::25", false},
	{"mail6.example.com.", "2001:db8::25", false},
	{"2001-db8--26.example.net.", "2001:db8::25", false},
	{"25.example.net.", "2001:db8::25", false},
	{"ip6-2001-db8-1.example.net.", "2001:db8::25", true},    /* word "ip" */
};

static void test_rows(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		uint8_t wire[256];
		struct ip_addr addr;
		assert_true(dname_from_text(wire, rows[i].ptr, NULL) > 0);
		assert_true(addr_parse(&addr, rows[i].address));
		struct host_part host;
		struct generic_why why;
		bool got = ptr_looks_generic(NULL, wire, &addr, &default_words, &host, &why);
		if (got != rows[i].generic)
			fail_msg("%s for %s: expected %s, got %s (host part '%s', spelled '%s', "
				 "word %s)", rows[i].ptr, rows[i].address,
				 rows[i].generic ? "generic" : "not generic",
				 got ? "generic" : "not generic", host.text, why.spelled,
				 why.word ? why.word : "-");
	}
}

static void test_tokens(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		const char *tokens;    /* joined with '|' */
	} cases[] = {
		{"dsl.static851056487", "dsl|static|851056487"},
		{"dsl-85-105", "dsl|85|105"},
		{"poolcounter2003", "poolcounter|2003"},
		{"ip6_2001--db8", "ip|6|2001|db|8"},
		{"a", "a"},
		{"", ""},
		{"--..__", ""},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct tokens tk;
		const char *text = cases[i].text;
		tokenize(text, strlen(text), &tk);
		char joined[256] = "";
		for (size_t k = 0; k < tk.n; k++) {
			if (k)
				strcat(joined, "|");
			strncat(joined, text + tk.t[k].start, tk.t[k].len);
		}
		assert_string_equal(joined, cases[i].tokens);
	}
}

static void test_host_part(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		const char *host;      /* NULL: none */
		const char *domain;
	} cases[] = {
		{"a.b.example.com.", "a.b", "example.com."},
		{"dsl.static851056487.example.com.tr.", "dsl.static851056487", "example.com.tr."},
		{"mail.example.co.uk.", "mail", "example.co.uk."},
		{"mail.example.uk.", "mail", "example.uk."},     /* 2-letter TLD, other second level */
		{"mail.co.example.", "mail", "co.example."},     /* "co" under a long TLD */
		{"example.com.", NULL, "example.com."},
		{"example.co.uk.", NULL, "example.co.uk."},
		{"localhost.", NULL, "localhost."},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		uint8_t wire[256];
		assert_true(dname_from_text(wire, cases[i].name, NULL) > 0);
		struct host_part host;
		const uint8_t *domain;
		bool any = host_part_of(&host, NULL, wire, &domain);
		assert_int_equal(any, cases[i].host != NULL);
		if (any) {
			assert_string_equal(host.text, cases[i].host);
			char text[NAME_TEXT_MAX];
			dname_to_text(text, domain);
			assert_string_equal(text, cases[i].domain);
		}
	}
}

/* The words come from the rule's option, so a replaced list takes effect. */
static void test_configured_words(void **state)
{
	(void)state;
	char *list[] = {"relay", "ip6"};
	struct option_value words = {.count = 2, .words = list};
	uint8_t wire[256];
	struct ip_addr addr;
	struct host_part host;
	struct generic_why why;
	assert_true(addr_parse(&addr, "192.0.2.40"));
	assert_true(dname_from_text(wire, "relay-3.example.net.", NULL));
	assert_true(ptr_looks_generic(NULL, wire, &addr, &words, &host, &why));
	assert_string_equal(why.word, "relay");
	assert_true(dname_from_text(wire, "dsl-3.example.net.", NULL));
	assert_false(ptr_looks_generic(NULL, wire, &addr, &words, &host, &why));
	assert_true(dname_from_text(wire, "x.ip6.example.net.", NULL));
	assert_true(ptr_looks_generic(NULL, wire, &addr, &words, &host, &why));
	assert_true(dname_from_text(wire, "x.ip66.example.net.", NULL));
	assert_false(ptr_looks_generic(NULL, wire, &addr, &words, &host, &why));
	/* what the message quotes */
	assert_true(dname_from_text(wire, "192-0-2-40.dsl.example.net.", NULL));
	assert_true(ptr_looks_generic(NULL, wire, &addr, &default_words, &host, &why));
	assert_string_equal(host.text, "192-0-2-40.dsl");
	assert_string_equal(why.spelled, "192-0-2-40");
	assert_string_equal(why.word, "dsl");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_host_part),
		cmocka_unit_test(test_configured_words),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
