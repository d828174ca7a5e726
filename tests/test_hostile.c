/*
 * test_hostile.c — hostile input that golden fixtures cannot stage, and
 * the regressions of what fuzzing and fixtures/hostile found: a file that
 * vanishes between being found and being read, a zone that $INCLUDEs
 * itself, the $INCLUDE fan-out ("billion laughs" of zone files), NUL
 * bytes in $INCLUDE names, and inputs the fuzzers turned up.
 */
#include "helpers.h"

#include <stdlib.h>

#include "split.h"

/* ---- a source whose files vanish: listed and stat'ed, never readable ---- */

struct vanishing {
	struct source base;
	struct source *mem;          /* what is really there */
	const char *gone;            /* this path is a file until it is read */
};

static enum source_kind vanishing_kind(struct source *src, const char *path)
{
	struct vanishing *v = (struct vanishing *)src;
	if (!strcmp(path, v->gone))
		return SOURCE_FILE;
	return source_kind(v->mem, path);
}

static int vanishing_read(struct source *src, const char *path, char **data, size_t *len,
			  char **err)
{
	struct vanishing *v = (struct vanishing *)src;
	if (!strcmp(path, v->gone)) {
		*err = xstrdup("No such file or directory");
		return -1;
	}
	return source_read(v->mem, path, data, len, err);
}

static int vanishing_list(struct source *src, const char *dir, char ***names, size_t *count,
			  char **err)
{
	struct vanishing *v = (struct vanishing *)src;
	if (source_list(v->mem, dir, names, count, err))
		return -1;
	if (!*dir) {
		/* the vanished file is still in the directory listing */
		char **list = xcalloc(*count + 1, sizeof(*list));
		memcpy(list, *names, *count * sizeof(*list));
		list[(*count)++] = xstrdup(v->gone);
		free(*names);
		*names = list;
	}
	return 0;
}

static void vanishing_free(struct source *src)
{
	struct vanishing *v = (struct vanishing *)src;
	source_free(v->mem);
	free(v);
}

static const struct source_ops vanishing_ops = {
	vanishing_kind, vanishing_read, vanishing_list, vanishing_free, NULL, NULL,
};

static const char zone_com[] =
	"$TTL 3600\n"
	"@ IN SOA ns1.example.com. hostmaster.example.com. 1 3600 900 1209600 300\n"
	"  IN NS ns1.example.com.\n"
	"ns1 IN A 192.0.2.53\n"
	"$INCLUDE gone.inc\n"
	"after IN A 192.0.2.80\n";

static const char *problem_text(const struct index *ix, const char *needle)
{
	for (size_t i = 0; i < ix->nproblems; i++)
		if (strstr(ix->problems[i].message, needle))
			return ix->problems[i].message;
	return NULL;
}

static void test_vanished_file(void **state)
{
	(void)state;
	struct vanishing *v = xcalloc(1, sizeof(*v));
	v->base.ops = &vanishing_ops;
	v->base.description = "vanishing";
	v->mem = source_mem_new();
	v->gone = "gone.inc";
	source_mem_add(v->mem, "db.example.com", zone_com, strlen(zone_com));

	struct config cfg;
	config_init_defaults(&cfg);
	struct zone_requests reqs;
	memset(&reqs, 0, sizeof(reqs));
	char *err = NULL;
	/* directory search sees db.example.com and the vanishing file */
	v->gone = "db.gone.example";
	assert_int_equal(load_collect(&reqs, &v->base, &cfg, NULL, 0, &err), 0);
	assert_int_equal(reqs.count, 2);
	struct index ix;
	index_init(&ix);
	ix.threads = 1;
	load_zones(&ix, &v->base, &cfg, &reqs);
	index_finish(&ix);
	/* the vanished zone is one finding; the other zone still loads, its
	 * $INCLUDE of a missing file is one more */
	const char *msg = problem_text(&ix, "db.gone.example");
	assert_non_null(msg);
	assert_non_null(strstr(msg, "cannot read"));
	assert_non_null(problem_text(&ix, "gone.inc"));
	bool after = false;
	for (size_t i = 0; i < ix.nrecords; i++) {
		char name[1024];
		index_name_text(&ix, ix.records[i].owner, name);
		after |= !strcmp(name, "after.example.com.");
	}
	assert_true(after);
	index_free(&ix);
	zone_requests_free(&reqs);

	/* a fragment that vanishes between the kind check and the read */
	v->gone = "gone.inc";
	memset(&reqs, 0, sizeof(reqs));
	assert_int_equal(load_collect(&reqs, &v->base, &cfg, NULL, 0, &err), 0);
	index_init(&ix);
	ix.threads = 1;
	load_zones(&ix, &v->base, &cfg, &reqs);
	index_finish(&ix);
	msg = problem_text(&ix, "gone.inc");
	assert_non_null(msg);
	assert_non_null(strstr(msg, "cannot read 'gone.inc'"));
	index_free(&ix);
	zone_requests_free(&reqs);
	source_free(&v->base);
	config_free(&cfg);
}

/* Found by fixtures/hostile/include-cycles: a zone file that $INCLUDEs
 * itself was taken for a fragment of itself and silently not linted. */
