/*
 * test_addr.c — tests for linter/addr.c: address text in and out (RFC 5952),
 * prefixes, public address space, and the reverse trees both ways,
 * RFC 2317 classless labels included.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "dname.h"
#include "util.h"

static void wire_of(uint8_t out[256], const char *text)
{
	size_t len = dname_from_text(out, text, NULL);
	if (!len)
		fail_msg("test name '%s' does not parse", text);
}

static struct ip_addr addr_of(const char *text)
{
	struct ip_addr a;
	if (!addr_parse(&a, text))
		fail_msg("test address '%s' does not parse", text);
	return a;
}

static void assert_addr_text(const struct ip_addr *a, const char *expected)
{
	char text[ADDR_TEXT_MAX];
	addr_format(text, a);
	assert_string_equal(text, expected);
}

static const struct {
	const char *input;
	const char *expected;     /* RFC 5952 text; NULL: must not parse */
} format_rows[] = {
	{"192.0.2.1", "192.0.2.1"},
	{"0.0.0.0", "0.0.0.0"},
	{"255.255.255.255", "255.255.255.255"},
	{"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"},       /* first run on ties */
	{"2001:db8::1", "2001:db8::1"},
	{"2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"},
	{"::1", "::1"},
	{"::", "::"},
	{"0:0:0:0:0:0:0:0", "::"},
	{"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"},    /* lone zero kept */
	{"2001:0:0:1:0:0:0:1", "2001:0:0:1::1"},             /* longest run wins */
	{"2001:db8:0:0:1:0:0:0", "2001:db8:0:0:1::"},
	{"1:0:0:0:0:0:0:0", "1::"},
	{"fe80:0:0:0:0:0:0:1", "fe80::1"},
	{"2001:DB8:AAAA:BBBB:CCCC:DDDD:EEEE:FFFF", "2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff"},
	{"::ffff:192.0.2.1", "::ffff:192.0.2.1"},           /* mapped keeps dots */
	{"::ffff:c000:201", "::ffff:192.0.2.1"},
	{"::1:2", "::1:2"},                                 /* not ::0.1.0.2 */
	{"::192.0.2.1", "::c000:201"},                      /* compatible: hex */
	{"", NULL},
	{"192.0.2", NULL},
	{"192.0.2.256", NULL},
	{"192.0.2.1.5", NULL},
	{"192.0.2.01", NULL},              /* leading zero: octal to some parsers */
	{"192.0.2.1 ", NULL},
	{"2001:db8::1::2", NULL},
	{"2001:db8:::1", NULL},
	{"fe80::1%eth0", NULL},
	{"1:2:3:4:5:6:7:8:9", NULL},
	{"example.com", NULL},
};

static void test_parse_format(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(format_rows); i++) {
		struct ip_addr a;
		bool ok = addr_parse(&a, format_rows[i].input);
		if (!format_rows[i].expected) {
			if (ok)
				fail_msg("'%s' parsed", format_rows[i].input);
			continue;
		}
		if (!ok)
			fail_msg("'%s' did not parse", format_rows[i].input);
		assert_int_equal(a.family, strchr(format_rows[i].input, ':') ? 6 : 4);
		assert_addr_text(&a, format_rows[i].expected);
	}
}

static void test_v4_bytes(void **state)
{
	(void)state;
	struct ip_addr a = addr_of("192.0.2.1");
	static const uint8_t expected[16] = {192, 0, 2, 1};
	assert_int_equal(a.family, 4);
	assert_memory_equal(a.bytes, expected, 16);
}

