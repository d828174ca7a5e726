/*
 * test_spf.c — tests for linter/spf.c, the one SPF reader: which texts are
 * SPF records, how each term of RFC 7208's grammar (§4.6.1, §5, §6, §7.1,
 * §12) reads, the networks of ip4:/ip6: terms, and why a term cannot be
 * read. Valid rows come from RFC 7208's own examples (§A) and common
 * records; unreadable ones from mistakes seen in real zones.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "spf.h"
#include "util.h"

static void test_version(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		bool is_spf;
	} rows[] = {
		{"v=spf1", true},
		{"v=spf1 -all", true},
		{"V=SPF1 -all", true},
		{"v=spf10 -all", false},      /* the version ends at a space */
		{"v=spf2 -all", false},
		{"spf2.0/pra -all", false},
		{"google-site-verification=abc", false},
		{"", false},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct spf_reader reader;
		bool is_spf = spf_open_text(&reader, rows[i].text);
		if (is_spf != rows[i].is_spf)
			fail_msg("'%s': is_spf %d, expected %d", rows[i].text, is_spf, rows[i].is_spf);
		if (is_spf)
			spf_close(&reader);
	}
}

/* One term in a record of its own: its kind, qualifier, and the network
 * (ip terms) or a word the reason must hold (unreadable terms). */
static const struct {
	const char *term;
	enum spf_term_kind kind;
	char qualifier;
	const char *detail;           /* SPF_IP: prefix text; SPF_UNREADABLE: part of why */
} term_rows[] = {
	/* mechanisms that read (RFC 7208 §5 and appendix A) */
	{"all", SPF_OTHER, '+', NULL},
	{"-all", SPF_OTHER, '-', NULL},
	{"~ALL", SPF_OTHER, '~', NULL},
	{"?all", SPF_OTHER, '?', NULL},
	{"include:_spf.example.com", SPF_OTHER, '+', NULL},
	{"include:example.com.", SPF_OTHER, '+', NULL},
	{"a", SPF_OTHER, '+', NULL},
	{"a/24", SPF_OTHER, '+', NULL},
	{"a//64", SPF_OTHER, '+', NULL},
	{"a/24//64", SPF_OTHER, '+', NULL},
	{"a:offsite.example.com", SPF_OTHER, '+', NULL},
	{"a:mail.example.com/28//96", SPF_OTHER, '+', NULL},
	{"mx", SPF_OTHER, '+', NULL},
	{"mx/30", SPF_OTHER, '+', NULL},
	{"mx:example.org", SPF_OTHER, '+', NULL},
	{"ptr", SPF_OTHER, '+', NULL},
	{"ptr:example.org", SPF_OTHER, '+', NULL},
	{"exists:%{ir}.%{l1r+-}._spf.%{d}", SPF_OTHER, '+', NULL},
	{"exists:%{i}._spf.%{d}", SPF_OTHER, '+', NULL},
	{"include:%{d}", SPF_OTHER, '+', NULL},
	{"a:%{d}.example.com", SPF_OTHER, '+', NULL},
	{"a:xn--bcher-kva.example", SPF_OTHER, '+', NULL},
	{"a:123-456.example", SPF_OTHER, '+', NULL},   /* a toplabel may be digits with a hyphen */
	{"A:Mail.Example.COM", SPF_OTHER, '+', NULL},
	/* modifiers */
	{"redirect=_spf.example.com", SPF_OTHER, 0, NULL},
	{"exp=explain._spf.%{d}", SPF_OTHER, 0, NULL},
	{"foo=bar", SPF_OTHER, 0, NULL},
	{"ra=postmaster", SPF_OTHER, 0, NULL},
	{"x-custom.mod_1=%{s}", SPF_OTHER, 0, NULL},
	{"v=spf1", SPF_OTHER, 0, NULL},             /* an unknown modifier to the grammar */
	/* ip4/ip6: the network, host bits cleared (§5.6) */
	{"ip4:192.0.2.25", SPF_IP, '+', "192.0.2.25"},
	{"+ip4:192.0.2.25/32", SPF_IP, '+', "192.0.2.25"},
	{"-ip4:192.0.2.0/24", SPF_IP, '-', "192.0.2.0/24"},
	{"ip4:192.0.2.130/25", SPF_IP, '+', "192.0.2.128/25"},
	{"ip4:198.51.100.7/0", SPF_IP, '+', "0.0.0.0/0"},
	{"IP4:192.0.2.1", SPF_IP, '+', "192.0.2.1"},
	{"ip6:2001:db8::25", SPF_IP, '+', "2001:db8::25"},
	{"ip6:2001:db8::1/64", SPF_IP, '+', "2001:db8::/64"},
	{"~ip6:2001:db8::/32", SPF_IP, '~', "2001:db8::/32"},
	{"ip6:::ffff:192.0.2.1", SPF_IP, '+', "::ffff:192.0.2.1"},
	/* what cannot be read */
	{"ip4:198.51.100.300", SPF_UNREADABLE, '+', "not an IPv4 address"},
	{"ip4:192.0.2", SPF_UNREADABLE, '+', "not an IPv4 address"},
	{"ip4:192.0.2.010", SPF_UNREADABLE, '+', "not an IPv4 address"},
	{"ip4:192.0.2.0/33", SPF_UNREADABLE, '+', "past 32"},
	{"ip4:192.0.2.0/024", SPF_UNREADABLE, '+', "leading zero"},
	{"ip4:192.0.2.0/", SPF_UNREADABLE, '+', "without a prefix length"},
	{"ip4:192.0.2.0/x", SPF_UNREADABLE, '+', "not a number"},
	{"ip4:2001:db8::1", SPF_UNREADABLE, '+', "write ip6:"},
	{"ip4", SPF_UNREADABLE, '+', "takes ':'"},
	{"ip4:", SPF_UNREADABLE, '+', "takes ':'"},
	{"ip6:2001:db8::/129", SPF_UNREADABLE, '+', "past 128"},
	{"ip6:2001:db8:::1", SPF_UNREADABLE, '+', "not an IPv6 address"},
	{"ip6:192.0.2.1", SPF_UNREADABLE, '+', "write ip4:"},
	{"ipv4:192.0.2.1", SPF_UNREADABLE, '+', "no SPF mechanism"},
	{"ip:192.0.2.1", SPF_UNREADABLE, '+', "no SPF mechanism"},
	{"spf2.0/pra", SPF_UNREADABLE, '+', "no SPF mechanism"},
	{"+", SPF_UNREADABLE, '+', "without a mechanism"},
	{"all:example.com", SPF_UNREADABLE, '+', "no argument"},
	{"include", SPF_UNREADABLE, '+', "takes ':'"},
	{"include:", SPF_UNREADABLE, '+', "names no domain"},
	{"include:_spf", SPF_UNREADABLE, '+', "top-level label"},
	{"include:example.123", SPF_UNREADABLE, '+', "top-level label"},
	{"include:example.-com", SPF_UNREADABLE, '+', "top-level label"},
	{"a:192.0.2.1", SPF_UNREADABLE, '+', "write ip4:192.0.2.1"},
	{"a:mail", SPF_UNREADABLE, '+', "top-level label"},
	{"a/33", SPF_UNREADABLE, '+', "past 32"},
	{"mx//129", SPF_UNREADABLE, '+', "past 128"},
	{"mx24", SPF_UNREADABLE, '+', "no SPF mechanism"},
	{"exists:%{x}.example.com", SPF_UNREADABLE, '+', "macro letter"},
	{"exists:%{i.example.com", SPF_UNREADABLE, '+', "not closed"},
	{"exists:100%.example.com", SPF_UNREADABLE, '+', "must begin a macro"},
	{"redirect=", SPF_UNREADABLE, 0, "names no domain"},
	{"redirect=_spf", SPF_UNREADABLE, 0, "top-level label"},
	{"+redirect=_spf.example.com", SPF_UNREADABLE, '+', "takes no qualifier"},
	{"1foo=bar", SPF_UNREADABLE, '+', "modifier name"},
	{"foo=50%", SPF_UNREADABLE, 0, "must begin a macro"},
};

