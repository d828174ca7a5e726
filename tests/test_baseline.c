/*
 * test_baseline.c — the JSON reader (linter/json.c) on the texts it must
 * take and refuse, each refusal at its line and column; and the baseline
 * (linter/baseline.c) on its shape, key normalisation, counts, repeated
 * entries and the order a rewrite keeps.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "baseline.h"
#include "json.h"
#include "util.h"

struct json_row {
	const char *text;
	const char *error;       /* NULL: parses; else the message after "t.json:" */
};

static const struct json_row json_rows[] = {
	{"{}", NULL},
	{" [1, 2, {\"a\": \"b\"}] \n", NULL},
	{"\xEF\xBB\xBF{}", NULL},
	{"\"\\u00e9\\ud83d\\ude00\\n\\/\"", NULL},
	{"18446744073709551615", NULL},
	{"18446744073709551616", "1:1: number too large"},
	{"", "1:1: unexpected end of file, expected a value"},
	{"{} x", "1:4: unexpected 'x', expected the end of the file after the value"},
	{"{\"a\" 1}", "1:6: unexpected '1', expected ':'"},
	{"{\"a\": 1,}", "1:9: unexpected '}', expected a key in double quotes"},
	{"[1,\n 2", "2:3: unexpected end of file, expected ',' or ']'"},
	{"[\n\"ab", "2:1: string not closed"},
	{"[\"a\tb\"]", "1:4: control character (byte 0x09) in a string: JSON writes it as \\u0009"},
	{"\"\\x\"", "1:3: unexpected 'x', expected an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"},
	{"\"\\u12\"", "1:6: unexpected '\"', expected four hex digits after \\u"},
	{"\"\\udc00\"", "1:2: \\uDC00 is half of a surrogate pair, alone"},
	{"\"\\ud800x\"", "1:2: \\uD800 is half of a surrogate pair, alone"},
	{"\"a\\u0000\"", "1:3: \\u0000 is not allowed in a string"},
	{"-1", "1:1: negative numbers are not read here"},
	{"1.5", "1:1: only whole numbers are read here"},
	{"012", "1:1: a number must not start with 0"},
	{"null", "1:1: true, false and null are not read here: only objects, arrays, strings and whole numbers"},
	{"\x1b", "1:1: unexpected byte 0x1b, expected a value"},
	{"[[[[[[[[1]]]]]]]]", NULL},
	{"[[[[[[[[[1]]]]]]]]]", "1:9: nested deeper than 8 levels"},
};

static void test_json_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(json_rows); i++) {
		const struct json_row *row = &json_rows[i];
		struct json_value *v = NULL;
		char *err = NULL;
		int rc = json_parse(&v, "t.json", row->text, strlen(row->text), 8, &err);
		if (!row->error) {
			if (rc)
				fail_msg("row %zu: %s", i, err);
			assert_non_null(v);
		} else {
			char *want = xasprintf("t.json:%s", row->error);
			if (!rc || strcmp(err, want))
				fail_msg("row %zu: got '%s', want '%s'", i, rc ? err : "(parsed)", want);
			assert_null(v);
			free(want);
		}
		json_free(v);
		free(err);
	}
}

static void test_json_values(void **state)
{
	(void)state;
	const char *text = "{\"k\": [7, \"\\u00e9\\ud83d\\ude00\"],\n \"n\": 0}";
	struct json_value *v = NULL;
	char *err = NULL;
	assert_int_equal(json_parse(&v, "t.json", text, strlen(text), 8, &err), 0);
	assert_int_equal(v->type, JSON_OBJECT);
	assert_int_equal(v->count, 2);
	assert_string_equal(v->members[0].key, "k");
	const struct json_value *list = &v->members[0].value;
	assert_int_equal(list->type, JSON_ARRAY);
	assert_int_equal(list->items[0].number, 7);
	assert_string_equal(list->items[1].string, "\xC3\xA9\xF0\x9F\x98\x80");
	assert_int_equal(v->members[1].line, 2);
	assert_int_equal(v->members[1].column, 2);
	assert_int_equal(v->members[1].value.number, 0);
	json_free(v);
}

#define HEAD "{\"tool\": \"ptrlint\", \"baseline\": 1, \"findings\": ["
#define TAIL "]}"

struct baseline_row {
	const char *text;
	const char *error;       /* NULL: accepted */
};