static const struct {
	const char *input;
	const char *expected;     /* prefix_format output, or NULL */
	unsigned len;
	const char *why;          /* when expected is NULL */
} prefix_rows[] = {
	{"192.0.2.0/24", "192.0.2.0/24", 24, NULL},
	{"192.0.2.1", "192.0.2.1", 32, NULL},
	{"192.0.2.1/32", "192.0.2.1", 32, NULL},
	{"0.0.0.0/0", "0.0.0.0/0", 0, NULL},
	{"10.0.0.0/8", "10.0.0.0/8", 8, NULL},
	{"192.0.2.64/26", "192.0.2.64/26", 26, NULL},
	{"2001:db8::/32", "2001:db8::/32", 32, NULL},
	{"2001:DB8:0:0::/64", "2001:db8::/64", 64, NULL},
	{"2001:db8::1", "2001:db8::1", 128, NULL},
	{"::/0", "::/0", 0, NULL},
	{"fe80::/10", "fe80::/10", 10, NULL},
	{"192.0.2.1/24", NULL, 0, "host bits set"},
	{"192.0.2.65/26", NULL, 0, "host bits set"},
	{"2001:db8::1/64", NULL, 0, "host bits set"},
	{"2001:db9::/31", NULL, 0, "host bits set"},
	{"192.0.2.0/33", NULL, 0, "prefix length is out of range"},
	{"2001:db8::/129", NULL, 0, "prefix length is out of range"},
	{"192.0.2.0/1000", NULL, 0, "prefix length is out of range"},
	{"192.0.2.0/024", NULL, 0, "leading zero in prefix length"},
	{"192.0.2.0/", NULL, 0, "prefix length is not a number"},
	{"192.0.2.0/2a", NULL, 0, "prefix length is not a number"},
	{"192.0.2.0/-1", NULL, 0, "prefix length is not a number"},
	{"192.0.2.0/24/24", NULL, 0, "prefix length is not a number"},
	{"banana/24", NULL, 0, "not an IP address or prefix"},
	{"/24", NULL, 0, "not an IP address or prefix"},
	{"", NULL, 0, "not an IP address or prefix"},
};

static void test_prefix_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(prefix_rows); i++) {
		struct ip_prefix p;
		const char *why = NULL;
		bool ok = prefix_parse(&p, prefix_rows[i].input, &why);
		if (!prefix_rows[i].expected) {
			if (ok)
				fail_msg("'%s' parsed", prefix_rows[i].input);
			assert_non_null(why);
			assert_string_equal(why, prefix_rows[i].why);
			continue;
		}
		if (!ok)
			fail_msg("'%s' did not parse: %s", prefix_rows[i].input, why);
		char text[ADDR_TEXT_MAX];
		prefix_format(text, &p);
		assert_string_equal(text, prefix_rows[i].expected);
		assert_int_equal(p.len, prefix_rows[i].len);
	}
}

static const struct {
	const char *prefix;
	const char *addr;
	bool expected;
} contains_rows[] = {
	{"192.0.2.0/24", "192.0.2.0", true},
	{"192.0.2.0/24", "192.0.2.255", true},
	{"192.0.2.0/24", "192.0.3.0", false},
	{"192.0.2.64/26", "192.0.2.127", true},
	{"192.0.2.64/26", "192.0.2.128", false},
	{"192.0.2.64/26", "192.0.2.63", false},
	{"0.0.0.0/0", "203.0.113.9", true},
	{"0.0.0.0/0", "2001:db8::1", false},          /* family differs */
	{"2001:db8::/32", "2001:db8:ffff::1", true},
	{"2001:db8::/32", "2001:db9::1", false},
	{"fe80::/10", "febf::1", true},
	{"fe80::/10", "fec0::1", false},
	{"2001:db8::1", "2001:db8::1", true},
	{"2001:db8::1", "2001:db8::2", false},
};

static void test_prefix_contains(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(contains_rows); i++) {
		struct ip_prefix p;
		const char *why;
		assert_true(prefix_parse(&p, contains_rows[i].prefix, &why));
		struct ip_addr a = addr_of(contains_rows[i].addr);
		if (prefix_contains(&p, &a) != contains_rows[i].expected)
			fail_msg("%s contains %s: expected %d", contains_rows[i].prefix,
				 contains_rows[i].addr, contains_rows[i].expected);
	}
}

static void test_addr_compare(void **state)
{
	(void)state;
	/* Already in order: IPv4 first, then by bytes. */
	static const char *const sorted[] = {
		"0.0.0.0", "9.255.255.255", "10.0.0.0", "192.0.2.1", "192.0.2.10",
		"255.255.255.255", "::", "::1", "::ffff:0.0.0.0", "2001:db8::1",
		"2001:db8::1:0", "fe80::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
	};
	for (size_t i = 0; i < ARRAY_LEN(sorted); i++) {
		struct ip_addr a = addr_of(sorted[i]);
		assert_int_equal(addr_compare(&a, &a), 0);
		for (size_t j = i + 1; j < ARRAY_LEN(sorted); j++) {
			struct ip_addr b = addr_of(sorted[j]);
			if (addr_compare(&a, &b) >= 0 || addr_compare(&b, &a) <= 0)
				fail_msg("%s should sort before %s", sorted[i], sorted[j]);
		}
	}
}

