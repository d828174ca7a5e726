/*
 * test_load.c — the loader: origin inference (SPEC §4), $INCLUDE
 * resolution, exact first lines, directives, and what becomes a
 * zone-syntax problem instead of a crash.
 */
#include "helpers.h"

#include <stdlib.h>

#include "dname.h"
#include "origin.h"

static void test_origin_from_file_name(void **state)
{
	(void)state;
	static const struct {
		const char *path;
		const char *origin;
	} rows[] = {
		{"db.example.com", "example.com."},
		{"zones/example.com.zone", "example.com."},
		{"example.com.db", "example.com."},
		{"db.192.0.2", "2.0.192.in-addr.arpa."},
		{"2.0.192.in-addr.arpa.zone", "2.0.192.in-addr.arpa."},
		{"2.0.192.in-addr.arpa", "2.0.192.in-addr.arpa."},
		{"10.130.zone", "130.10.in-addr.arpa."},
		{"fdef:ffc0:3dd7.zone", "7.d.d.3.0.c.f.f.f.e.d.f.ip6.arpa."},
		{"2001:db8.zone", "8.b.d.0.1.0.0.2.ip6.arpa."},
		{"DB.Example.COM", "example.com."},
		{"master_db.ffulm", NULL},
		{"named.conf", NULL},
		{"db.", NULL},
		{"db.256.1", NULL},
		{"zone.rev", "zone."},
		/* RFC 2317 blocks: "A-B" is a range or the block A/B (SPEC §4) */
		{"db.203.0.113.64-26", "64-26.113.0.203.in-addr.arpa."},
		{"db.203.0.113.0-63", "0-63.113.0.203.in-addr.arpa."},
		{"203.0.113.128-25.zone", "128-25.113.0.203.in-addr.arpa."},
		{"64-26.113.0.203.in-addr.arpa.zone", "64-26.113.0.203.in-addr.arpa."},
		/* neither a range nor a block, or not after three octets: no
		 * reverse name, and the loader refuses the guess as a network
		 * that is no reverse zone name (zone-syntax) */
		{"db.203.0.113.64-33", "203.0.113.64-33."},
		{"db.203.0.113.0-64", "203.0.113.0-64."},
		{"db.203.0.64-26", "203.0.64-26."},
		{"db.203.0.113.64-26.1", "203.0.113.64-26.1."},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		char *got = origin_from_file_name(rows[i].path);
		if (!rows[i].origin) {
			if (got)
				fail_msg("%s: expected no origin, got %s", rows[i].path, got);
		} else {
			if (!got)
				fail_msg("%s: expected %s, got none", rows[i].path, rows[i].origin);
			assert_string_equal(got, rows[i].origin);
		}
		free(got);
	}
}

static void test_resolve_include(void **state)
{
	(void)state;
	struct config cfg;
	config_init_defaults(&cfg);
	cfg.root = xstrdup("/srv/zones");
	struct include_rewrite map[] = {{(char *)"/etc/bind/zones/", (char *)"zones/"},
					{(char *)"ffhl/", (char *)""}};
	static const struct {
		const char *from, *written, *base, *expected, *why;
		bool use_map;
	} rows[] = {
		{"zones/db.a", "common.inc", NULL, "zones/common.inc", NULL, false},
		{"zones/db.a", "../shared/x", NULL, "shared/x", NULL, false},
		{"zones/db.a", "../../etc/passwd", NULL, NULL, "path leaves the linted root", false},
		{"db.a", "./sub/../x", NULL, "x", NULL, false},
		{"zones/db.a", "/srv/zones/inc/x", NULL, "inc/x", NULL, false},
		{"zones/db.a", "/etc/shadow", NULL, NULL, "absolute path outside the linted root (include-map in the config can map it to a directory in the root)", false},
		{"zones/db.a", "/srv/zonesX/x", NULL, NULL, "absolute path outside the linted root (include-map in the config can map it to a directory in the root)", false},
		{"etc/zones/db.x", "../db.ocf", "etc/zones", "etc/db.ocf", NULL, false},
		{"a/b/db.x", "inc", "etc", "etc/inc", NULL, false},
		{"db.x", "/etc/bind/zones/common", NULL, "zones/common", NULL, true},
		{"ffhl.zone", "ffhl/ffhl.include", NULL, "ffhl.include", NULL, true},
		{"db.x", "ffhl/../../x", NULL, NULL, "path leaves the linted root", true},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		cfg.include_base = (char *)rows[i].base;
		cfg.include_map = rows[i].use_map ? map : NULL;
		cfg.ninclude_map = rows[i].use_map ? ARRAY_LEN(map) : 0;
		const char *why = NULL;
		struct include_resolver resolver;
		include_resolver_init(&resolver, &cfg);
		char *got = resolve_include(&resolver, rows[i].from, rows[i].written, &why);
		include_resolver_free(&resolver);
		if (rows[i].expected) {
			if (!got)
				fail_msg("row %zu: %s: %s", i, rows[i].written, why);
			assert_string_equal(got, rows[i].expected);
		} else {
			assert_null(got);
			assert_string_equal(why, rows[i].why);
		}
		free(got);
	}
	cfg.include_base = NULL;
	cfg.include_map = NULL;
	cfg.ninclude_map = 0;
	config_free(&cfg);
}

