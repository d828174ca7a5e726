/*
 * test_discover.c — discover.c: the glob and name matchers (tables, and
 * against fnmatch where its meaning is the same), their cost on patterns
 * that were exponential, include-map's longest prefix against a plain
 * scan, and globs over an in-memory tree.
 */
#include <fnmatch.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sys/stat.h>
#include <unistd.h>

#include "discover.h"

static void test_glob_table(void **state)
{
	(void)state;
	static const struct {
		const char *pattern, *path;
		bool match;
	} rows[] = {
		{"*.zone", "a.zone", true},
		{"*.zone", "z/a.zone", false},
		{"**/*.zone", "a.zone", true},
		{"**/*.zone", "z/a.zone", true},
		{"**/*.zone", "z/y/x/a.zone", true},
		{"**/*.zone", "z/y/x/a.zone.bak", false},
		{"zones/**/*.zone", "zones/a.zone", true},
		{"zones/**/*.zone", "zones/x/a.zone", true},
		{"zones/**/*.zone", "other/x/a.zone", false},
		{"zones/**/*.zone", "zones.zone", false},
		{"z*/**/db.*", "zones/x/db.example", true},
		{"**/x/**/db.*", "a/x/b/c/db.e", true},
		{"**/x/**/db.*", "a/y/b/c/db.e", false},
		{"**/x/**/db.*", "x/db.e", true},
		{"**/**/**/a", "a", true},
		{"**/**/**/a", "b/c/d/e/a", true},
		{"**", "a", true},
		{"**", "a/b", false},
		{"zones/**", "zones/a", true},
		{"zones/**", "zones/a/b", false},
		{"a/**/", "a/b", false},
		{"db.[0-9]*", "db.192.0.2", true},
		{"db.[!0-9]*", "db.192.0.2", false},
		{"db.[^0-9]*", "db.example", true},
		{"db.[[:alpha:]]*", "db.example", true},
		{"db.[[:digit:]]*", "db.example", false},
		{"[]]x", "]x", true},
		{"[a-]x", "-x", true},
		{"a[", "a[", true},
		{"\\*.zone", "*.zone", true},
		{"\\*.zone", "a.zone", false},
		{"?.zone", "a.zone", true},
		{"?.zone", "ab.zone", false},
		{"*a*b*c", "xaybzc", true},
		{"*a*b*c", "xaybzcd", false},
		{"", "a", false},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		size_t work = 0;
		bool got = discover_glob_match(rows[i].pattern, rows[i].path, &work);
		if (got != rows[i].match)
			fail_msg("row %zu: '%s' on '%s': %d", i, rows[i].pattern, rows[i].path, got);
	}
}

/* Without "**", a glob means what fnmatch(FNM_PATHNAME) says, and a name
 * pattern what fnmatch without flags says. */
static void test_agrees_with_fnmatch(void **state)
{
	(void)state;
	static const char *const patterns[] = {
		"*", "a*", "*a", "a*b", "*.zone", "db.*", "?b*", "[ab]*", "[!a]?", "a\\*", "*a*a*",
		"[a-c][a-c]", "*/*", "a/*", "*/b", "[[:upper:]]*", "\\", "[", "[!]a]", "a/b",
		/* brackets as glibc reads them: an unknown class before a match
		 * matches nothing, a name with other than a-y is no class */
		"[a[:junk:]]", "[b[:junk:]]", "[![:junk:]a]", "[[:-x:]]", "[[:alpha:]", "[[::]]",
	};
	static const char *const paths[] = {
		"a", "b", "ab", "ba", "aab", "a*", "x.zone", "db.x", "c/d", "a/b", "a/bb", "A",
		"aaaa", "bab", "]a", "\\", "[", "", ":", "-", "x]",
	};
	for (size_t p = 0; p < ARRAY_LEN(patterns); p++)
		for (size_t s = 0; s < ARRAY_LEN(paths); s++) {
			size_t work = 0;
			bool want = !fnmatch(patterns[p], paths[s], FNM_PATHNAME);
			bool got = discover_glob_match(patterns[p], paths[s], &work);
			if (*paths[s] && got != want)
				fail_msg("glob '%s' on '%s': %d, fnmatch %d", patterns[p], paths[s], got, want);
			if (strchr(patterns[p], '/') || strchr(paths[s], '/'))
				continue;
			want = !fnmatch(patterns[p], paths[s], 0);
			got = discover_name_match(patterns[p], strlen(patterns[p]), paths[s],
						  strlen(paths[s]), &work);
			if (got != want)
				fail_msg("name '%s' on '%s': %d, fnmatch %d", patterns[p], paths[s], got, want);
		}
}

