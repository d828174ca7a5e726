/*
 * test_servconf.c — unit tests of the server-config readers (servconf*.c,
 * SPEC §4a): for named.conf, nsd.conf and knot.conf, the fixture trees
 * under fixtures/server-config/ (absolute paths resolved by their tail,
 * the server's directory, includes, views, templates and patterns, a
 * zone in two views, skipped types, a file that cannot be resolved, an
 * ambiguous tail), include-map, syntax errors with their exact
 * FILE:LINE:COL, hostile input (loops, depth, size, nesting, NUL bytes,
 * wildcards) and the real configurations of ../shared/corpus when that
 * folder exists.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "servconf.h"
#include "servconf_impl.h"
#include "util.h"

/* ---- helpers ---- */

struct run {
	struct source *src;
	struct servconf sc;
	int rc;
};

static void run_read(struct run *r, struct source *src, const char *path,
		     const struct servconf_options *opts)
{
	r->src = src;
	servconf_init(&r->sc);
	r->rc = servconf_read(&r->sc, src, path, opts);
}

static void run_fixture(struct run *r, const char *root, const char *path,
			const struct servconf_options *opts)
{
	char *err = NULL;
	struct source *src = source_fs_new(root, &err);
	if (!src)
		fail_msg("cannot open %s: %s", root, err);
	run_read(r, src, path, opts);
}

/* One in-memory tree: (path, text) pairs, then NULL. */
static void run_mem(struct run *r, const char *config, ...)
{
	struct source *src = source_mem_new();
	va_list ap;
	va_start(ap, config);
	for (const char *path = config; path; path = va_arg(ap, const char *)) {
		const char *text = va_arg(ap, const char *);
		source_mem_add(src, path, text, strlen(text));
	}
	va_end(ap);
	run_read(r, src, config, NULL);
}

static void run_free(struct run *r)
{
	servconf_free(&r->sc);
	source_free(r->src);
}

static void expect_no_errors(const struct run *r)
{
	for (size_t i = 0; i < r->sc.error_count; i++)
		print_error("unexpected error: %s\n", r->sc.errors[i]);
	assert_int_equal(r->sc.error_count, 0);
	assert_int_equal(r->rc, 0);
}

/* The one error of a read that must fail, compared whole. */
static void expect_error(const struct run *r, const char *expected)
{
	assert_int_equal(r->rc, -1);
	if (r->sc.error_count != 1 || strcmp(r->sc.errors[0], expected)) {
		for (size_t i = 0; i < r->sc.error_count; i++)
			print_error("error %zu: %s\n", i, r->sc.errors[i]);
		fail_msg("expected the one error: %s", expected);
	}
}

static const struct servconf_zone *zone_in(const struct run *r, const char *origin,
					   const char *view)
{
	for (size_t i = 0; i < r->sc.zone_count; i++) {
		const struct servconf_zone *z = &r->sc.zones[i];
		if (!strcmp(z->origin, origin) && strcmp_null_first(z->view, view) == 0)
			return z;
	}
	fail_msg("no zone %s in view %s", origin, view ? view : "(none)");
	return NULL;
}

static const struct servconf_zone *zone_of(const struct run *r, const char *origin)
{
	return zone_in(r, origin, NULL);
}

/* A primary zone resolved to file. */
static void expect_file(const struct servconf_zone *z, const char *file)
{
	assert_int_equal(z->type, SERVCONF_PRIMARY);
	assert_true(servconf_zone_is_linted(z));
	if (!z->file)
		fail_msg("%s: not resolved: %s", z->origin, z->why_unresolved);
	assert_string_equal(z->file, file);
	assert_null(z->why_unresolved);
}

/* A primary zone that is not resolved, for a reason holding each part. */
static void expect_unresolved(const struct servconf_zone *z, const char *part1,
			      const char *part2)
{
	assert_true(servconf_zone_is_linted(z));
	assert_null(z->file);
	assert_non_null(z->why_unresolved);
	if (!strstr(z->why_unresolved, part1) || (part2 && !strstr(z->why_unresolved, part2)))
		fail_msg("%s: reason '%s' lacks '%s' / '%s'", z->origin, z->why_unresolved, part1,
			 part2 ? part2 : "");
}

static void expect_skipped(const struct servconf_zone *z, enum servconf_zone_type type)
{
	assert_int_equal(z->type, type);
	assert_false(servconf_zone_is_linted(z));
	assert_null(z->file);
	assert_null(z->why_unresolved);
}