/* The line of the first record of type at owner (text), or 0. */
static unsigned line_of(const struct fixture *f, const char *owner, uint16_t type)
{
	uint8_t wire[256];
	size_t len = dname_from_text(wire, owner, NULL);
	name_id id = index_find(&f->ix, wire, len);
	size_t n;
	const uint32_t *ids = index_records_at(&f->ix, id, &n);
	for (size_t i = 0; i < n; i++)
		if (f->ix.records[ids[i]].type == type)
			return f->ix.records[ids[i]].line;
	return 0;
}

static void test_exact_lines(void **state)
{
	(void)state;
	static const struct mem_zone zones[] = {{"db.example.com",
		"; header comment\n"                                  /* 1 */
		"$TTL 1h\n"                                           /* 2 */
		"@ IN SOA ns1 hostmaster (\n"                         /* 3 */
		"    1 ; serial\n"                                    /* 4 */
		"    3600 900\n"                                      /* 5 */
		"    86400 300 )\n"                                   /* 6 */
		"\n"                                                  /* 7 */
		"  IN NS ns1\n"                                       /* 8 */
		"; a comment between records\n"                       /* 9 */
		"\n"                                                  /* 10 */
		"ns1 IN 300 A 192.0.2.53\n"                           /* 11: class before TTL */
		"mail 300 IN A 192.0.2.25\n"                          /* 12 */
		"     AAAA 2001:db8::25\n"                            /* 13: blank owner */
		"txt TXT \"a ; not a comment\" ( \"b\"\n"             /* 14 */
		"  \"c\" )\n"                                         /* 15 */
		"last A 192.0.2.99", NULL}};                          /* 16: no final newline */
	struct fixture f;
	fixture_load(&f, zones, 1);
	assert_int_equal(f.ix.nproblems, 0);
	assert_int_equal(line_of(&f, "example.com.", TYPE_SOA), 3);
	assert_int_equal(line_of(&f, "example.com.", TYPE_NS), 8);
	assert_int_equal(line_of(&f, "ns1.example.com.", TYPE_A), 11);
	assert_int_equal(line_of(&f, "mail.example.com.", TYPE_A), 12);
	assert_int_equal(line_of(&f, "mail.example.com.", TYPE_AAAA), 13);
	assert_int_equal(line_of(&f, "txt.example.com.", TYPE_TXT), 14);
	assert_int_equal(line_of(&f, "last.example.com.", TYPE_A), 16);
	/* TTLs: class-before-TTL read right, $TTL with units, blank owner inherits $TTL */
	assert_int_equal(f.ix.records[1].ttl, 3600);
	assert_int_equal(f.ix.records[2].ttl, 300);
	assert_int_equal(f.ix.records[4].ttl, 3600);
	fixture_free(&f);
}