static const struct {
	const char *addr;
	bool expected;
} public_rows[] = {
	{"0.0.0.0", false},
	{"0.255.255.255", false},
	{"1.0.0.0", true},
	{"9.255.255.255", true},
	{"10.0.0.0", false},
	{"10.255.255.255", false},
	{"11.0.0.0", true},
	{"100.63.255.255", true},
	{"100.64.0.0", false},
	{"100.127.255.255", false},
	{"100.128.0.0", true},
	{"127.0.0.1", false},
	{"127.255.255.255", false},
	{"128.0.0.0", true},
	{"169.254.0.1", false},
	{"169.254.255.255", false},
	{"169.255.0.0", true},
	{"172.15.255.255", true},
	{"172.16.0.0", false},
	{"172.31.255.255", false},
	{"172.32.0.0", true},
	{"192.167.255.255", true},
	{"192.168.0.0", false},
	{"192.168.255.255", false},
	{"192.169.0.0", true},
	{"192.0.2.25", true},           /* documentation counts as public */
	{"198.51.100.1", true},
	{"203.0.113.200", true},
	{"8.8.8.8", true},
	{"::", false},
	{"::1", false},
	{"::2", true},
	{"fe80::1", false},
	{"febf:ffff::1", false},
	{"fec0::1", true},
	{"fc00::1", false},
	{"fd12:3456::1", false},
	{"fdef:ffc0:3dd7::1", false},
	{"fe00::1", true},
	{"fb00::1", true},
	{"2001:db8::1", true},          /* documentation counts as public */
	{"2a00:1450::1", true},
	{"::ffff:10.0.0.1", false},
	{"::ffff:192.168.1.1", false},
	{"::ffff:127.0.0.1", false},
	{"::ffff:100.64.0.1", false},
	{"::ffff:192.0.2.1", true},
};

static void test_addr_is_public(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(public_rows); i++) {
		struct ip_addr a = addr_of(public_rows[i].addr);
		if (addr_is_public(&a) != public_rows[i].expected)
			fail_msg("addr_is_public(%s) should be %d", public_rows[i].addr,
				 public_rows[i].expected);
	}
}

static const struct {
	const char *name;
	enum name_tree expected;
} tree_rows[] = {
	{".", TREE_FORWARD},
	{"arpa.", TREE_FORWARD},
	{"in-addr.arpa.", TREE_V4},
	{"IN-ADDR.ARPA.", TREE_V4},
	{"2.0.192.in-addr.arpa.", TREE_V4},
	{"mail.example.com.2.0.192.In-Addr.Arpa.", TREE_V4},
	{"ip6.arpa.", TREE_V6},
	{"8.b.d.0.1.0.0.2.IP6.ARPA.", TREE_V6},
	{"ip6.int.", TREE_FORWARD},
	{"in-addr.arpa.example.com.", TREE_FORWARD},
	{"xin-addr.arpa.", TREE_FORWARD},
	{"e164.arpa.", TREE_FORWARD},
	{"example.com.", TREE_FORWARD},
};

static void test_name_tree_of(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(tree_rows); i++) {
		uint8_t wire[256];
		wire_of(wire, tree_rows[i].name);
		if (name_tree_of(wire) != tree_rows[i].expected)
			fail_msg("name_tree_of(%s) should be %d", tree_rows[i].name,
				 tree_rows[i].expected);
	}
}