static char *repeat(const char *unit, size_t times, const char *tail)
{
	size_t ul = strlen(unit), tl = strlen(tail);
	char *s = xmalloc(ul * times + tl + 1);
	for (size_t i = 0; i < times; i++)
		memcpy(s + i * ul, unit, ul);
	memcpy(s + ul * times, tail, tl + 1);
	return s;
}

/* The recursive matcher took 2^24 tries for 24 "**" components on a path
 * that does not match, and overflowed the stack on 300,000. Steps are now
 * at most pattern x path: both patterns below take well under a million
 * (the first about 1,500, the second about 2 million... bounded by
 * components x components plus characters). */
static void test_glob_cost_linear(void **state)
{
	(void)state;
	char *p24 = repeat("**/", 24, "*.zone");
	size_t work = 0;
	assert_false(discover_glob_match(p24, "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/db.x", &work));
	assert_true(work < 10000);
	work = 0;
	assert_true(discover_glob_match(p24, "a/b/c/x.zone", &work));
	free(p24);

	char *p300k = repeat("**/", 300000, "*.zone");
	work = 0;
	assert_false(discover_glob_match(p300k, "a/b/c/d/e/db.x", &work));
	assert_true(work < 10 * 1000 * 1000);
	free(p300k);

	/* many stars in one component: glibc's fnmatch is exponential here */
	char *stars = repeat("*a", 40, "b");
	char *as = repeat("a", 200, "");
	work = 0;
	assert_false(discover_name_match(stars, strlen(stars), as, strlen(as), &work));
	assert_true(work < 41 * 2 * 201 + 1000);
	free(stars);
	free(as);
}

/* The longest prefix, first in the config among identical ones: what the
 * scan over every entry gave, now from a sorted table. */
static const struct include_rewrite *scan_longest(const struct config *cfg, const char *written)
{
	const struct include_rewrite *best = NULL;
	for (size_t i = 0; i < cfg->ninclude_map; i++) {
		const struct include_rewrite *m = &cfg->include_map[i];
		if (!strncmp(written, m->from, strlen(m->from)) &&
		    (!best || strlen(m->from) > strlen(best->from)))
			best = m;
	}
	return best;
}

static void test_include_map_longest_prefix(void **state)
{
	(void)state;
	static const char *const froms[] = {
		"/etc/", "/etc/bind/", "/etc/bind/zones/", "/etc/bind/zonesX", "/etc/b", "/e",
		"ffhl/", "ffhl/x", "/etc/bind/", "", "/etc/bind/zones/common/", "/etc/bind/z",
	};
	static const char *const written[] = {
		"/etc/bind/zones/db.x", "/etc/bind/zonesX/y", "/etc/bind/zone", "/etc/b", "/etc/bi",
		"/e", "/f", "ffhl/x/y", "ffhl/y", "ffh", "", "/etc/bind/zones/common/a",
		"/etc/bind/zones/commo", "/etc/bind/zz", "zzz", "/etc/bind/zonesXY",
	};
	struct config cfg;
	memset(&cfg, 0, sizeof(cfg));
	cfg.root = (char *)"/srv";
	struct include_rewrite map[ARRAY_LEN(froms)];
	for (size_t n = 0; n <= ARRAY_LEN(froms); n++) {
		/* every leading subset, and the same reversed */
		for (int reversed = 0; reversed < 2; reversed++) {
			for (size_t i = 0; i < n; i++) {
				size_t k = reversed ? n - 1 - i : i;
				map[i].from = (char *)froms[k];
				map[i].to = xasprintf("to%zu", k);
			}
			cfg.include_map = map;
			cfg.ninclude_map = n;
			struct include_resolver r;
			include_resolver_init(&r, &cfg);
			for (size_t w = 0; w < ARRAY_LEN(written); w++) {
				const struct include_rewrite *want = scan_longest(&cfg, written[w]);
				const char *why = NULL;
				char *got = resolve_include(&r, "db.x", written[w], &why);
				char *expect = want ? path_join_normalise(want->to,
									  written[w] + strlen(want->from))
						    : NULL;
				if (want && (!got || !expect || strcmp(got, expect)))
					fail_msg("n=%zu '%s': got %s, want %s", n, written[w],
						 got ? got : "none", expect ? expect : "none");
				free(got);
				free(expect);
			}
			include_resolver_free(&r);
			for (size_t i = 0; i < n; i++)
				free(map[i].to);
		}
	}
}

/* Globs over an in-memory tree: identical globs tried once, every file
 * once however many globs match it, the config's order kept. */