static void test_origin_inference(void **state)
{
	(void)state;
	static const struct {
		const char *path, *text, *origin;
	} rows[] = {
		/* BIND's own output: $ORIGIN . then an absolute-looking relative SOA owner */
		{"named.out", "$ORIGIN .\n$TTL 300\nexample.org IN SOA ns hm 1 2 3 4 5\n", "example.org."},
		{"x.zone", "example.net. IN SOA ns hm 1 2 3 4 5\n", "example.net."},
		/* the top SOA comes before a bare $ORIGIN */
		{"y.zone", "$ORIGIN example.com.\nsub IN SOA ns hm 1 2 3 4 5\n", "sub.example.com."},
		{"db.example.com", "$ORIGIN example.org.\nwww A 192.0.2.1\n", "example.org."},
		/* relative SOA owner, no $ORIGIN: the file name */
		{"db.example.com", "@ IN SOA ns hm 1 2 3 4 5\n", "example.com."},
		{"10.130.zone", "1.0 PTR node.ffhl.\n", "130.10.in-addr.arpa."},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct mem_zone z = {rows[i].path, rows[i].text, NULL};
		struct fixture f;
		fixture_load(&f, &z, 1);
		assert_int_equal(f.ix.nzones, 1);
		char text[1024];
		index_name_text(&f.ix, f.ix.zones[0].origin, text);
		assert_string_equal(text, rows[i].origin);
		fixture_free(&f);
	}
	/* no origin anywhere: a problem that says so, the zone is not loaded */
	struct mem_zone z = {"master_db.ffulm", "www A 192.0.2.1\n", NULL};
	struct fixture f;
	fixture_load(&f, &z, 1);
	assert_false(f.ix.zones[0].loaded);
	assert_non_null(strstr(fixture_problem_at(&f, "master_db.ffulm", 1), "cannot determine the origin"));
	fixture_free(&f);
}

static void test_include(void **state)
{
	(void)state;
	static const struct mem_zone zones[] = {
		{"zones/db.example.com",
		 "$ORIGIN example.com.\n"
		 "@ SOA ns hm 1 2 3 4 5\n"
		 "$INCLUDE hosts.inc\n"                    /* 3: relative to zones/ */
		 "$INCLUDE sub.inc sub.example.com.\n"     /* 4: with an origin */
		 "after A 192.0.2.9\n"                     /* 5: origin restored */
		 "$INCLUDE ../../outside\n"                /* 6: escapes the root */
		 "$INCLUDE loop.inc\n"                     /* 7: cycle */
		 "$INCLUDE missing.inc\n",                 /* 8 */
		 NULL},
		{"zones/hosts.inc", "www A 192.0.2.80\n", "-"},
		{"zones/sub.inc", "$ORIGIN deeper.sub.example.com.\nhost A 192.0.2.7\n", "-"},
		{"zones/loop.inc", "$INCLUDE loop.inc\n", "-"},
	};
	struct fixture f;
	fixture_load(&f, zones, ARRAY_LEN(zones));
	assert_int_equal(line_of(&f, "www.example.com.", TYPE_A), 1);
	assert_int_equal(line_of(&f, "host.deeper.sub.example.com.", TYPE_A), 2);
	assert_int_equal(line_of(&f, "after.example.com.", TYPE_A), 5);
	assert_non_null(strstr(fixture_problem_at(&f, "zones/db.example.com", 6), "leaves the linted root"));
	assert_non_null(strstr(fixture_problem_at(&f, "zones/loop.inc", 1), "include cycle"));
	assert_non_null(strstr(fixture_problem_at(&f, "zones/db.example.com", 8), "no such file"));
	/* the included file's records are reported where they are written */
	uint8_t wire[256];
	size_t len = dname_from_text(wire, "www.example.com.", NULL);
	size_t n;
	const uint32_t *ids = index_records_at(&f.ix, index_find(&f.ix, wire, len), &n);
	assert_int_equal(n, 1);
	assert_string_equal(f.ix.files[f.ix.records[ids[0]].file], "zones/hosts.inc");
	fixture_free(&f);
}