static const struct {
	const char *addr;
	const char *name;
} to_reverse_rows[] = {
	{"192.0.2.25", "25.2.0.192.in-addr.arpa."},
	{"0.0.0.0", "0.0.0.0.in-addr.arpa."},
	{"10.130.0.255", "255.0.130.10.in-addr.arpa."},
	{"2001:db8::1", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa."},
	{"fdef:ffc0:3dd7::abcd", "d.c.b.a.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.7.d.d.3.0.c.f.f.f.e.d.f.ip6.arpa."},
};

static void test_addr_to_reverse(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(to_reverse_rows); i++) {
		struct ip_addr a = addr_of(to_reverse_rows[i].addr);
		uint8_t wire[NAME_WIRE_MAX];
		size_t len = addr_to_reverse(wire, &a);
		assert_int_equal(len, dname_length(wire, sizeof(wire)));
		char text[NAME_TEXT_MAX];
		dname_to_text(text, wire);
		assert_string_equal(text, to_reverse_rows[i].name);

		/* And back again. */
		struct ip_addr back;
		const char *why = NULL;
		assert_int_equal(reverse_to_addr(wire, &back, &why), REVERSE_ADDRESS);
		assert_int_equal(addr_compare(&a, &back), 0);
	}
}

static const struct {
	const char *name;
	enum reverse_kind kind;
	const char *expected;     /* address text, or *why for REVERSE_INVALID */
} reverse_rows[] = {
	/* in-addr.arpa */
	{"25.2.0.192.in-addr.arpa.", REVERSE_ADDRESS, "192.0.2.25"},
	{"0.0.0.0.in-addr.arpa.", REVERSE_ADDRESS, "0.0.0.0"},
	{"255.255.255.255.in-addr.arpa.", REVERSE_ADDRESS, "255.255.255.255"},
	{"25.2.0.192.IN-ADDR.ARPA.", REVERSE_ADDRESS, "192.0.2.25"},
	{"2.0.192.in-addr.arpa.", REVERSE_PARTIAL, NULL},
	{"192.in-addr.arpa.", REVERSE_PARTIAL, NULL},
	{"in-addr.arpa.", REVERSE_PARTIAL, NULL},
	{"256.2.0.192.in-addr.arpa.", REVERSE_INVALID, "octet 256 is greater than 255"},
	{"25.2.0.999.in-addr.arpa.", REVERSE_INVALID, "octet 999 is greater than 255"},
	{"1234.2.0.192.in-addr.arpa.", REVERSE_INVALID, "octet 1234 is greater than 255"},
	{"01.2.0.192.in-addr.arpa.", REVERSE_INVALID, "leading zero in octet '01'"},
	{"25.02.0.192.in-addr.arpa.", REVERSE_INVALID, "leading zero in octet '02'"},
	{"00.2.0.192.in-addr.arpa.", REVERSE_INVALID, "leading zero in octet '00'"},
	{"abc.2.0.192.in-addr.arpa.", REVERSE_INVALID, "label 'abc' is not an octet"},
	{"ABC.2.0.192.in-addr.arpa.", REVERSE_INVALID, "label 'abc' is not an octet"},
	{"mail.2.0.192.in-addr.arpa.", REVERSE_INVALID, "label 'mail' is not an octet"},
	{"*.2.0.192.in-addr.arpa.", REVERSE_INVALID, "label '*' is not an octet"},
	{"1\\0322.2.0.192.in-addr.arpa.", REVERSE_INVALID, "label '1\\0322' is not an octet"},
	{"1.25.2.0.192.in-addr.arpa.", REVERSE_INVALID, "more than 4 octets"},
	{"mail.example.com.25.2.0.192.in-addr.arpa.", REVERSE_INVALID, "more than 4 octets"},
	/* RFC 2317 classless labels */
	{"25.0/26.2.0.192.in-addr.arpa.", REVERSE_ADDRESS, "192.0.2.25"},
	{"25.0-63.2.0.192.in-addr.arpa.", REVERSE_ADDRESS, "192.0.2.25"},
	{"65.64/26.2.0.192.in-addr.arpa.", REVERSE_ADDRESS, "192.0.2.65"},
	{"127.64-127.2.0.192.in-addr.arpa.", REVERSE_ADDRESS, "192.0.2.127"},
	{"0.0/24.2.0.192.in-addr.arpa.", REVERSE_ADDRESS, "192.0.2.0"},
	{"200.200/32.2.0.192.in-addr.arpa.", REVERSE_ADDRESS, "192.0.2.200"},
	{"0/26.2.0.192.in-addr.arpa.", REVERSE_PARTIAL, NULL},
	{"0-63.2.0.192.in-addr.arpa.", REVERSE_PARTIAL, NULL},
	{"64/26.2.0.192.in-addr.arpa.", REVERSE_PARTIAL, NULL},
	{"25.64/26.2.0.192.in-addr.arpa.", REVERSE_INVALID,
	 "octet 25 is outside the classless range 64-127"},
	{"64.0/26.2.0.192.in-addr.arpa.", REVERSE_INVALID,
	 "octet 64 is outside the classless range 0-63"},
	{"100.0-63.2.0.192.in-addr.arpa.", REVERSE_INVALID,
	 "octet 100 is outside the classless range 0-63"},
	/* "A-B" that is no range is the block A/B (SPEC §4) */
	{"70.64-26.2.0.192.in-addr.arpa.", REVERSE_ADDRESS, "192.0.2.70"},
	{"64-26.2.0.192.in-addr.arpa.", REVERSE_PARTIAL, NULL},
	{"127.0-25.2.0.192.in-addr.arpa.", REVERSE_ADDRESS, "192.0.2.127"},
	{"255.128-25.2.0.192.in-addr.arpa.", REVERSE_ADDRESS, "192.0.2.255"},
	{"63.64-26.2.0.192.in-addr.arpa.", REVERSE_INVALID,
	 "octet 63 is outside the classless range 64-127"},
	{"128.0-25.2.0.192.in-addr.arpa.", REVERSE_INVALID,
	 "octet 128 is outside the classless range 0-127"},
	{"64-0.2.0.192.in-addr.arpa.", REVERSE_INVALID,
	 "RFC 2317 label '64-0' is neither a range that is one CIDR block nor a block with "
	 "a prefix length of 24 to 32"},
	{"64-33.2.0.192.in-addr.arpa.", REVERSE_INVALID,
	 "RFC 2317 label '64-33' is neither a range that is one CIDR block nor a block with "
	 "a prefix length of 24 to 32"},
	{"0-64.2.0.192.in-addr.arpa.", REVERSE_INVALID,
	 "RFC 2317 label '0-64' is neither a range that is one CIDR block nor a block with "
	 "a prefix length of 24 to 32"},
	{"256-24.2.0.192.in-addr.arpa.", REVERSE_INVALID, "octet 256 is greater than 255"},
	{"0/33.2.0.192.in-addr.arpa.", REVERSE_INVALID, "prefix length in '0/33' is not 24 to 32"},
	{"0/16.2.0.192.in-addr.arpa.", REVERSE_INVALID, "prefix length in '0/16' is not 24 to 32"},
	{"256/26.2.0.192.in-addr.arpa.", REVERSE_INVALID, "octet 256 is greater than 255"},
	{"0-256.2.0.192.in-addr.arpa.", REVERSE_INVALID,
	 "RFC 2317 label '0-256' is neither a range that is one CIDR block nor a block with "
	 "a prefix length of 24 to 32"},
	{"00/26.2.0.192.in-addr.arpa.", REVERSE_INVALID, "leading zero in octet '00'"},
	{"0/26.0.192.in-addr.arpa.", REVERSE_INVALID, "misplaced RFC 2317 label '0/26'"},
	{"0/26.0/26.2.0.192.in-addr.arpa.", REVERSE_INVALID, "misplaced RFC 2317 label '0/26'"},
	{"1.25.0/26.2.0.192.in-addr.arpa.", REVERSE_INVALID, "more than 4 octets"},
	{"0--63.2.0.192.in-addr.arpa.", REVERSE_INVALID, "label '0--63' is not an octet"},
	/* ip6.arpa */
	{"1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.",
	 REVERSE_ADDRESS, "2001:db8::1"},
	{"1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.B.D.0.1.0.0.2.IP6.ARPA.",
	 REVERSE_ADDRESS, "2001:db8::1"},
	{"f.e.d.c.b.a.9.8.7.6.5.4.3.2.1.0.f.e.d.c.b.a.9.8.7.6.5.4.3.2.1.0.ip6.arpa.",
	 REVERSE_ADDRESS, "123:4567:89ab:cdef:123:4567:89ab:cdef"},
	{"8.b.d.0.1.0.0.2.ip6.arpa.", REVERSE_PARTIAL, NULL},
	{"ip6.arpa.", REVERSE_PARTIAL, NULL},
	{"7.d.d.3.0.c.f.f.f.e.d.f.ip6.arpa.", REVERSE_PARTIAL, NULL},
	{"0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.",
	 REVERSE_INVALID, "more than 32 nibbles"},
	{"10.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.",
	 REVERSE_INVALID, "label '10' is not one hex digit"},
	{"ab.8.b.d.0.1.0.0.2.ip6.arpa.", REVERSE_INVALID, "label 'ab' is not one hex digit"},
	{"g.8.b.d.0.1.0.0.2.ip6.arpa.", REVERSE_INVALID, "label 'g' is not one hex digit"},
	{"host.example.com.8.b.d.0.1.0.0.2.ip6.arpa.", REVERSE_INVALID,
	 "label 'com' is not one hex digit"},
	/* not reverse at all */
	{"example.com.", REVERSE_NOT, NULL},
	{"25.2.0.192.example.", REVERSE_NOT, NULL},
	{"arpa.", REVERSE_NOT, NULL},
	{".", REVERSE_NOT, NULL},
};

