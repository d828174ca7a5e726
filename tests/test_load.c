/*
 * test_load.c — the loader: origin inference (SPEC §4), $INCLUDE
 * resolution, exact first lines, directives, and what becomes a
 * zone-syntax problem instead of a crash.
 */
#include "helpers.h"

#include <stdlib.h>

#include "dname.h"

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
	}
	index_init(&f.ix);
	load_zones(&f.ix, f.src, &f.cfg, &reqs, 0);
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