static void test_include_depth(void **state)
{
	(void)state;
	struct mem_zone zones[20];
	char texts[20][64], paths[20][32];
	for (int i = 0; i < 20; i++) {
		snprintf(paths[i], sizeof(paths[i]), i ? "inc%d" : "db.example.com", i);
		snprintf(texts[i], sizeof(texts[i]), "$INCLUDE inc%d\nh%d A 192.0.2.%d\n", i + 1, i, i);
		zones[i].path = paths[i];
		zones[i].text = texts[i];
		zones[i].origin = i ? "-" : "example.com.";
	}
	struct fixture f;
	fixture_load(&f, zones, 20);
	/* 16 levels of nesting are read, the 17th is refused */
	assert_int_not_equal(line_of(&f, "h16.example.com.", TYPE_A), 0);
	assert_int_equal(line_of(&f, "h17.example.com.", TYPE_A), 0);
	bool found = false;
	for (size_t i = 0; i < f.ix.nproblems; i++)
		found |= strstr(f.ix.problems[i].message, "nesting deeper than 16") != NULL;
	assert_true(found);
	fixture_free(&f);
}

static void test_bad_input_goes_on(void **state)
{
	(void)state;
	static const struct mem_zone zones[] = {
		{"db.example.com",
		 "@ SOA ns hm 1 2 3 4 5\n"
		 "bad A 192.0.2.300\n"                     /* 2: bad address */
		 "ok A 192.0.2.1\n"                        /* 3 */
		 "open A ( 192.0.2.2\n"                    /* 4: never closed */
		 "x A 192.0.2.3\n",
		 "example.com."},
		{"db.example.net", "\x7f" "ELF\x02\x01\x01" "\0\0\0\0binary", "example.net."},
		{"db.example.org", "www@Z A 192.0.2.4\nfine A 192.0.2.5\n", "example.org."},
	};
	struct fixture f;
	/* the binary file holds a NUL: give its real length */
	config_init_defaults(&f.cfg);
	f.src = source_mem_new();
	source_mem_add(f.src, zones[0].path, zones[0].text, strlen(zones[0].text));
	source_mem_add(f.src, zones[1].path, zones[1].text, 18);
	source_mem_add(f.src, zones[2].path, zones[2].text, strlen(zones[2].text));
	struct zone_requests reqs;
	memset(&reqs, 0, sizeof(reqs));
	for (int i = 0; i < 3; i++) {
		struct zone_request *r = ARRAY_PUSH(reqs.items, reqs.count, reqs.cap);
		r->path = xstrdup(zones[i].path);
		r->origin = xstrdup(zones[i].origin);
		r->searched = false;
		r->key = NULL;
	}
	index_init(&f.ix);
	load_zones(&f.ix, f.src, &f.cfg, &reqs);
	index_finish(&f.ix);
	zone_requests_free(&reqs);

	assert_non_null(strstr(fixture_problem_at(&f, "db.example.com", 2), "does not parse"));
	assert_int_equal(line_of(&f, "ok.example.com.", TYPE_A), 3);
	assert_non_null(strstr(fixture_problem_at(&f, "db.example.com", 4), "parenthesis"));
	assert_non_null(strstr(fixture_problem_at(&f, "db.example.net", 1), "binary"));
	/* '@' inside an owner: the zone is not loaded at all */
	assert_non_null(strstr(fixture_problem_at(&f, "db.example.org", 1), "'@' inside"));
	assert_false(f.ix.zones[2].loaded);
	assert_int_equal(line_of(&f, "fine.example.org.", TYPE_A), 0);
	fixture_free(&f);
}

static void test_generate_rfc2317(void **state)
{
	(void)state;
	static const struct mem_zone zones[] = {{"db.192.0.2",
		"@ SOA ns.example.com. hm.example.com. 1 2 3 4 5\n"
		"$GENERATE 0-63 $ CNAME $.0/26\n"                  /* 2 */
		"$GENERATE 64-65/1 ${0,3,d} PTR host-${-64}.example.com.\n" /* 3 */
		"$GENERATE 1-100000 x$ A 192.0.2.1\n",             /* 4: over the limit */
		NULL}};
	struct fixture f;
	fixture_load(&f, zones, 1);
	assert_int_equal(line_of(&f, "25.2.0.192.in-addr.arpa.", TYPE_CNAME), 2);
	size_t n;
	uint8_t wire[256];
	size_t len = dname_from_text(wire, "25.2.0.192.in-addr.arpa.", NULL);
	const uint32_t *ids = index_records_at(&f.ix, index_find(&f.ix, wire, len), &n);
	assert_int_equal(n, 1);
	char text[1024];
	index_name_text(&f.ix, f.ix.records[ids[0]].target, text);
	assert_string_equal(text, "25.0/26.2.0.192.in-addr.arpa.");
	assert_int_equal(line_of(&f, "064.2.0.192.in-addr.arpa.", TYPE_PTR), 3);
	len = dname_from_text(wire, "065.2.0.192.in-addr.arpa.", NULL);
	ids = index_records_at(&f.ix, index_find(&f.ix, wire, len), &n);
	assert_int_equal(n, 1);
	index_name_text(&f.ix, f.ix.records[ids[0]].target, text);
	assert_string_equal(text, "host-1.example.com.");
	assert_non_null(strstr(fixture_problem_at(&f, "db.192.0.2", 4), "generate-limit"));
	fixture_free(&f);
}