static void expect_place(const struct servconf_zone *z, const char *file, unsigned line,
			 unsigned column)
{
	assert_string_equal(z->where.file, file);
	assert_int_equal(z->where.line, line);
	assert_int_equal(z->where.column, column);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *repeat(const char *unit, size_t times)
{
	size_t n = strlen(unit);
	char *out = xmalloc(n * times + 1);
	for (size_t i = 0; i < times; i++)
		memcpy(out + i * n, unit, n);
	out[n * times] = '\0';
	return out;
}

/* ---- the model ---- */

static void test_format_of(void **state)
{
	(void)state;
	assert_int_equal(servconf_format_of("etc/bind/named.conf"), SERVCONF_NAMED);
	assert_int_equal(servconf_format_of("named.conf.local"), SERVCONF_NAMED);
	assert_int_equal(servconf_format_of("nsd/nsd.conf"), SERVCONF_NSD);
	assert_int_equal(servconf_format_of("knot.conf"), SERVCONF_KNOT);
	assert_int_equal(servconf_format_of("etc/zones.conf"), SERVCONF_AUTO);
	assert_string_equal(servconf_type_name(SERVCONF_SECONDARY), "secondary");
	assert_string_equal(servconf_type_name(SERVCONF_IN_VIEW), "in-view");

	struct run r;
	run_mem(&r, "etc/zones.conf", "zone \"example.com\" { type primary; };", NULL);
	expect_error(&r, "server config 'etc/zones.conf': its name says no format "
			 "(named.conf*, nsd.conf*, knot.conf*)");
	run_free(&r);
}

static void test_wildcards(void **state)
{
	(void)state;
	assert_true(servconf_wildcard_match("*.conf", "a.conf"));
	assert_false(servconf_wildcard_match("*.conf", "a.conf.bak"));
	assert_false(servconf_wildcard_match("*.conf", ".hidden.conf"));
	assert_true(servconf_wildcard_match("zone-?.conf", "zone-1.conf"));
	assert_true(servconf_wildcard_match("[a-c]*", "beta"));
	assert_false(servconf_wildcard_match("[!a-c]*", "beta"));
	assert_true(servconf_wildcard_match("[x", "[x"));
	/* many stars against a long name that does not match: no backtracking
	 * explosion */
	char *stars = repeat("*a", 2000);
	char *pattern = xasprintf("%sb", stars);
	char *name = repeat("a", 20000);
	double start = now();
	assert_false(servconf_wildcard_match(pattern, name));
	free(stars);
	assert_true(now() - start < 2.0);
	free(pattern);
	free(name);
}

/* ---- named.conf ---- */

static void test_named_fixture(void **state)
{
	(void)state;
	struct run r;
	run_fixture(&r, "fixtures/server-config/named", "etc/bind/named.conf", NULL);
	expect_no_errors(&r);
	assert_int_equal(r.sc.zone_count, 12);

	/* relative to the server's directory, which is not this tree: by tail */
	const struct servconf_zone *z = zone_in(&r, "example.com.", "external");
	expect_file(z, "zones/db.example.com");
	assert_string_equal(z->file_written, "zones/db.example.com");
	assert_string_equal(z->server_dir, "/var/named");
	expect_place(z, "etc/bind/named.conf.views", 3, 2);
	/* the same zone in a second view, from another file */
	expect_file(zone_in(&r, "example.com.", "internal"), "zones/internal/db.example.com");
	/* absolute paths by their longest tail: "db.192.0.2" alone would do,
	 * "etc/bind/db.example.net" is the whole path */
	expect_file(zone_in(&r, "2.0.192.in-addr.arpa.", "external"), "zones/reverse/db.192.0.2");
	expect_file(zone_in(&r, "example.net.", "external"), "etc/bind/db.example.net");
	expect_unresolved(zone_in(&r, "example.org.", "external"),
			  "ambiguous: 2 paths in the linted root end with 'db.example.org'",
			  "(zones/a/db.example.org, zones/b/db.example.org)");
	expect_unresolved(zone_in(&r, "missing.example.com.", "external"),
			  "no file in the linted root ends with 'db.missing.example.com'",
			  "'/var/named/db.missing.example.com'");

	expect_skipped(zone_in(&r, "example.test.", "external"), SERVCONF_SECONDARY);
	expect_skipped(zone_in(&r, "stub.example.net.", "external"), SERVCONF_STUB);
	expect_skipped(zone_in(&r, "fwd.example.org.", "external"), SERVCONF_FORWARD);
	expect_skipped(zone_in(&r, ".", "external"), SERVCONF_HINT);
	z = zone_in(&r, "version.example.", "external");
	assert_string_equal(z->class_name, "CH");
	assert_false(servconf_zone_is_linted(z));
	z = zone_in(&r, "2.0.192.in-addr.arpa.", "internal");
	expect_skipped(z, SERVCONF_IN_VIEW);
	assert_string_equal(z->in_view, "external");
	run_free(&r);
}

static void test_named_include_map(void **state)
{
	(void)state;
	const struct servconf_prefix map[] = {
		{"/srv/dns", "zones/b"},                  /* settles the ambiguous tail */
		{"/srv/dns/zones/reverse/", "zones/a/"},  /* longer: wins for its paths */
		{"/var/named/", "zones/internal"},
	};
	struct servconf_options opts = {SERVCONF_AUTO, map, ARRAY_LEN(map)};
	struct run r;
	run_fixture(&r, "fixtures/server-config/named", "etc/bind/named.conf", &opts);
	expect_no_errors(&r);
	expect_file(zone_in(&r, "example.org.", "external"), "zones/b/db.example.org");
	expect_unresolved(zone_in(&r, "2.0.192.in-addr.arpa.", "external"),
			  "include-map entry '/srv/dns/zones/reverse/' turns "
			  "'/srv/dns/zones/reverse/db.192.0.2' into 'zones/a/db.192.0.2': no such file",
			  NULL);
	/* "zones/db.example.com" in /var/named */
	expect_unresolved(zone_in(&r, "example.com.", "external"), "'zones/internal/zones/db.example.com'",
			  NULL);
	run_free(&r);
}

static void test_named_directory(void **state)
{
	(void)state;
	struct run r;
	/* no `directory`: relative to the config's own directory */
	run_mem(&r, "etc/named.conf",
		"zone \"example.com\" { type master; file \"db/example.com\"; };\n"
		"zone \"example.net\" { type master; file \"../zones/example.net\"; };\n"
		"zone \"example.org\" { type master; file \"../../outside\"; };\n",
		"etc/db/example.com", "", "zones/example.net", "", NULL);
	expect_no_errors(&r);
	expect_file(zone_of(&r, "example.com."), "etc/db/example.com");
	expect_file(zone_of(&r, "example.net."), "zones/example.net");
	expect_unresolved(zone_of(&r, "example.org."), "leads outside the linted root", NULL);
	run_free(&r);

	/* `directory` after the zones still applies to them, as in named */
	run_mem(&r, "named.conf",
		"zone \"Example.COM.\" { type primary; file \"example.com.zone\"; };\n"
		"options { directory \"/etc/namedb/master\"; };\n",
		"namedb/master/example.com.zone", "", "other/example.com.zone", "", NULL);
	expect_no_errors(&r);
	const struct servconf_zone *z = zone_of(&r, "example.com.");
	expect_file(z, "namedb/master/example.com.zone");
	assert_string_equal(z->server_dir, "/etc/namedb/master");
	run_free(&r);
}

static void test_named_include(void **state)
{
	(void)state;
	struct run r;
	/* includes resolve like zone files; globs in the last component */
	run_mem(&r, "named.conf",
		"options { directory \"/etc/bind\"; };\n"
		"include \"/etc/bind/zones.d/*.conf\";\n"
		"include \"local.conf\";\n",
		"zones.d/a.conf", "zone \"example.com\" { type primary; file \"a\"; };",
		"zones.d/b.conf", "zone \"example.net\" { type primary; file \"b\"; };",
		"zones.d/b.conf.bak", "zone \"example.org\" { type primary; file \"c\"; };",
		"local.conf", "zone \"example\" { type primary; file \"d\"; };",
		"a", "", "b", "", "d", "", NULL);
	expect_no_errors(&r);
	assert_int_equal(r.sc.zone_count, 3);
	expect_file(zone_of(&r, "example.com."), "a");
	expect_place(zone_of(&r, "example.com."), "zones.d/a.conf", 1, 1);
	expect_file(zone_of(&r, "example.net."), "b");
	expect_file(zone_of(&r, "example."), "d");
	run_free(&r);

	/* an include inside a view reads zones into that view */
	run_mem(&r, "named.conf",
		"view \"v1\" { include \"v1.conf\"; };\n",
		"v1.conf", "zone \"example.com\" { type primary; file \"x\"; };", "x", "", NULL);
	expect_no_errors(&r);
	expect_file(zone_in(&r, "example.com.", "v1"), "x");
	run_free(&r);
}

struct error_case {
	const char *text;
	const char *error;
};

/* text (len bytes) alone as the config file, with one more file,
 * missing/readme, for a glob to list: the one error it must give. */
static void expect_error_text(const char *config, const char *text, size_t len,
			      const char *error)
{
	struct run r;
	struct source *src = source_mem_new();
	source_mem_add(src, config, text, len);
	source_mem_add(src, "missing/readme", "", 0);
	run_read(&r, src, config, NULL);
	expect_error(&r, error);
	run_free(&r);
}

static void expect_error_cases(const char *config, const struct error_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++)
		expect_error_text(config, cases[i].text, strlen(cases[i].text), cases[i].error);
}