static void test_globs_collect(void **state)
{
	(void)state;
	struct source *src = source_mem_new();
	static const char *const files[] = {
		"zones/a.zone", "zones/sub/b.zone", "other/c.zone", "db.top", "zones/.hidden/d.zone",
	};
	for (size_t i = 0; i < ARRAY_LEN(files); i++)
		source_mem_add(src, files[i], "x", 1);
	struct config cfg;
	config_init_defaults(&cfg);
	struct zone_spec specs[] = {
		{NULL, (char *)"zones/**/*.zone", NULL, 1},
		{NULL, (char *)"**/*.zone", NULL, 2},
		{(char *)"db.top", NULL, NULL, 3},
		{NULL, (char *)"zones/**/*.zone", NULL, 4},
	};
	cfg.zones = specs;
	cfg.nzones = ARRAY_LEN(specs);
	struct zone_requests reqs;
	memset(&reqs, 0, sizeof(reqs));
	char *err = NULL;
	assert_int_equal(load_collect(&reqs, src, &cfg, NULL, 0, &err), 0);
	static const char *const want[] = {
		"zones/a.zone", "zones/sub/b.zone", "other/c.zone", "db.top",
	};
	assert_int_equal(reqs.count, ARRAY_LEN(want));
	for (size_t i = 0; i < ARRAY_LEN(want); i++)
		assert_string_equal(reqs.items[i].path, want[i]);
	assert_string_equal(reqs.searched.data, "glob 'zones/**/*.zone', glob '**/*.zone'");
	zone_requests_free(&reqs);
	cfg.zones = NULL;
	cfg.nzones = 0;
	config_free(&cfg);
	source_free(src);
}

/* One file listed with several origins is one zone per distinct origin
 * (the same origin again is the same zone); a glob that finds it first
 * takes the first origin; files found only by a glob are searched (a
 * fragment another zone includes is then no zone). */