static const struct baseline_row baseline_rows[] = {
	{HEAD TAIL, NULL},
	{HEAD "{\"rule\": \"zone-syntax\", \"count\": 2}" TAIL, NULL},
	{"[]", "1:1: a baseline must be an object, not an array"},
	{"{\"tool\": \"ptrlint\", \"baseline\": 1}", "1:1: a baseline needs 'tool', 'baseline' and 'findings'"},
	{"{\"tool\": \"other\", \"baseline\": 1, \"findings\": []}",
	 "1:10: 'tool' is 'other': not a baseline of ptrlint"},
	{"{\"tool\": \"ptrlint\", \"baseline\": 2, \"findings\": []}",
	 "1:33: baseline format 2 is not one this ptrlint reads (1)"},
	{"{\"tool\": \"ptrlint\", \"tool\": \"ptrlint\"}", "1:21: 'tool' given twice"},
	{HEAD "{\"rule\": \"zone-syntax\", \"count\": 1, \"file\": \"a\"}" TAIL,
	 "1:85: unknown key 'file' in a baseline entry (expected rule, zone, name, address, count)"},
	{HEAD "{\"rule\": \"zone-syntax\"}" TAIL, "1:49: a baseline entry needs 'rule' and 'count'"},
	{HEAD "{\"rule\": \"zone-syntax\", \"count\": 0}" TAIL, "1:82: 'count' must be from 1 to 4294967295"},
	{HEAD "{\"rule\": \"zone-syntax\", \"count\": 4294967296}" TAIL,
	 "1:82: 'count' must be from 1 to 4294967295"},
	{HEAD "{\"rule\": 7, \"count\": 1}" TAIL, "1:58: 'rule' must be a string, not a number"},
	{HEAD "{\"rule\": \"nope\", \"count\": 1}" TAIL, "1:58: unknown rule 'nope' (see --list-rules)"},
	{HEAD "{\"rule\": \"zone-syntax\", \"address\": \"192.0.2.300\", \"count\": 1}" TAIL,
	 "1:84: 'address' '192.0.2.300' is not an address: not an IP address or prefix"},
	{HEAD "{\"rule\": \"zone-syntax\", \"name\": \"a\\u0085.\", \"count\": 1}" TAIL,
	 "1:81: a baseline holds only printable ASCII (names are written with \\DDD escapes)"},
	{HEAD "{\"rule\": \"zone-syntax\", \"name\": \"\xC3\xA9.\", \"count\": 1}" TAIL,
	 "1:81: a baseline holds only printable ASCII (names are written with \\DDD escapes)"},
	{HEAD "\"x\"" TAIL, "1:49: a baseline entry must be an object, not a string"},
};

static void test_baseline_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(baseline_rows); i++) {
		const struct baseline_row *row = &baseline_rows[i];
		struct baseline b;
		char *err = NULL;
		int rc = baseline_parse(&b, "b.json", row->text, strlen(row->text), &err);
		if (!row->error) {
			if (rc)
				fail_msg("row %zu: %s", i, err);
		} else {
			char *want = xasprintf("b.json:%s", row->error);
			if (!rc || strcmp(err, want))
				fail_msg("row %zu: got '%s', want '%s'", i, rc ? err : "(accepted)", want);
			free(want);
		}
		baseline_free(&b);
		free(err);
	}
}

static void add(struct findings *list, enum rule_id rule, const char *zone, const char *name,
		const char *address, unsigned line)
{
	struct finding f;
	memset(&f, 0, sizeof(f));
	f.rule = rule;
	f.severity = SEV_ERROR;
	f.file = (char *)"db.example.com";
	f.line = line;
	f.zone = (char *)zone;
	f.name = (char *)name;
	f.message = (char *)"m";
	if (address) {
		const char *why;
		f.has_address = true;
		assert_true(prefix_parse(&f.address, address, &why));
	}
	findings_add(list, &f);
}

static void parse_ok(struct baseline *b, const char *text)
{
	char *err = NULL;
	if (baseline_parse(b, "b.json", text, strlen(text), &err))
		fail_msg("%s", err);
}

/* Keys compare as findings carry them: names lower-case, addresses in
 * binary; absent parts are part of the key; repeats add their counts. */