/* SPEC §4 "Strict fields": one record on line 2 of a zone; what the
 * loader must say of it ("" = it loads), never a value wrapped by ldns.
 * The rows are the mutations that found each case (issues 15 and 16). */
static void test_strict_fields(void **state)
{
	(void)state;
	static const struct {
		const char *record, *problem;
	} rows[] = {
		{"@ SOA ns hm 20240116000001 1 2 3 4", "serial 20240116000001 exceeds 4294967295"},
		{"@ SOA ns hm 4294967296 1 2 3 4", "serial 4294967296 exceeds 4294967295"},
		{"@ SOA ns hm -1 1 2 3 4", "serial '-1' is not a number"},
		{"@ SOA ns hm 1s 1 2 3 4", "serial '1s' is not a number"},
		{"@ SOA ns hm 4294967295 1 2 3 4", ""},
		{"@ SOA ns hm 1 99999999999 2 3 4", "refresh 99999999999 exceeds 4294967295"},
		{"@ SOA ns hm 1 1w2d3h4m5s 2 3 4294967295", ""},
		{"@ SOA ns hm 1 1 2 3 7102w", "minimum 7102w exceeds 4294967295"},
		{"@ SOA ns hm 1 1h30 2 3 4", "refresh '1h30' is not a number of seconds"},
		{"mx MX 70000 mail", "preference 70000 exceeds 65535"},
		{"mx MX 65537 .", "preference 65537 exceeds 65535"},
		{"mx MX +1 mail", "preference '+1' is not a number"},
		{"mx MX 65535 mail", ""},
		{"mx MX \\# 3 000A00", ""},
		{"srv SRV 0 65536 1 mail", "weight 65536 exceeds 65535"},
		{"srv SRV 0 0 65536 mail", "port 65536 exceeds 65535"},
		{"caa CAA 256 issue \"ca.example\"", "flags 256 exceeds 255"},
		{"ds DS 65536 8 2 AAAA", "key tag 65536 exceeds 65535"},
		{"ds DS 1 RSASHA256 2 AAAA", ""},
		{"naptr NAPTR 65536 1 \"\" \"\" \"\" .", "order 65536 exceeds 65535"},
		{"tlsa TLSA 3 1 256 AAAA", "matching type 256 exceeds 255"},
		{"x 99999999999 A 192.0.2.1", "TTL 99999999999 exceeds 4294967295"},
		{"x IN 4294967296 A 192.0.2.1", "TTL 4294967296 exceeds 4294967295"},
		{"x 4294967295 A 192.0.2.1", ""},
		{"x 192.0.2.1", "unknown record type '192.0.2.1'"},
		{"a A 198.51.100.400", "400 exceeds 255"},
		{"a A 2001:db8::1", "'2001:db8::1' is an IPv6 address"},
		{"a A 192.0.2", "3 numbers, not 4"},
		{"a AAAA 198.51.100.1", "'198.51.100.1' is an IPv4 address"},
		{"a AAAA 2001:db8::g", "'2001:db8::g' is not an IPv6 address"},
		{"$TTL 99999999999", "$TTL 99999999999 exceeds 4294967295"},
		{"$TTL 1h30", "$TTL '1h30' is not a number of seconds"},
		{"$TTL 4294967295", ""},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		char text[256];
		snprintf(text, sizeof(text), "$ORIGIN example.com.\n%s\n", rows[i].record);
		struct mem_zone zones[] = {{"db.example.com", text, "example.com."}};
		struct fixture f;
		fixture_load(&f, zones, 1);
		const char *got = fixture_problem_at(&f, "db.example.com", 2);
		if (!*rows[i].problem ? *got != '\0' : !strstr(got, rows[i].problem))
			fail_msg("'%s': expected '%s', got '%s'", rows[i].record, rows[i].problem, got);
		fixture_free(&f);
	}
}

