/*
 * test_strict.c — strict.c's field checker alone: BIND's TTL syntax and
 * range, each kind of numeric field at and past its edge, mnemonics left
 * to ldns, RFC 3597 rdata untouched, TXT string and rdata lengths.
 */
#include "helpers.h"

#include "strict.h"

static void test_ttl(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		enum strict_ttl result;
		uint32_t value;
	} rows[] = {
		{"0", STRICT_TTL_OK, 0},
		{"4294967295", STRICT_TTL_OK, 4294967295u},
		{"4294967296", STRICT_TTL_RANGE, 0},
		{"1w2d3h4m5s", STRICT_TTL_OK, 788645},
		{"1W2D3H4M5S", STRICT_TTL_OK, 788645},
		{"7101w2d", STRICT_TTL_OK, 4294857600u},
		{"7102w", STRICT_TTL_RANGE, 0},
		{"4294967295s1s", STRICT_TTL_RANGE, 0},
		{"00000000000000000000000001", STRICT_TTL_OK, 1},
		{"99999999999999999999999999", STRICT_TTL_RANGE, 0},
		{"1h30", STRICT_TTL_SYNTAX, 0},
		{"h", STRICT_TTL_SYNTAX, 0},
		{"1hh", STRICT_TTL_SYNTAX, 0},
		{"-1", STRICT_TTL_SYNTAX, 0},
		{"1y", STRICT_TTL_SYNTAX, 0},
		{"", STRICT_TTL_SYNTAX, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		uint32_t v = 12345;
		enum strict_ttl got = strict_ttl(rows[i].text, strlen(rows[i].text), &v);
		if (got != rows[i].result)
			fail_msg("'%s': got %d, expected %d", rows[i].text, got, rows[i].result);
		if (got == STRICT_TTL_OK && v != rows[i].value)
			fail_msg("'%s': got %u, expected %u", rows[i].text, v, rows[i].value);
	}
	/* units summed past 2^64 once wrapped to a small TTL */
	struct strbuf s = {0};
	for (int i = 0; i < 8000; i++)
		strbuf_addstr(&s, "4294967295w");
	uint32_t v;
	assert_int_equal(strict_ttl(s.data, s.len, &v), STRICT_TTL_RANGE);
	strbuf_release(&s);
}

/* rdata as the splitter gives it: space-separated, quotes kept */
static size_t tokens(const char *text, struct split_token *out, size_t max)
{
	size_t n = 0;
	for (const char *p = text; *p && n < max;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *start = p;
		bool quoted = *p == '"';
		if (quoted)
			for (p++; *p && *p != '"'; p++)
				;
		while (*p && *p != ' ')
			p++;
		out[n++] = (struct split_token){start, (size_t)(p - start), quoted};
	}
	return n;
}

static void test_rdata(void **state)
{
	(void)state;
	static const struct {
		const char *type, *rdata, *why;   /* why NULL: passes */
	} rows[] = {
		{"SOA", "ns. hm. 4294967295 4294967295 1w 2d 3h", NULL},
		{"soa", "ns. hm. 4294967296 1 2 3 4", "serial 4294967296 exceeds 4294967295"},
		{"SOA", "ns. hm. 1h 1 2 3 4", "serial '1h' is not a number"},
		{"SOA", "ns. hm. 1 2 3 4 5w5", "minimum '5w5' is not a number of seconds"},
		{"SOA", "ns. hm. 1 2 3 4 4294967296", "minimum 4294967296 exceeds 4294967295"},
		{"SOA", "ns. hm. 1", NULL},                    /* too short: ldns says so */
		{"MX", "65535 mail", NULL},
		{"Mx", "65536 mail", "preference 65536 exceeds 65535"},
		{"MX", "\"10\" mail", "preference '\"10\"' is not a number"},
		{"MX", "\\# 3 000A00", NULL},
		{"AFSDB", "65536 x.", "subtype 65536 exceeds 65535"},
		{"KX", "65536 x.", "preference 65536 exceeds 65535"},
		{"SRV", "65535 65535 65535 x.", NULL},
		{"SRV", "65536 0 0 x.", "priority 65536 exceeds 65535"},
		{"URI", "1 65536 \"x\"", "weight 65536 exceeds 65535"},
		{"HTTPS", "65536 x.", "priority 65536 exceeds 65535"},
		{"CAA", "255 issue \"x\"", NULL},
		{"CAA", "256 issue \"x\"", "flags 256 exceeds 255"},
		{"SSHFP", "1 256 AA", "fingerprint type 256 exceeds 255"},
		{"SSHFP", "1 +1 AA", "fingerprint type '+1' is not a number"},
		{"DNSKEY", "256 3 RSASHA256 AwEAAQ==", NULL},
		{"DNSKEY", "256 256 8 AwEAAQ==", "protocol 256 exceeds 255"},
		{"DS", "1 300 2 AA", "algorithm 300 exceeds 255"},
		{"NSEC3PARAM", "1 0 65536 -", "iterations 65536 exceeds 65535"},
		{"A", "198.51.100.400", NULL},                 /* addresses: after ldns */
		{"TXT", "\"a\" b \"\"", NULL},
		{"SPF", "\"v=spf1 -all\"", NULL},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct split_token tok[16];
		size_t n = tokens(rows[i].rdata, tok, 16);
		char why[STRICT_WHY_MAX] = "";
		bool ok = strict_rdata(rows[i].type, tok, n, why, sizeof(why));
		if (!rows[i].why ? !ok : ok || !strstr(why, rows[i].why))
			fail_msg("%s %s: expected %s, got %s", rows[i].type, rows[i].rdata,
				 rows[i].why ? rows[i].why : "pass", ok ? "pass" : why);
	}
}