static void test_reverse_to_addr(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(reverse_rows); i++) {
		uint8_t wire[256];
		wire_of(wire, reverse_rows[i].name);
		struct ip_addr a;
		const char *why = NULL;
		enum reverse_kind kind = reverse_to_addr(wire, &a, &why);
		if (kind != reverse_rows[i].kind)
			fail_msg("%s: kind %d, expected %d (%s)", reverse_rows[i].name,
				 kind, reverse_rows[i].kind, why ? why : "");
		if (kind == REVERSE_ADDRESS)
			assert_addr_text(&a, reverse_rows[i].expected);
		if (kind == REVERSE_INVALID) {
			assert_non_null(why);
			assert_string_equal(why, reverse_rows[i].expected);
		}
	}
}

static void test_reverse_partial_addr(void **state)
{
	(void)state;
	/* A partial name still tells which network it is. */
	uint8_t wire[256];
	struct ip_addr a;
	const char *why;
	wire_of(wire, "2.0.192.in-addr.arpa.");
	assert_int_equal(reverse_to_addr(wire, &a, &why), REVERSE_PARTIAL);
	assert_int_equal(a.family, 4);
	assert_addr_text(&a, "192.0.2.0");
	wire_of(wire, "8.b.d.0.1.0.0.2.ip6.arpa.");
	assert_int_equal(reverse_to_addr(wire, &a, &why), REVERSE_PARTIAL);
	assert_int_equal(a.family, 6);
	assert_addr_text(&a, "2001:db8::");
	/* NULL out-parameters are allowed. */
	wire_of(wire, "256.2.0.192.in-addr.arpa.");
	assert_int_equal(reverse_to_addr(wire, NULL, NULL), REVERSE_INVALID);
}