/* TXT: 255 bytes a string (escapes count as the byte they stand for),
 * 65510 bytes of rdata (named-checkzone's limit); and a 78 KB $TTL that
 * once wrapped to 100 (its units summed past 2^64). */
static void test_strict_lengths(void **state)
{
	(void)state;
	struct strbuf z = {0};
	strbuf_addstr(&z, "$ORIGIN example.com.\nok TXT \"");
	for (int i = 0; i < 254; i++)
		strbuf_addch(&z, 'x');
	strbuf_addstr(&z, "\\065\"\nlong TXT \"");
	for (int i = 0; i < 256; i++)
		strbuf_addch(&z, 'x');
	strbuf_addstr(&z, "\"\nbig TXT");
	for (int i = 0; i < 300; i++) {
		strbuf_addstr(&z, " \"");
		for (int k = 0; k < 250; k++)
			strbuf_addch(&z, 'y');
		strbuf_addch(&z, '"');
	}
	/* 7101 weeks of 4294967295 and the rest: 2^64 seconds, plus 100 */
	strbuf_addstr(&z, "\n$TTL ");
	for (int i = 0; i < 7101; i++)
		strbuf_addstr(&z, "4294967295w");
	strbuf_addstr(&z, "2006143148w7h16s100s\n");
	struct mem_zone zones[] = {{"db.example.com", z.data, "example.com."}};
	struct fixture f;
	fixture_load(&f, zones, 1);
	assert_string_equal(fixture_problem_at(&f, "db.example.com", 2), "");
	assert_non_null(strstr(fixture_problem_at(&f, "db.example.com", 3),
			       "string 1 of 256 bytes exceeds 255"));
	assert_non_null(strstr(fixture_problem_at(&f, "db.example.com", 4),
			       "rdata of 75300 bytes exceeds 65510"));
	assert_non_null(strstr(fixture_problem_at(&f, "db.example.com", 5),
			       "exceeds 4294967295"));
	fixture_free(&f);
	strbuf_release(&z);
}

/* A TXT whose text is past what ldns reads (65,535 characters) but whose
 * data BIND loads: 256 quoted strings of 254 bytes, and escapes that make
 * the text four times the data. The loader keeps every byte, as written. */
static void test_long_txt_whole(void **state)
{
	(void)state;
	struct strbuf z = {0};
	strbuf_addstr(&z, "$ORIGIN example.com.\nbig TXT (");
	for (int i = 0; i < 256; i++) {
		strbuf_addstr(&z, " \"");
		for (int k = 0; k < 254; k++)
			strbuf_addch(&z, (char)('a' + i % 26));
		strbuf_addch(&z, '"');
	}
	strbuf_addstr(&z, " )\nesc TXT");
	for (int i = 0; i < 80; i++) {
		strbuf_addstr(&z, " ");
		for (int k = 0; k < 250; k++)
			strbuf_addstr(&z, k % 2 ? "\\065" : "\\\"");
	}
	strbuf_addstr(&z, " \"\"\n");
	struct mem_zone zones[] = {{"db.example.com", z.data, "example.com."}};
	struct fixture f;
	fixture_load(&f, zones, 1);
	assert_int_equal(f.ix.nproblems, 0);
	assert_int_equal(f.ix.nrecords, 2);
	const struct record *big = &f.ix.records[0], *esc = &f.ix.records[1];
	assert_int_equal(big->rdlen, 256 * 255);
	for (int i = 0; i < 256; i++) {
		assert_int_equal(big->rdata[i * 255], 254);
		assert_int_equal(big->rdata[i * 255 + 254], 'a' + i % 26);
	}
	assert_int_equal(esc->rdlen, 80 * 251 + 1);
	assert_int_equal(esc->rdata[0], 250);
	assert_int_equal(esc->rdata[1], '"');
	assert_int_equal(esc->rdata[2], 'A');
	assert_int_equal(esc->rdata[80 * 251], 0);
	fixture_free(&f);
	strbuf_release(&z);
}

