/*
 * test_record.c — the recording source behind --since's "not linted":
 * another source answers the same only when every question the recorded
 * run asked (kinds, reads, listings) gets the same answer, and questions
 * nobody asked do not matter.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "source.h"

static void add(struct source *src, const char *path, const char *text)
{
	source_mem_add(src, path, text, strlen(text));
}

/* A base tree, and the questions a run over zones/ would ask of it. */
static struct source *recorded_base(void)
{
	struct source *base = source_mem_new();
	add(base, "zones/db.example.com", "@ IN SOA ns1 h 1 2 3 4 5\n");
	add(base, "zones/hosts.inc", "www IN A 192.0.2.80\n");
	add(base, "README", "zones\n");
	struct source *rec = source_record_new(base);
	char **names = NULL, *data = NULL, *err = NULL;
	size_t count = 0, len = 0;
	assert_int_equal(source_list(rec, "zones", &names, &count, &err), 0);
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
	assert_int_equal(source_kind(rec, "zones/db.example.com"), SOURCE_FILE);
	assert_int_equal(source_read(rec, "zones/db.example.com", &data, &len, &err), 0);
	free(data);
	struct strbuf buf = STRBUF_INIT;
	assert_int_equal(source_read_buf(rec, "zones/hosts.inc", &buf, &err), 0);
	strbuf_release(&buf);
	/* an $INCLUDE of a file that does not exist yet */
	assert_int_equal(source_kind(rec, "zones/mail.inc"), SOURCE_MISSING);
	return rec;
}

/* The base tree with one change, for the recorder to be asked about. */
static struct source *target(const char *zone, const char *hosts, const char *extra_path)
{
	struct source *src = source_mem_new();
	add(src, "zones/db.example.com", zone ? zone : "@ IN SOA ns1 h 1 2 3 4 5\n");
	if (hosts)
		add(src, "zones/hosts.inc", hosts);
	add(src, "README", "zones\n");
	if (extra_path)
		add(src, extra_path, "changed\n");
	return src;
}

static void expect(bool same, struct source *other)
{
	struct source *rec = recorded_base();
	assert_int_equal(source_record_same(rec, other), same);
	source_free(other);
	source_free(rec);
}

static void test_unchanged_and_unasked(void **state)
{
	(void)state;
	expect(true, target(NULL, "www IN A 192.0.2.80\n", NULL));
	/* the run never looked at the top directory or its files */
	expect(true, target(NULL, "www IN A 192.0.2.80\n", "NOTES"));
	expect(true, target(NULL, "www IN A 192.0.2.80\n", "docs/zones.md"));
}

static void test_changes_that_count(void **state)
{
	(void)state;
	expect(false, target("@ IN SOA ns1 h 2 2 3 4 5\n", "www IN A 192.0.2.80\n", NULL));
	/* read through read_buf, as the loader reads */
	expect(false, target(NULL, "www IN A 192.0.2.81\n", NULL));
	/* deleted: the listing and the read differ */
	expect(false, target(NULL, NULL, NULL));
	/* a new file in a listed directory */
	expect(false, target(NULL, "www IN A 192.0.2.80\n", "zones/db.example.org"));
	/* the file an $INCLUDE looked for and did not find */
	expect(false, target(NULL, "www IN A 192.0.2.80\n", "zones/mail.inc"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unchanged_and_unasked),
		cmocka_unit_test(test_changes_that_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