static void test_one_file_several_origins(void **state)
{
	(void)state;
	struct source *src = source_mem_new();
	static const char *const files[] = {"zones/mesh.zone", "zones/office.inc", "db.other"};
	for (size_t i = 0; i < ARRAY_LEN(files); i++)
		source_mem_add(src, files[i], "x", 1);
	struct config cfg;
	config_init_defaults(&cfg);
	struct zone_spec specs[] = {
		{NULL, (char *)"zones/*", NULL, 1},
		{(char *)"zones/mesh.zone", NULL, (char *)"mesh.", 2},
		{(char *)"zones/mesh.zone", NULL, (char *)"mesh.example.net.", 3},
		{(char *)"zones/mesh.zone", NULL, (char *)"mesh.", 4},
		{(char *)"db.other", NULL, NULL, 5},
		{(char *)"db.other", NULL, (char *)"example.org.", 6},
	};
	cfg.zones = specs;
	cfg.nzones = ARRAY_LEN(specs);
	struct want_request {
		const char *path, *origin;
		bool searched;
	};
	static const struct want_request wants[2][4] = {{
		{"zones/mesh.zone", "mesh.", false},
		{"zones/office.inc", NULL, true},
		{"zones/mesh.zone", "mesh.example.net.", false},
		{"db.other", "example.org.", false},
	}, {	/* PATHs name the files (none is searched); the config adds origins */
		{"zones/mesh.zone", "mesh.", false},
		{"zones/office.inc", NULL, false},
		{"db.other", "example.org.", false},
		{"zones/mesh.zone", "mesh.example.net.", false},
	}};
	/* from the config, and from PATHs that the config gives origins */
	for (int from_paths = 0; from_paths < 2; from_paths++) {
		const struct want_request *want = wants[from_paths];
		struct zone_requests reqs;
		memset(&reqs, 0, sizeof(reqs));
		char *err = NULL;
		char *paths[] = {(char *)"zones/mesh.zone", (char *)"zones/office.inc",
				 (char *)"db.other"};
		assert_int_equal(load_collect(&reqs, src, &cfg, from_paths ? paths : NULL,
					      from_paths ? 3 : 0, &err), 0);
		assert_int_equal(reqs.count, ARRAY_LEN(wants[0]));
		for (size_t i = 0; i < ARRAY_LEN(wants[0]); i++) {
			const struct zone_request *r = &reqs.items[i];
			const char *origin = r->origin ? r->origin : "(none)";
			bool searched = want[i].searched;
			if (strcmp(r->path, want[i].path) ||
			    strcmp(origin, want[i].origin ? want[i].origin : "(none)") ||
			    r->searched != searched)
				fail_msg("%s %zu: %s %s %d, want %s %s %d", from_paths ? "paths" : "config",
					 i, r->path, origin, r->searched, want[i].path,
					 want[i].origin ? want[i].origin : "(none)", searched);
		}
		zone_requests_free(&reqs);
	}
	cfg.zones = NULL;
	cfg.nzones = 0;
	config_free(&cfg);
	source_free(src);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Discovery climbs from the current directory to the repository root (the
 * nearest directory with .git, a file in a worktree) and no further: a
 * .ptrlint.yaml above the repository belongs to someone else. */
/* From a PATH's directory elsewhere: the same climb, from there, with the
 * config named as found, not relative to the current directory. */
static void test_config_discovery_from_paths(void **state)
{
	(void)state;
	char top[] = "/tmp/ptrlint-discover-XXXXXX";
	assert_non_null(mkdtemp(top));
	char *repo = xasprintf("%s/repo", top), *zones = xasprintf("%s/repo/zones", top);
	char *above = xasprintf("%s/.ptrlint.yaml", top), *git = xasprintf("%s/repo/.git", top);
	char *inside = xasprintf("%s/repo/.ptrlint.yaml", top);
	assert_int_equal(mkdir(repo, 0700), 0);
	assert_int_equal(mkdir(zones, 0700), 0);
	write_file(above, "fail-on: never\n");
	write_file(git, "gitdir: /elsewhere\n");
	assert_null(discover_config_from(zones));
	write_file(inside, "fail-on: never\n");
	char *found = discover_config_from(zones);
	assert_non_null(found);
	assert_string_equal(found, inside);
	free(found);
	unlink(inside);
	unlink(git);
	unlink(above);
	rmdir(zones);
	rmdir(repo);
	rmdir(top);
	free(repo);
	free(zones);
	free(above);
	free(git);
	free(inside);
}

static void test_config_discovery_stops_at_repository(void **state)
{
	(void)state;
	char top[] = "/tmp/ptrlint-discover-XXXXXX";
	assert_non_null(mkdtemp(top));
	char *here = getcwd(NULL, 0);
	char *repo = xasprintf("%s/repo", top), *sub = xasprintf("%s/repo/a/b", top);
	char *above = xasprintf("%s/.ptrlint.yaml", top), *git = xasprintf("%s/repo/.git", top);
	char *inside = xasprintf("%s/repo/a/.ptrlint.yaml", top);
	assert_int_equal(mkdir(repo, 0700), 0);
	char *middle = xasprintf("%s/a", repo);
	assert_int_equal(mkdir(middle, 0700), 0);
	free(middle);
	assert_int_equal(mkdir(sub, 0700), 0);
	write_file(above, "fail-on: never\n");
	write_file(git, "gitdir: /elsewhere\n");
	assert_int_equal(chdir(sub), 0);
	char *found = discover_config();
	assert_null(found);
	write_file(inside, "fail-on: never\n");
	found = discover_config();
	assert_non_null(found);
	assert_string_equal(found, "../.ptrlint.yaml");
	free(found);
	unlink(git);
	unlink(inside);
	found = discover_config();   /* no repository: on up to the top */
	assert_non_null(found);
	assert_string_equal(found, "../../../.ptrlint.yaml");
	free(found);
	assert_int_equal(chdir(here), 0);
	unlink(above);
	rmdir(sub);
	char *a = xasprintf("%s/a", repo);
	rmdir(a);
	free(a);
	rmdir(repo);
	rmdir(top);
	free(here);
	free(repo);
	free(sub);
	free(above);
	free(git);
	free(inside);
}

/* 20,000 copies of one glob over 2,000 files: tried once per file, far
 * below GLOB_MATCH_BUDGET; tried per copy, 4e7 tests of ~15 steps would
 * exceed it (exit 2). */
static void test_identical_globs_once(void **state)
{
	(void)state;
	struct source *src = source_mem_new();
	for (int i = 0; i < 2000; i++) {
		char *path = xasprintf("files/f%d.txt", i);
		source_mem_add(src, path, "", 0);
		free(path);
	}
	struct config cfg;
	config_init_defaults(&cfg);
	size_t n = 20000;
	struct zone_spec *specs = xcalloc(n, sizeof(*specs));
	for (size_t i = 0; i < n; i++) {
		specs[i].glob = (char *)"*/*.zone";
		specs[i].line = (unsigned)i + 1;
	}
	cfg.zones = specs;
	cfg.nzones = n;
	struct zone_requests reqs;
	memset(&reqs, 0, sizeof(reqs));
	char *err = NULL;
	int rc = load_collect(&reqs, src, &cfg, NULL, 0, &err);
	if (rc)
		fail_msg("%s", err);
	assert_int_equal(reqs.count, 0);
	assert_string_equal(reqs.searched.data, "glob '*/*.zone'");
	zone_requests_free(&reqs);
	free(specs);
	cfg.zones = NULL;
	cfg.nzones = 0;
	config_free(&cfg);
	source_free(src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_glob_table),
		cmocka_unit_test(test_agrees_with_fnmatch),
		cmocka_unit_test(test_glob_cost_linear),
		cmocka_unit_test(test_include_map_longest_prefix),
		cmocka_unit_test(test_globs_collect),
		cmocka_unit_test(test_one_file_several_origins),
		cmocka_unit_test(test_identical_globs_once),
		cmocka_unit_test(test_config_discovery_stops_at_repository),
		cmocka_unit_test(test_config_discovery_from_paths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