/* The syntax-error fixture of a format (for the command-line tests too). */
static void expect_fixture_error(const char *format, const char *expected)
{
	char *root = xasprintf("fixtures/server-config/errors/%s", format);
	char *config = xasprintf("%s.conf", format);
	struct run r;
	run_fixture(&r, root, config, NULL);
	expect_error(&r, expected);
	run_free(&r);
	free(config);
	free(root);
}

#define WITH_NUL "zone \"example.com\" {\n\ttype primary;\x01\0;\n};"

static void test_named_syntax_errors(void **state)
{
	(void)state;
	static const struct error_case cases[] = {
		{"options {\n\tdirectory \"/x\"\n};\n",
		 "named.conf:3:1: expected ';' after 'directory' (line 2), found '}'"},
		{"zone \"example.com\n{ type primary; };\n",
		 "named.conf:1:6: unterminated string: no closing '\"' on this line"},
		{"# fine\n// fine\n  /* never\n closed",
		 "named.conf:3:3: unterminated comment: '/*' without '*/'"},
		{"options {\n", "named.conf:1:9: '{' is never closed: the file ends first"},
		{"};\n", "named.conf:1:1: '}' without a '{' to close"},
		{"{ };\n", "named.conf:1:1: '{' where a statement should start"},
		{"zone \"example.com\" { file \"x\"; };",
		 "named.conf:1:1: zone 'example.com' has no 'type'"},
		{"zone \"example.com\" { type master; type slave; };",
		 "named.conf:1:35: 'type' given twice in one zone (first on line 1)"},
		{"zone \"example.com\" {\n type primaire; };",
		 "named.conf:2:7: zone 'example.com': unknown type 'primaire'"},
		{"zone \"bad..name\" { type primary; };",
		 "named.conf:1:1: zone 'bad..name': not a domain name"},
		{"zone \"example.com\" { type primary; };\nzone \"EXAMPLE.com.\" { type primary; };",
		 "named.conf:2:1: zone 'EXAMPLE.com.' is already defined at named.conf:1:1"},
		{"zone \"example.com\";", "named.conf:1:1: zone 'example.com' has no { ... } block"},
		{"view \"a\" { zone \"example.com\" { in-view \"b\"; }; };",
		 "named.conf:1:41: zone 'example.com': in-view 'b' names no view that defines it "
		 "before this statement"},
		{"view \"a\" { view \"b\" { }; };",
		 "named.conf:1:12: a view inside view 'a': views do not nest"},
		{"view \"a\" { };\nzone \"example.com\" { type primary; file \"x\"; };",
		 "named.conf:2:1: zone 'example.com' stands outside every view, but the "
		 "configuration has views: named refuses that"},
		{"include \"nowhere.conf\";",
		 "named.conf:1:1: include 'nowhere.conf': 'nowhere.conf': no such file"},
		{"include \"named.conf\";",
		 "named.conf:1:1: include 'named.conf': a loop (the file includes itself)"},
		{"include \"/etc/*/x.conf\";",
		 "named.conf:1:1: include '/etc/*/x.conf': '/etc/*/x.conf': ptrlint follows "
		 "wildcards in the file name only"},
	};
	expect_error_cases("named.conf", cases, ARRAY_LEN(cases));
	expect_error_text("named.conf", WITH_NUL, sizeof(WITH_NUL) - 1,
			  "named.conf:2:16: a NUL byte: not a text file");
	expect_error_text("nsd.conf", "zone:\n\0", 7, "nsd.conf:2:1: a NUL byte: not a text file");
	expect_error_text("knot.conf", "zone: [\0]", 9, "knot.conf:1:8: a NUL byte: not a text file");
}