static void test_apply(void **state)
{
	(void)state;
	struct baseline b;
	parse_ok(&b, HEAD
		 "{\"rule\": \"mail-ptr-missing\", \"zone\": \"Example.COM.\", \"name\": \"MAIL.example.com.\","
		 " \"address\": \"2001:DB8:0::25\", \"count\": 1},\n"
		 "{\"rule\": \"zone-syntax\", \"zone\": \"example.com.\", \"count\": 1},\n"
		 "{\"rule\": \"zone-syntax\", \"zone\": \"example.com.\", \"count\": 1},\n"
		 "{\"rule\": \"duplicate-record\", \"zone\": \"example.com.\", \"count\": 1}" TAIL);
	struct findings list;
	memset(&list, 0, sizeof(list));
	add(&list, RULE_mail_ptr_missing, "example.com.", "mail.example.com.", "2001:db8::25", 3);
	add(&list, RULE_zone_syntax, "example.com.", NULL, NULL, 5);
	add(&list, RULE_zone_syntax, "example.com.", NULL, NULL, 6);
	add(&list, RULE_zone_syntax, "example.com.", NULL, NULL, 7);
	/* a name where the entry has none: another key */
	add(&list, RULE_duplicate_record, "example.com.", "a.example.com.", NULL, 8);
	baseline_note(&b, &list);
	baseline_apply(&b, &list);
	assert_int_equal(b.baselined, 3);
	assert_int_equal(list.count, 2);
	assert_int_equal(list.items[0].line, 7);
	assert_int_equal(list.items[1].line, 8);
	/* the repeat's count went to the first copy; duplicate-record is unused */
	assert_int_equal(b.entries[1].count, 2);
	assert_true(b.entries[2].merged);
	assert_int_equal(baseline_obsolete_count(&b), 1);
	assert_true(baseline_entry_obsolete(&b.entries[3]));
	findings_free(&list);
	baseline_free(&b);
}

static char *write_to_string(const struct baseline *old, const struct findings *list,
			     struct baseline_write_stats *stats)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	baseline_write(out, old, list, stats);
	fclose(out);
	return text;
}

/* A rewrite keeps the old order, drops what is gone, appends the new
 * sorted, and reads back as the same baseline. */
static void test_write(void **state)
{
	(void)state;
	struct baseline old;
	parse_ok(&old, HEAD
		 "{\"rule\": \"zone-syntax\", \"zone\": \"example.com.\", \"count\": 1},\n"
		 "{\"rule\": \"mx-target-alias\", \"zone\": \"example.com.\", \"name\": \"gone.example.com.\", \"count\": 1},\n"
		 "{\"rule\": \"cname-and-other-data\", \"zone\": \"example.com.\", \"name\": \"b.example.com.\", \"count\": 1}" TAIL);
	struct findings list;
	memset(&list, 0, sizeof(list));
	add(&list, RULE_host_ptr_missing, "example.com.", "c.example.com.", "192.0.2.9", 1);
	add(&list, RULE_cname_and_other_data, "example.com.", "b.example.com.", NULL, 2);
	add(&list, RULE_zone_syntax, "example.com.", NULL, NULL, 3);
	add(&list, RULE_zone_syntax, "example.com.", NULL, NULL, 4);
	add(&list, RULE_duplicate_record, "example.com.", "a.example.com.", NULL, 5);
	struct baseline_write_stats stats;
	char *text = write_to_string(&old, &list, &stats);
	assert_string_equal(text,
		"{\n  \"tool\": \"ptrlint\",\n  \"baseline\": 1,\n  \"findings\": [\n"
		"    {\"rule\": \"zone-syntax\", \"zone\": \"example.com.\", \"count\": 2},\n"
		"    {\"rule\": \"cname-and-other-data\", \"zone\": \"example.com.\", \"name\": \"b.example.com.\", \"count\": 1},\n"
		"    {\"rule\": \"duplicate-record\", \"zone\": \"example.com.\", \"name\": \"a.example.com.\", \"count\": 1},\n"
		"    {\"rule\": \"host-ptr-missing\", \"zone\": \"example.com.\", \"name\": \"c.example.com.\", \"address\": \"192.0.2.9\", \"count\": 1}\n"
		"  ]\n}\n");
	assert_int_equal(stats.entries, 4);
	assert_int_equal(stats.added, 2);
	assert_int_equal(stats.dropped, 1);

	struct baseline again;
	parse_ok(&again, text);
	baseline_note(&again, &list);
	baseline_apply(&again, &list);
	assert_int_equal(list.count, 0);
	assert_int_equal(baseline_obsolete_count(&again), 0);
	baseline_free(&again);
	free(text);

	struct findings none;
	memset(&none, 0, sizeof(none));
	text = write_to_string(NULL, &none, &stats);
	assert_string_equal(text, "{\n  \"tool\": \"ptrlint\",\n  \"baseline\": 1,\n  \"findings\": []\n}\n");
	free(text);
	findings_free(&list);
	baseline_free(&old);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_table),
		cmocka_unit_test(test_json_values),
		cmocka_unit_test(test_baseline_table),
		cmocka_unit_test(test_apply),
		cmocka_unit_test(test_write),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