/* named-checkzone loads one class: a record of another makes it refuse
 * the zone, so the loader says so (the first record sets the class) */
/* A file that is no master file yet (a template) or not one at all
 * (gdnsd's syntax): one finding, at the first sign, and the zone is not
 * loaded; markup in comments, quotes or escaped is data. */
static void test_not_master_files(void **state)
{
	(void)state;
	static const char head[] = "$ORIGIN example.com.\n@ SOA ns hm 1 2 3 4 5\n";
	static const struct {
		const char *body;        /* after the two lines of head */
		unsigned line;           /* of the one finding; 0: none, the zone loads */
		const char *says;
	} rows[] = {
		{"www A {{ address }}\n", 3, "Jinja template ('{{ address }}')"},
		{"{% for h in hosts %}\n{{ h }} A 192.0.2.1\n{% endfor %}\n", 3, "'{% for h in hosts %}'"},
		{"{# a note #}\nwww A 192.0.2.1\n", 3, "'{# a note #}'"},
		{"<%= name %> A 192.0.2.1\n", 3, "ERB template"},
		{"www A 192.0.2.1 ; {{ a comment }}\n", 0, NULL},
		{"www TXT \"{{ quoted }}\" \"<% x %>\"\n", 0, NULL},
		{"www TXT \\{{ escaped }}\n", 0, NULL},
		{"www TXT {{ x\nmore TXT }}\n", 0, NULL},    /* no closer on the line */
		{"www TXT }} {{\n", 0, NULL},                /* the closer comes first */
		{"www TXT \"a ; b\" {{ x }}\n", 3, "'{{ x }}'"}, /* a ';' in quotes starts no comment */
		{"www 600/10 DYNA geoip!www\n", 3, "gdnsd zone file ('DYNA'"},
		{"cdn DYNC metafo!cdn\n", 3, "'DYNC'"},
		{"$ADDR_LIMIT_V4 4\n", 3, "'$ADDR_LIMIT_V4'"},
		{"www 600/10 A 192.0.2.1\n", 0, NULL},      /* a bad TTL, but no gdnsd */
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		char *text = xasprintf("%s%s", head, rows[i].body);
		struct mem_zone zones[] = {{"db.example.com", text, NULL}};
		struct fixture f;
		fixture_load(&f, zones, 1);
		size_t signs = 0;
		for (size_t p = 0; p < f.ix.nproblems; p++)
			signs += strstr(f.ix.problems[p].message, "this file looks like") != NULL;
		bool loaded = f.ix.zones[0].loaded;
		if (rows[i].line) {
			const char *msg = fixture_problem_at(&f, "db.example.com", rows[i].line);
			if (signs != 1 || f.ix.nproblems != 1 || loaded || !strstr(msg, rows[i].says))
				fail_msg("row %zu: %zu problems, loaded %d, line %u says '%s'", i,
					 f.ix.nproblems, loaded, rows[i].line, msg);
		} else if (signs || !loaded) {
			fail_msg("row %zu: taken for a template or gdnsd file", i);
		}
		fixture_free(&f);
		free(text);
	}
	/* a line of openers without closers is scanned once, not once per opener */
	size_t n = 1u << 20;
	char *wide = xmalloc(sizeof(head) + 2 * n + 16);
	strcpy(wide, head);
	char *p = wide + strlen(wide);
	memcpy(p, "x TXT ", 6);
	p += 6;
	for (size_t k = 0; k < n; k++, p += 2)
		memcpy(p, "{{", 2);
	strcpy(p, "\n");
	struct mem_zone zones[] = {{"db.example.com", wide, NULL}};
	struct fixture f;
	fixture_load(&f, zones, 1);
	assert_true(f.ix.zones[0].loaded);
	fixture_free(&f);
	free(wide);
}