static void test_named_error_fixture(void **state)
{
	(void)state;
	expect_fixture_error("named",
			     "named.conf:3:1: expected ';' after 'directory' (line 2), found '}'");
}

/* ---- nsd.conf ---- */

static void test_nsd_fixture(void **state)
{
	(void)state;
	struct run r;
	run_fixture(&r, "fixtures/server-config/nsd", "nsd/nsd.conf", NULL);
	expect_no_errors(&r);
	assert_int_equal(r.sc.zone_count, 6);
	/* a pattern's zonefile, with %s, in zonesdir (not this tree): by tail */
	const struct servconf_zone *z = zone_of(&r, "example.com.");
	expect_file(z, "nsd/zones/example.com.zone");
	assert_string_equal(z->file_written, "example.com.zone");
	assert_string_equal(z->server_dir, "/etc/nsd/zones");
	expect_place(z, "nsd/nsd.conf", 24, 1);
	/* a pattern that includes another and overrides its zonefile */
	expect_file(zone_of(&r, "2.0.192.in-addr.arpa."), "nsd/zones/reverse/2/2.0.192.in-addr.arpa");
	/* from an include glob; %z and %y */
	z = zone_of(&r, "example.net.");
	expect_file(z, "nsd/zones/by-label/net/example/example.net.zone");
	expect_place(z, "nsd/conf.d/10-labels.conf", 1, 1);
	/* request-xfr from a pattern: secondary, though it names a zonefile */
	expect_skipped(zone_of(&r, "example.org."), SERVCONF_SECONDARY);
	expect_unresolved(zone_of(&r, "example.test."),
			  "no file in the linted root ends with 'example.test.zone'", NULL);
	expect_unresolved(zone_of(&r, "dup.example.com."), "'/etc/nsd/db.dup' is ambiguous",
			  "(nsd/x/db.dup, nsd/y/db.dup)");
	run_free(&r);

	const struct servconf_prefix map[] = {{"/etc/nsd/db.dup", "nsd/y/db.dup"}};
	struct servconf_options opts = {SERVCONF_NSD, map, ARRAY_LEN(map)};
	run_fixture(&r, "fixtures/server-config/nsd", "nsd/nsd.conf", &opts);
	expect_no_errors(&r);
	expect_file(zone_of(&r, "dup.example.com."), "nsd/y/db.dup");
	run_free(&r);
}