static const struct {
	const char *name;
	const char *low;          /* NULL: not a valid reverse zone */
	const char *high;
} range_rows[] = {
	{"2.0.192.in-addr.arpa.", "192.0.2.0", "192.0.2.255"},
	{"2.0.192.IN-ADDR.ARPA.", "192.0.2.0", "192.0.2.255"},
	{"192.in-addr.arpa.", "192.0.0.0", "192.255.255.255"},
	{"130.10.in-addr.arpa.", "10.130.0.0", "10.130.255.255"},
	{"in-addr.arpa.", "0.0.0.0", "255.255.255.255"},
	{"0/26.2.0.192.in-addr.arpa.", "192.0.2.0", "192.0.2.63"},
	{"64/26.2.0.192.in-addr.arpa.", "192.0.2.64", "192.0.2.127"},
	{"64-127.2.0.192.in-addr.arpa.", "192.0.2.64", "192.0.2.127"},
	{"0-63.2.0.192.in-addr.arpa.", "192.0.2.0", "192.0.2.63"},
	{"128/25.2.0.192.in-addr.arpa.", "192.0.2.128", "192.0.2.255"},
	{"200/25.2.0.192.in-addr.arpa.", "192.0.2.200", "192.0.2.255"},  /* unaligned: capped */
	{"25.2.0.192.in-addr.arpa.", "192.0.2.25", "192.0.2.25"},
	{"25.0/26.2.0.192.in-addr.arpa.", "192.0.2.25", "192.0.2.25"},
	{"8.b.d.0.1.0.0.2.ip6.arpa.", "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"},
	{"7.d.d.3.0.c.f.f.f.e.d.f.ip6.arpa.", "fdef:ffc0:3dd7::",
	 "fdef:ffc0:3dd7:ffff:ffff:ffff:ffff:ffff"},
	{"d.b.8.0.1.0.0.2.ip6.arpa.", "2001:8bd::", "2001:8bd:ffff:ffff:ffff:ffff:ffff:ffff"},
	{"8.b.d.0.1.0.0.2.ip6.arpa.", "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"},
	{"b.d.0.1.0.0.2.ip6.arpa.", "2001:db0::", "2001:dbf:ffff:ffff:ffff:ffff:ffff:ffff"},
	{"2.ip6.arpa.", "2000::", "2fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"},
	{"ip6.arpa.", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"},
	{"1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.",
	 "2001:db8::1", "2001:db8::1"},
	{"256.0.192.in-addr.arpa.", NULL, NULL},
	{"02.0.192.in-addr.arpa.", NULL, NULL},
	{"1.2.3.4.5.in-addr.arpa.", NULL, NULL},
	{"ab.8.b.d.0.1.0.0.2.ip6.arpa.", NULL, NULL},
	{"64-0.2.0.192.in-addr.arpa.", NULL, NULL},
	{"64-26.113.0.203.in-addr.arpa.", "203.0.113.64", "203.0.113.127"},
	{"0-25.2.0.192.in-addr.arpa.", "192.0.2.0", "192.0.2.127"},
	{"128-25.2.0.192.in-addr.arpa.", "192.0.2.128", "192.0.2.255"},
	{"0-0.2.0.192.in-addr.arpa.", "192.0.2.0", "192.0.2.0"},
	{"0-64.2.0.192.in-addr.arpa.", NULL, NULL},
	{"example.com.", NULL, NULL},
};

static void test_reverse_zone_range(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(range_rows); i++) {
		uint8_t wire[256];
		wire_of(wire, range_rows[i].name);
		struct ip_addr low, high;
		bool ok = reverse_zone_range(wire, &low, &high);
		if (ok != (range_rows[i].low != NULL))
			fail_msg("reverse_zone_range(%s) returned %d", range_rows[i].name, ok);
		if (!ok)
			continue;
		assert_addr_text(&low, range_rows[i].low);
		assert_addr_text(&high, range_rows[i].high);
	}
}