static void test_zone_class(void **state)
{
	(void)state;
	static const struct mem_zone zones[] = {
		{"db.example.com",
		 "@ SOA ns hm 1 2 3 4 5\n"
		 "x CH A 192.0.2.1\n"                      /* 2 */
		 "y CLASS1 A 192.0.2.2\n"                  /* 3: IN, as RFC 3597 writes it */
		 "z 300 in A 192.0.2.3\n",                 /* 4 */
		 "example.com."},
		{"db.example.net", "@ HS SOA ns hm 1 2 3 4 5\nx HS A 192.0.2.1\n", "example.net."},
	};
	struct fixture f;
	fixture_load(&f, zones, 2);
	assert_non_null(strstr(fixture_problem_at(&f, "db.example.com", 2),
			       "class CH differs from the zone's class IN"));
	assert_string_equal(fixture_problem_at(&f, "db.example.com", 3), "");
	assert_string_equal(fixture_problem_at(&f, "db.example.com", 4), "");
	assert_int_equal(f.ix.nproblems, 1);
	fixture_free(&f);
}

/* SPEC §4: the closing SOA of a `dig axfr` dump is the transfer's end
 * (REC_TRANSFER_END, no duplicate), only when the zone's first record is
 * its SOA and its last, in the zone's own file, an identical copy. */
static void test_transfer_end(void **state)
{
	(void)state;
	static const char soa[] = "example.com. 300 IN SOA ns hm 1 2 3 4 5\n";
	static const struct {
		const char *text;
		bool closing;            /* the last record is the transfer's end */
	} rows[] = {
		{"; <<>> DiG <<>> axfr example.com\n%sexample.com. 300 IN NS ns\n%s;; XFR size: 3 records\n",
		 true},
		/* another TTL, other data: not the same record */
		{"%sexample.com. 300 IN NS ns\nexample.com. 60 IN SOA ns hm 1 2 3 4 5\n", false},
		{"%sexample.com. 300 IN NS ns\nexample.com. 300 IN SOA ns hm 2 2 3 4 5\n", false},
		/* the SOA not first, or the copy not last */
		{"example.com. 300 IN NS ns\n%s%s", false},
		{"%s%sexample.com. 300 IN NS ns\n", false},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		char text[512];
		/* each %s is the zone's SOA (a row with one writes its other SOA) */
		snprintf(text, sizeof(text), rows[i].text, soa, soa);
		const struct mem_zone zones[] = {{"db.example.com", text, NULL}};
		struct fixture f;
		fixture_load(&f, zones, 1);
		assert_int_equal(f.ix.nproblems, 0);
		const struct record *last = &f.ix.records[f.ix.nrecords - 1];
		size_t closing = 0, duplicates = 0;
		for (size_t k = 0; k < f.ix.nrecords; k++) {
			closing += !!(f.ix.records[k].flags & REC_TRANSFER_END);
			duplicates += !!(f.ix.records[k].flags & REC_DUPLICATE);
		}
		if (rows[i].closing) {
			assert_true(last->flags & REC_TRANSFER_END);
			assert_int_equal(closing, 1);
			assert_int_equal(duplicates, 0);
		} else {
			assert_int_equal(closing, 0);
		}
		fixture_free(&f);
	}
}

/* A zone-syntax error marks its zone (the rules then do not call what it
 * lacks missing); an info (an unknown rule in a comment) does not. */
static void test_load_errors(void **state)
{
	(void)state;
	static const struct mem_zone zones[] = {
		{"db.example.com", "@ SOA ns hm 1 2 3 4\n@ NS ns\n", NULL},
		{"db.example.net", "@ SOA ns hm 1 2 3 4 5 ; ptrlint-disable no-such-rule\n", NULL},
	};
	struct fixture f;
	fixture_load(&f, zones, 2);
	assert_int_equal(f.ix.nzones, 2);
	assert_true(f.ix.zones[0].load_errors);
	assert_false(f.ix.zones[1].load_errors);
	fixture_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_origin_from_file_name),
		cmocka_unit_test(test_resolve_include),
		cmocka_unit_test(test_exact_lines),
		cmocka_unit_test(test_origin_inference),
		cmocka_unit_test(test_include),
		cmocka_unit_test(test_include_depth),
		cmocka_unit_test(test_bad_input_goes_on),
		cmocka_unit_test(test_generate_rfc2317),
		cmocka_unit_test(test_strict_fields),
		cmocka_unit_test(test_strict_lengths),
		cmocka_unit_test(test_zone_class),
		cmocka_unit_test(test_transfer_end),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_not_master_files),
		cmocka_unit_test(test_long_txt_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