static void test_nsd_substitutions(void **state)
{
	(void)state;
	struct run r;
	/* a character or label the name lacks is a '.', as NSD writes it */
	run_mem(&r, "nsd.conf",
		"zone:\n  name: a.test\n  zonefile: \"%1%2%3-%z-%y-%x-%s-%q\"\n"
		"zone:\n  name: \"example.com.\"\n  zonefile: example.com # a comment\n",
		"a.t-test-a-.-a.test-%q", "", "example.com", "", NULL);
	expect_no_errors(&r);
	expect_file(zone_of(&r, "a.test."), "a.t-test-a-.-a.test-%q");
	expect_file(zone_of(&r, "example.com."), "example.com");
	run_free(&r);
}

static void test_nsd_syntax_errors(void **state)
{
	(void)state;
	static const struct error_case cases[] = {
		{"server:\n\tzonesdir \"/etc/nsd\"\n",
		 "nsd.conf:2:2: expected 'keyword:', found 'zonesdir'"},
		{"zone:\n\tname: \"example.com\n",
		 "nsd.conf:2:8: unterminated string: no closing '\"' on this line"},
		{"name: example.com\n",
		 "nsd.conf:1:1: 'name:' outside a section (server:, zone:, pattern:, ...)"},
		{"zone:\n\tzonefile: x\n", "nsd.conf:1:1: 'zone:' without 'name:'"},
		{"zone: name: example.com\n",
		 "nsd.conf:1:7: 'zone:' starts a section and takes no value: ptrlint reads one "
		 "keyword a line"},
		{"zone:\n name: example.com\n name: example.net\n",
		 "nsd.conf:3:2: 'name:' given twice in one zone"},
		{"zone:\n name: example.com\n include-pattern: p\n",
		 "nsd.conf:3:19: include-pattern 'p': no pattern has that name"},
		{"pattern:\n name: p\n include-pattern: p\nzone:\n name: example.com\n "
		 "include-pattern: p\n",
		 "nsd.conf:3:19: include-pattern 'p': patterns include each other in a loop or "
		 "deeper than 16"},
		{"zone:\n name: example.com\nzone:\n name: example.com\n",
		 "nsd.conf:3:1: zone 'example.com' is already defined at nsd.conf:1:1"},
		{"zone:\n name:\n", "nsd.conf:2:2: 'name:' needs a value"},
		{"include: \"missing.conf\"\n",
		 "nsd.conf:1:1: include 'missing.conf': 'missing.conf': no such file"},
	};
	expect_error_cases("nsd.conf", cases, ARRAY_LEN(cases));
	expect_fixture_error("nsd", "nsd.conf:2:12: unterminated string: no closing '\"' on this "
				    "line");
}

/* ---- knot.conf ---- */

static void test_knot_fixture(void **state)
{
	(void)state;
	struct run r;
	run_fixture(&r, "fixtures/server-config/knot", "knot/knot.conf", NULL);
	expect_no_errors(&r);
	assert_int_equal(r.sc.zone_count, 7);
	/* the default template: its storage and file, %s */
	const struct servconf_zone *z = zone_of(&r, "example.com.");
	expect_file(z, "knot/zones/example.com.zone");
	assert_string_equal(z->server_dir, "/var/lib/knot/zones");
	expect_place(z, "knot/knot.conf", 20, 5);
	/* a named template; %l[3] is the fourth label from the right */
	z = zone_of(&r, "2.0.192.in-addr.arpa.");
	expect_file(z, "knot/reverse/0/2.0.192.in-addr.arpa.zone");
	assert_string_equal(z->file_written, "0/2.0.192.in-addr.arpa.zone");
	/* master: in the template or in the zone */
	expect_skipped(zone_of(&r, "example.org."), SERVCONF_SECONDARY);
	expect_skipped(zone_of(&r, "example.test."), SERVCONF_SECONDARY);
	expect_unresolved(zone_of(&r, "example.net."),
			  "no file in the linted root ends with 'example.net.zone'", NULL);
	/* from an include relative to knot.conf; %c[0-2] */
	z = zone_of(&r, "example.");
	expect_file(z, "knot/zones/exa/example.zone");
	expect_place(z, "knot/conf.d/chars.conf", 2, 5);
	expect_unresolved(zone_of(&r, "dup.example.com."), "'/var/lib/knot/zones/dup.zone' is "
			  "ambiguous", "(knot/a/dup.zone, knot/b/dup.zone)");
	run_free(&r);
}