static void test_zone_including_itself_is_linted(void **state)
{
	(void)state;
	static const char text[] =
		"$TTL 3600\n"
		"@ IN SOA ns1.example.net. hostmaster.example.net. 1 3600 900 1209600 300\n"
		"www IN A 192.0.2.80\n"
		"$INCLUDE db.example.net\n";
	struct config cfg;
	config_init_defaults(&cfg);
	struct source *src = source_mem_new();
	source_mem_add(src, "db.example.net", text, strlen(text));
	struct zone_requests reqs;
	memset(&reqs, 0, sizeof(reqs));
	char *err = NULL;
	assert_int_equal(load_collect(&reqs, src, &cfg, NULL, 0, &err), 0);
	assert_int_equal(reqs.count, 1);
	assert_true(reqs.items[0].searched);
	struct index ix;
	index_init(&ix);
	ix.threads = 1;
	load_zones(&ix, src, &cfg, &reqs);
	index_finish(&ix);
	assert_int_equal(ix.nzones, 1);
	assert_true(ix.zones[0].loaded);
	assert_int_equal(ix.nrecords, 2);
	assert_non_null(problem_text(&ix, "include cycle"));
	index_free(&ix);
	zone_requests_free(&reqs);
	source_free(src);
	config_free(&cfg);
}

/* Found by fixtures/hostile/include-fanout: 13 files of ten "$INCLUDE
 * next" lines made 10^12 reads with no cycle and no deep nesting. */
static void test_include_fanout_is_bounded(void **state)
{
	(void)state;
	struct fixture f;
	struct mem_zone files[14];
	char names[14][32];
	char texts[14][256];
	snprintf(texts[0], sizeof(texts[0]),
		 "$TTL 3600\n@ IN SOA ns1.example.net. hm.example.net. 1 1 1 1 1\n"
		 "$INCLUDE l01.inc\n");
	files[0] = (struct mem_zone){"db.example.net", texts[0], NULL};
	for (int i = 1; i <= 12; i++) {
		snprintf(names[i], sizeof(names[i]), "l%02d.inc", i);
		texts[i][0] = '\0';
		for (int k = 0; k < 10; k++)
			snprintf(texts[i] + strlen(texts[i]), sizeof(texts[i]) - strlen(texts[i]),
				 "$INCLUDE l%02d.inc\n", i + 1);
		files[i] = (struct mem_zone){names[i], texts[i], "-"};
	}
	files[13] = (struct mem_zone){"l13.inc", "leaf IN TXT \"x\"\n", "-"};
	fixture_load(&f, files, 14);
	size_t budget = 0;
	for (size_t i = 0; i < f.ix.nproblems; i++)
		if (strstr(f.ix.problems[i].message, "more than 10000 $INCLUDEs"))
			budget++;
	assert_int_equal(budget, 1);            /* said once, not per refusal */
	assert_true(f.ix.nrecords < 10001);
	assert_true(f.ix.zones[0].loaded);
	fixture_free(&f);
}

static void test_include_name_with_nul(void **state)
{
	(void)state;
	static const char text[] =
		"$TTL 3600\n"
		"@ IN SOA ns1.example.net. hm.example.net. 1 1 1 1 1\n"
		"$INCLUDE inc\\000/../../etc/passwd\n"
		"$INCLUDE \"inc\\000\"\n"
		"www IN A 192.0.2.80\n";
	const struct mem_zone files[] = {{"db.example.net", text, NULL}};
	struct fixture f;
	fixture_load(&f, files, 1);
	assert_non_null(strstr(fixture_problem_at(&f, "db.example.net", 3), "NUL byte"));
	assert_non_null(strstr(fixture_problem_at(&f, "db.example.net", 4), "NUL byte"));
	assert_int_equal(f.ix.nrecords, 2);
	fixture_free(&f);
}

/* Found by fuzz_config: a 47-byte config whose pattern repeats something
 * that can match nothing, beside an anchor; glibc's regcomp took minutes
 * over it. Such patterns are refused before regcomp sees them. */
static void test_regex_nullable_repetition_refused(void **state)
{
	(void)state;
	static const char *const refused[] = {
		"mail: {patterns: [\"($a*+*){100}&)*)*){100}0\"]}\n",   /* the fuzzer's input */
		"mail: {patterns: ['^(a*+){25}']}\n",
		"mail: {patterns: ['(a*+*+*+*+*+){100}']}\n",
		"mail: {patterns: ['(a****************+){255}']}\n",
		"mail: {patterns: ['(^|x){30}']}\n",
		"rules: {ptr-target-missing: {ptr-only: ['(\\ba*+){20}']}}\n",
	};
	for (size_t i = 0; i < ARRAY_LEN(refused); i++) {
		struct config cfg;
		config_init_defaults(&cfg);
		char *err = NULL;
		int rc = config_load_buffer(&cfg, "c.yaml", refused[i], strlen(refused[i]), &err);
		if (rc != -1 || !err || !strstr(err, "can match nothing"))
			fail_msg("%s: expected a refusal, got %d '%s'", refused[i], rc, err ? err : "");
		free(err);
		config_free(&cfg);
	}
	static const char *const accepted[] = {
		"mail: {patterns: ['^(mail|smtp|mx)[0-9]*\\.']}\n",
		"mail: {patterns: ['([a-z0-9-]*\\.)*example\\.com\\.$']}\n",
		"mail: {patterns: ['(\\.|^)mail[0-9]*\\.', '^mx[0-9]*(-[a-z]+)?\\.']}\n",
		"rules: {ptr-target-missing: {ptr-only: ['^(ae|xe|et|ge|irb|lo)[0-9.-]*\\.', '^vrrp-']}}\n",
	};
	for (size_t i = 0; i < ARRAY_LEN(accepted); i++) {
		struct config cfg;
		config_init_defaults(&cfg);
		char *err = NULL;
		int rc = config_load_buffer(&cfg, "c.yaml", accepted[i], strlen(accepted[i]), &err);
		if (rc != 0)
			fail_msg("%s: refused: %s", accepted[i], err ? err : "");
		config_free(&cfg);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vanished_file),
		cmocka_unit_test(test_zone_including_itself_is_linted),
		cmocka_unit_test(test_include_fanout_is_bounded),
		cmocka_unit_test(test_include_name_with_nul),
		cmocka_unit_test(test_regex_nullable_repetition_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