/* SPEC §4: "A-B" is a range when A <= B and A..B is one CIDR block,
 * else the block A/B; "A/B" is always the block. */
static const struct {
	const char *label;
	bool valid;
	unsigned low, high;
} classless_rows[] = {
	{"0-63", true, 0, 63},
	{"64-127", true, 64, 127},
	{"0-255", true, 0, 255},
	{"0-0", true, 0, 0},           /* a block of one address */
	{"200-200", true, 200, 200},
	{"24-25", true, 24, 25},       /* aligned pair: a range, not 24/25 */
	{"0-31", true, 0, 31},         /* a range, not the block 0/31 */
	{"64-26", true, 64, 127},      /* 64 > 26: the block 64/26 */
	{"0-25", true, 0, 127},        /* 0..25 is no CIDR block: 0/25 */
	{"128-25", true, 128, 255},
	{"0-24", true, 0, 255},        /* 0..24 is 25 addresses: 0/24 */
	{"25-26", true, 25, 88},       /* no range: the block 25/26, started loosely */
	{"64/26", true, 64, 127},
	{"128/25", true, 128, 255},
	{"200/25", true, 200, 255},    /* unaligned block: capped at the /24 */
	{"7/32", true, 7, 7},
	{"0-64", false, 0, 0},         /* 65 addresses, and no prefix length 64 */
	{"64-0", false, 0, 0},         /* backwards, and prefix length 0 */
	{"64-33", false, 0, 0},        /* backwards, and prefix length 33 */
	{"64-23", false, 0, 0},
	{"256-24", false, 0, 0},
	{"0-256", false, 0, 0},
	{"0/33", false, 0, 0},
	{"0/023", false, 0, 0},
	{"01-63", false, 0, 0},
	{"0--63", false, 0, 0},
	{"-63", false, 0, 0},
	{"0-", false, 0, 0},
	{"0/26a", false, 0, 0},
	{"63", false, 0, 0},           /* an octet, not a classless label */
	{"ns1", false, 0, 0},
};