static void test_knot_substitutions(void **state)
{
	(void)state;
	struct run r;
	run_mem(&r, "knot.conf",
		"template:\n  - id: default\n    storage: zones\n"
		"zone:\n"
		"  - domain: sub.example.com\n    file: \"%l[0]/%l[1]/%l[5]%c[1]%c[40]%c[2-3]%%-%s\"\n"
		"  - domain: example.net\n    file: \"%x.zone\"\n"
		"  - domain: example.org\n    storage: /etc/knot/db\n",
		"zones/com/example/ub.%-sub.example.com", "", "db/example.org.zone", "", NULL);
	expect_no_errors(&r);
	expect_file(zone_of(&r, "sub.example.com."), "zones/com/example/ub.%-sub.example.com");
	expect_unresolved(zone_of(&r, "example.net."),
			  "file '%x.zone': '%x' is no substitution Knot documents", NULL);
	/* the zone's own storage, the default template's file */
	expect_file(zone_of(&r, "example.org."), "db/example.org.zone");
	run_free(&r);
}

static void test_knot_errors(void **state)
{
	(void)state;
	static const struct error_case cases[] = {
		{"zone:\n  - domain: example.com\n    template: signed\n",
		 "knot.conf:3:5: zone 'example.com': no template 'signed' is defined before it"},
		{"zone:\n  - domain: example.com\n  - domain: example.com.\n",
		 "knot.conf:3:5: zone 'example.com.' is already defined at knot.conf:2:5"},
		{"template:\n  - id: t\n  - id: t\n",
		 "knot.conf:3:5: template 't' is already defined on line 2"},
		{"zone:\n  - file: x.zone\n", "knot.conf:2:5: a 'zone:' entry without 'domain:'"},
		{"zone: example.com\n",
		 "knot.conf:1:7: 'zone:' holds a list of '- domain: ...' entries"},
		{"zone:\n  - domain: [a, b]\n",
		 "knot.conf:2:13: 'domain' takes one value, not a list or a mapping"},
		{"zone:\n  - domain: example.com\n    file: a\n    file: b\n",
		 "knot.conf:4:5: 'file' given twice in one entry"},
		{"x: &a [1]\ny: *a\n", "knot.conf:2:4: YAML aliases are not supported"},
		{"zone:\n  - domain: example.com\n   file: example.com.zone\n",
		 "knot.conf:3:4: did not find expected '-' indicator while parsing a block "
		 "collection"},
		{"server: {}\n---\nzone: []\n",
		 "knot.conf:2:1: a second YAML document: knot.conf is one"},
		{"- zone\n", "knot.conf:1:1: knot.conf is a mapping of sections (server:, zone:, ...)"},
		{"include: missing/*.conf\ninclude: other.conf\n",
		 "knot.conf:2:1: include 'other.conf': 'other.conf': no such file"},
	};
	expect_error_cases("knot.conf", cases, ARRAY_LEN(cases));
	expect_fixture_error("knot", "knot.conf:3:4: did not find expected '-' indicator while "
				     "parsing a block collection");
}

static void test_knot_repeated_sections(void **state)
{
	(void)state;
	struct run r;
	/* Knot reads a second `zone:` section, and includes, as more of the same */
	run_mem(&r, "etc/knot.conf",
		"zone:\n  - domain: example.com\n    file: /srv/a.zone\n"
		"include: /etc/knot/more.conf\n"
		"zone:\n  - domain: example.net\n    file: /srv/b.zone\n",
		"etc/more.conf", "zone:\n  - domain: example.org\n    file: /srv/c.zone\n",
		"a.zone", "", "b.zone", "", "c.zone", "", NULL);
	expect_no_errors(&r);
	assert_int_equal(r.sc.zone_count, 3);
	expect_file(zone_of(&r, "example.org."), "c.zone");
	assert_string_equal(r.sc.zones[1].origin, "example.org.");
	run_free(&r);
}

/* ---- git mode ---- */

/* The named fixture committed to a new repository, then changed in the
 * work tree: a git source reads the config, its include and the tree it
 * resolves paths in from the revision, never from the work tree. */