static void test_terms(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(term_rows); i++) {
		char text[256];
		snprintf(text, sizeof(text), "v=spf1 %s", term_rows[i].term);
		struct spf_reader reader;
		assert_true(spf_open_text(&reader, text));
		struct spf_term term;
		if (!spf_next(&reader, &term))
			fail_msg("'%s': no term", term_rows[i].term);
		if (term.kind != term_rows[i].kind)
			fail_msg("'%s': kind %d, expected %d (why: %s)", term_rows[i].term, term.kind,
				 term_rows[i].kind, term.why ? term.why : "-");
		if (term.qualifier != term_rows[i].qualifier)
			fail_msg("'%s': qualifier '%c', expected '%c'", term_rows[i].term,
				 term.qualifier ? term.qualifier : '0',
				 term_rows[i].qualifier ? term_rows[i].qualifier : '0');
		assert_string_equal(term.text, term_rows[i].term);
		if (term.kind == SPF_IP) {
			char prefix[ADDR_TEXT_MAX];
			prefix_format(prefix, &term.prefix);
			if (strcmp(prefix, term_rows[i].detail))
				fail_msg("'%s': network %s, expected %s", term_rows[i].term, prefix,
					 term_rows[i].detail);
		}
		if (term.kind == SPF_UNREADABLE && !strstr(term.why, term_rows[i].detail))
			fail_msg("'%s': why '%s' lacks '%s'", term_rows[i].term, term.why,
				 term_rows[i].detail);
		assert_false(spf_next(&reader, &term));
		spf_close(&reader);
	}
}

/* A whole record: terms come in order, spaces repeat, a second redirect=
 * or exp= is an error (§6) while the first is not. */
static void test_record(void **state)
{
	(void)state;
	struct spf_reader reader;
	assert_true(spf_open_text(&reader, "v=spf1  ip4:192.0.2.25   redirect=a.example "
					   "exp=e.example redirect=b.example exp=f.example -all  "));
	static const struct {
		const char *text;
		enum spf_term_kind kind;
	} expected[] = {
		{"ip4:192.0.2.25", SPF_IP},
		{"redirect=a.example", SPF_OTHER},
		{"exp=e.example", SPF_OTHER},
		{"redirect=b.example", SPF_UNREADABLE},
		{"exp=f.example", SPF_UNREADABLE},
		{"-all", SPF_OTHER},
	};
	struct spf_term term;
	for (size_t i = 0; i < ARRAY_LEN(expected); i++) {
		assert_true(spf_next(&reader, &term));
		assert_string_equal(term.text, expected[i].text);
		assert_int_equal(term.kind, expected[i].kind);
	}
	assert_false(spf_next(&reader, &term));
	assert_false(spf_next(&reader, &term));
	spf_close(&reader);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_record),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