static void test_classless_label(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(classless_rows); i++) {
		uint8_t label[64];
		size_t len = strlen(classless_rows[i].label);
		label[0] = (uint8_t)len;
		memcpy(label + 1, classless_rows[i].label, len);
		unsigned low = 999, high = 999;
		bool valid = classless_label(label, &low, &high);
		if (valid != classless_rows[i].valid)
			fail_msg("%s: valid %d, expected %d", classless_rows[i].label, valid,
				 classless_rows[i].valid);
		if (!valid)
			continue;
		if (low != classless_rows[i].low || high != classless_rows[i].high)
			fail_msg("%s: %u-%u, expected %u-%u", classless_rows[i].label, low, high,
				 classless_rows[i].low, classless_rows[i].high);
		/* NULL out-parameters are allowed */
		assert_true(classless_label(label, NULL, NULL));
	}
}

static const struct {
	const char *low, *high, *addr;
	bool expected;
} range_contains_rows[] = {
	{"192.0.2.0", "192.0.2.63", "192.0.2.0", true},
	{"192.0.2.0", "192.0.2.63", "192.0.2.63", true},
	{"192.0.2.0", "192.0.2.63", "192.0.2.64", false},
	{"192.0.2.64", "192.0.2.127", "192.0.2.63", false},
	{"192.0.2.0", "192.0.2.255", "2001:db8::1", false},
	{"2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8:1::1", true},
	{"2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db9::", false},
	{"::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "192.0.2.1", false},
};

static void test_range_contains(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(range_contains_rows); i++) {
		struct ip_addr low = addr_of(range_contains_rows[i].low);
		struct ip_addr high = addr_of(range_contains_rows[i].high);
		struct ip_addr a = addr_of(range_contains_rows[i].addr);
		if (range_contains(&low, &high, &a) != range_contains_rows[i].expected)
			fail_msg("%s..%s contains %s: expected %d", range_contains_rows[i].low,
				 range_contains_rows[i].high, range_contains_rows[i].addr,
				 range_contains_rows[i].expected);
	}
}

/* Every zone range contains the addresses its own names stand for. */
static void test_range_agrees_with_names(void **state)
{
	(void)state;
	static const struct {
		const char *zone, *owner;
	} rows[] = {
		{"0/26.2.0.192.in-addr.arpa.", "63.0/26.2.0.192.in-addr.arpa."},
		{"64-127.2.0.192.in-addr.arpa.", "64.64-127.2.0.192.in-addr.arpa."},
		{"130.10.in-addr.arpa.", "7.3.130.10.in-addr.arpa."},
		{"7.d.d.3.0.c.f.f.f.e.d.f.ip6.arpa.",
		 "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.7.d.d.3.0.c.f.f.f.e.d.f.ip6.arpa."},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		uint8_t zone[256], owner[256];
		struct ip_addr low, high, a;
		const char *why;
		wire_of(zone, rows[i].zone);
		wire_of(owner, rows[i].owner);
		assert_true(reverse_zone_range(zone, &low, &high));
		assert_int_equal(reverse_to_addr(owner, &a, &why), REVERSE_ADDRESS);
		assert_true(range_contains(&low, &high, &a));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_format),
		cmocka_unit_test(test_v4_bytes),
		cmocka_unit_test(test_prefix_parse),
		cmocka_unit_test(test_prefix_contains),
		cmocka_unit_test(test_addr_compare),
		cmocka_unit_test(test_addr_is_public),
		cmocka_unit_test(test_name_tree_of),
		cmocka_unit_test(test_addr_to_reverse),
		cmocka_unit_test(test_reverse_to_addr),
		cmocka_unit_test(test_reverse_partial_addr),
		cmocka_unit_test(test_reverse_zone_range),
		cmocka_unit_test(test_classless_label),
		cmocka_unit_test(test_range_contains),
		cmocka_unit_test(test_range_agrees_with_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