static void test_git_revision(void **state)
{
	(void)state;
	char dir[] = "/tmp/ptrlint-servconf-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *setup = xasprintf(
		"cp -R fixtures/server-config/named/. '%s' && cd '%s' && "
		"git init -q . && git add -A && "
		"git -c user.name=t -c user.email=t@example.com commit -q -m fixture && "
		"rm zones/db.example.com etc/bind/named.conf.views && "
		"printf 'zone \"x.example\" { type primary; };' > etc/bind/named.conf",
		dir, dir);
	if (system(setup) != 0)
		fail_msg("cannot build the repository: %s", setup);
	free(setup);
	char *err = NULL;
	struct source *src = source_git_new(dir, "HEAD", &err);
	if (!src)
		fail_msg("source_git_new: %s", err);
	struct run r;
	run_read(&r, src, "etc/bind/named.conf", NULL);
	expect_no_errors(&r);
	assert_int_equal(r.sc.zone_count, 12);
	expect_file(zone_in(&r, "example.com.", "external"), "zones/db.example.com");
	expect_unresolved(zone_in(&r, "example.org.", "external"), "ambiguous", NULL);
	run_free(&r);
	char *cleanup = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cleanup), 0);
	free(cleanup);
}

/* ---- hostile input ---- */

static void test_hostile_nesting(void **state)
{
	(void)state;
	struct run r;
	char *deep = repeat("a {", 100000);
	double start = now();
	run_mem(&r, "named.conf", deep, NULL);
	expect_error(&r, "named.conf:1:195: blocks nested deeper than 64");
	run_free(&r);
	free(deep);

	deep = repeat("[", 100000);
	char *text = xasprintf("x: %s\n", deep);
	run_mem(&r, "knot.conf", text, NULL);
	expect_error(&r, "knot.conf:1:68: YAML nested deeper than 64");
	run_free(&r);
	free(text);
	free(deep);
	assert_true(now() - start < 5.0);
}

static void test_hostile_includes(void **state)
{
	(void)state;
	/* a chain deeper than the limit */
	struct source *src = source_mem_new();
	for (int i = 0; i < 40; i++) {
		char *path = xasprintf("c%d.conf", i);
		char *text = xasprintf("include \"c%d.conf\";\n", i + 1);
		source_mem_add(src, path, text, strlen(text));
		free(path);
		free(text);
	}
	source_mem_add(src, "named.conf", "include \"c0.conf\";", 18);
	struct run r;
	run_read(&r, src, "named.conf", NULL);
	expect_error(&r, "c15.conf:1:1: include 'c16.conf': nesting deeper than 16");
	run_free(&r);

	/* a loop through two files */
	run_mem(&r, "nsd.conf", "include: a.conf\n", "a.conf", "\n\ninclude: nsd.conf\n", NULL);
	expect_error(&r, "a.conf:3:1: include 'nsd.conf': a loop (the file includes itself)");
	run_free(&r);
	run_mem(&r, "knot.conf", "include: knot.conf\n", NULL);
	expect_error(&r, "knot.conf:1:1: include 'knot.conf': a loop (the file includes itself)");
	run_free(&r);

	/* fan-out: each level includes the next twice, 2^15 reads unbounded */
	src = source_mem_new();
	for (int i = 0; i < 15; i++) {
		char *path = xasprintf("f%d.conf", i);
		char *text = xasprintf("include \"f%d.conf\"; include \"f%d.conf\";\n", i + 1, i + 1);
		source_mem_add(src, path, text, strlen(text));
		free(path);
		free(text);
	}
	source_mem_add(src, "f15.conf", "", 0);
	source_mem_add(src, "named.conf", "include \"f0.conf\";", 18);
	double start = now();
	run_read(&r, src, "named.conf", NULL);
	assert_int_equal(r.rc, -1);
	assert_true(r.sc.error_count >= 1 && r.sc.error_count <= SERVCONF_MAX_ERRORS + 1);
	assert_non_null(strstr(r.sc.errors[0], "more than 4096 files read"));
	assert_true(now() - start < 5.0);
	run_free(&r);
}

static void test_hostile_size(void **state)
{
	(void)state;
	/* a comment of 40 MiB included twice: over the 64 MiB of all configs */
	size_t big = (size_t)40 << 20;
	char *text = xmalloc(big + 1);
	memset(text, ' ', big);
	text[0] = '#';
	text[big] = '\0';
	struct source *src = source_mem_new();
	source_mem_add(src, "big.conf", text, big);
	source_mem_add(src, "named.conf", "include \"big.conf\";\ninclude \"big.conf\";\n", 40);
	free(text);
	struct run r;
	run_read(&r, src, "named.conf", NULL);
	expect_error(&r, "named.conf:2:1: 'big.conf': server configs larger than 64 MiB in all");
	run_free(&r);

	/* many errors stop at a bound */
	char *many = repeat("zone \"x\" { };\n", 1000);
	run_mem(&r, "named.conf", many, NULL);
	assert_int_equal(r.sc.error_count, SERVCONF_MAX_ERRORS + 1);
	assert_string_equal(r.sc.errors[SERVCONF_MAX_ERRORS],
			    "named.conf: more than 50 errors, the rest are not shown");
	run_free(&r);
	free(many);
}