static void test_txt_lengths(void **state)
{
	(void)state;
	char s255[300], s256[300];
	memset(s255, 'x', sizeof(s255));
	/* 253 letters and one escape of each kind: 255 bytes */
	memcpy(s255, "\"\\065\\\"", 7);
	s255[7 + 253] = '"';
	struct split_token t255 = {s255, 7 + 253 + 1, true};
	char why[STRICT_WHY_MAX];
	assert_true(strict_rdata("TXT", &t255, 1, why, sizeof(why)));
	memset(s256, 'x', sizeof(s256));
	struct split_token t256 = {s256, 256, false};
	assert_false(strict_rdata("TXT", &t256, 1, why, sizeof(why)));
	assert_non_null(strstr(why, "string 1 of 256 bytes exceeds 255"));
	/* 256 strings of 254 bytes and one of 229: 65510 bytes of rdata,
	 * the most named-checkzone loads; one byte more is too many */
	struct split_token many[257];
	for (int i = 0; i < 256; i++)
		many[i] = (struct split_token){s256, 254, false};
	many[256] = (struct split_token){s256, 229, false};
	assert_true(strict_rdata("TXT", many, 257, why, sizeof(why)));
	many[256].len = 230;
	assert_false(strict_rdata("SPF", many, 257, why, sizeof(why)));
	assert_non_null(strstr(why, "rdata of 65511 bytes exceeds 65510"));
}

static void test_address_why(void **state)
{
	(void)state;
	static const struct {
		const char *type, *rdata, *why;
	} rows[] = {
		{"A", "198.51.100.400", "400 exceeds 255"},
		{"A", "2001:db8::1", "is an IPv6 address"},
		{"A", "192.0.2.01", "01 has a leading zero"},
		{"A", "192.0.2.1.5", "5 numbers, not 4"},
		{"A", "host.example.", "is not an IPv4 address"},
		{"AAAA", "192.0.2.1", "is an IPv4 address"},
		{"AAAA", "2001:db8::1::2", "is not an IPv6 address"},
		{"A", "192.0.2.1", NULL},          /* an address: ldns failed elsewhere */
		{"AAAA", "::ffff:192.0.2.1", NULL},
		{"MX", "10 x", NULL},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		char why[STRICT_WHY_MAX] = "";
		bool said = strict_address_why(rows[i].type, rows[i].rdata, why, sizeof(why));
		if (!rows[i].why ? said : !said || !strstr(why, rows[i].why))
			fail_msg("%s %s: expected %s, got %s", rows[i].type, rows[i].rdata,
				 rows[i].why ? rows[i].why : "nothing", said ? why : "nothing");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ttl),
		cmocka_unit_test(test_rdata),
		cmocka_unit_test(test_txt_lengths),
		cmocka_unit_test(test_address_why),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