static void test_hostile_many_zones(void **state)
{
	(void)state;
	/* 20,000 zones with absolute paths in a tree of 20,000 files: one walk
	 * of the tree and a hash probe per tail, not a scan per zone */
	struct strbuf conf = STRBUF_INIT;
	struct source *src = source_mem_new();
	for (int i = 0; i < 20000; i++) {
		strbuf_addf(&conf, "zone \"z%d.example\" { type primary; file \"/srv/z/db.z%d\"; };\n",
			    i, i);
		if (i % 1000 == 0) {
			char *path = xasprintf("zones/db.z%d", i);
			source_mem_add(src, path, "", 0);
			free(path);
		}
	}
	source_mem_add(src, "named.conf", conf.data, conf.len);
	strbuf_release(&conf);
	double start = now();
	struct run r;
	run_read(&r, src, "named.conf", NULL);
	expect_no_errors(&r);
	assert_int_equal(r.sc.zone_count, 20000);
	expect_file(zone_of(&r, "z1000.example."), "zones/db.z1000");
	expect_unresolved(zone_of(&r, "z1001.example."), "no file", NULL);
	assert_true(now() - start < 10.0);
	run_free(&r);
}

/* ---- the real configurations of ../shared/corpus ---- */

static bool corpus_present(const char *dir)
{
	struct stat st;
	return stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

static void test_corpus_ocf(void **state)
{
	(void)state;
	const char *root = "../shared/corpus/ocf__dns";
	if (!corpus_present(root))
		skip();
	struct run r;
	run_fixture(&r, root, "etc/named.conf.local", NULL);
	expect_no_errors(&r);
	assert_int_equal(r.sc.zone_count, 10);
	size_t resolved = 0;
	for (size_t i = 0; i < r.sc.zone_count; i++) {
		const struct servconf_zone *z = &r.sc.zones[i];
		if (!servconf_zone_is_linted(z))
			continue;
		/* /srv/dns/etc/zones/db.ORIGIN -> etc/zones/db.ORIGIN by its tail */
		char *bare = servconf_name_bare(z->origin);
		char *expected = xasprintf("etc/zones/db.%s", bare);
		expect_file(z, expected);
		free(expected);
		free(bare);
		resolved++;
	}
	assert_int_equal(resolved, 9);
	expect_skipped(zone_of(&r, "mesos."), SERVCONF_FORWARD);
	run_free(&r);
}

static void test_corpus_ffulm(void **state)
{
	(void)state;
	const char *root = "../shared/corpus/ffulm__server-config";
	if (!corpus_present(root))
		skip();
	struct run r;
	run_fixture(&r, root, "etc/bind/named.conf.local", NULL);
	expect_no_errors(&r);
	assert_int_equal(r.sc.zone_count, 2);
	/* both are `type slave` there: the repository is a secondary's config */
	expect_skipped(zone_of(&r, "ffulm."), SERVCONF_SECONDARY);
	expect_skipped(zone_of(&r, "33.10.in-addr.arpa."), SERVCONF_SECONDARY);
	assert_string_equal(zone_of(&r, "ffulm.")->file_written, "/etc/bind/db.ffulm");
	run_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_of),
		cmocka_unit_test(test_wildcards),
		cmocka_unit_test(test_named_fixture),
		cmocka_unit_test(test_named_include_map),
		cmocka_unit_test(test_named_directory),
		cmocka_unit_test(test_named_include),
		cmocka_unit_test(test_named_syntax_errors),
		cmocka_unit_test(test_named_error_fixture),
		cmocka_unit_test(test_nsd_fixture),
		cmocka_unit_test(test_nsd_substitutions),
		cmocka_unit_test(test_nsd_syntax_errors),
		cmocka_unit_test(test_knot_fixture),
		cmocka_unit_test(test_knot_substitutions),
		cmocka_unit_test(test_knot_errors),
		cmocka_unit_test(test_knot_repeated_sections),
		cmocka_unit_test(test_git_revision),
		cmocka_unit_test(test_hostile_nesting),
		cmocka_unit_test(test_hostile_includes),
		cmocka_unit_test(test_hostile_size),
		cmocka_unit_test(test_hostile_many_zones),
		cmocka_unit_test(test_corpus_ocf),
		cmocka_unit_test(test_corpus_ffulm),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
