/*
 * test_report.c — the output formats of SPEC §3, byte for byte: text (with
 * and without colour, and its summary line), json, sarif and github, each
 * fed a message full of hostile bytes (quotes, backslash, CR/LF, tab, '%',
 * ':', ',', invalid UTF-8, ESC); and JSON string escaping on its own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "findings.h"
#include "report.h"
#include "util.h"

/* Everything a zone could smuggle into a message. */
#define HOSTILE "say \"hi\" \\ back\nline2\ttab 100% a:b,c \xff\xc3( \x1b[31mred caf\xc3\xa9"
#define FFFD "\xef\xbf\xbd"

static const struct report_summary summary_3 = {
	.files = 2, .zones = 2, .records = 1234, .seconds = 0.5, .hidden = 0,
};

static struct report_options options_for(enum report_format format)
{
	return (struct report_options){
		.format = format,
		.version = "1.2.3",
		.doc_base = "https://example.org/docs/rules/",
	};
}

static void add_prefix(struct findings *list, struct finding f, const char *prefix)
{
	if (prefix) {
		const char *why = NULL;
		assert_true(prefix_parse(&f.address, prefix, &why));
		f.has_address = true;
	}
	findings_add(list, &f);
}

/* One finding per severity; sorted, the hostile one (line 0) comes first
 * because ' ' sorts before '.'. */
static void three_findings(struct findings *list)
{
	add_prefix(list, (struct finding){
		.rule = RULE_mail_ptr_missing, .severity = SEV_ERROR,
		.file = "zones/db.example.com", .line = 12,
		.zone = "example.com.", .name = "mail.example.com.",
		.iprev = IPREV_PERMERROR,
		.message = "mail host mail.example.com. has address 192.0.2.25 but no PTR record",
	}, "192.0.2.25");
	add_prefix(list, (struct finding){
		.rule = RULE_zone_syntax, .severity = SEV_WARNING,
		.file = "zones/db.example.com", .line = 3, .zone = "example.com.",
		.message = "bad TTL \"1x\"",
	}, NULL);
	add_prefix(list, (struct finding){
		.rule = RULE_host_ptr_missing, .severity = SEV_INFO,
		.file = "zones/db a,b:c", .line = 0,
		.zone = "2.0.192.in-addr.arpa.", .message = HOSTILE,
	}, "192.0.2.0/26");
	findings_sort_dedup(list);
}

/* The report as strings: *out_text from out, *summary_text from
 * summary_out (may be NULL to ignore it). Caller frees. */
static void render(const struct findings *list,
		   const struct report_summary *summary,
		   const struct report_options *options, char **out_text,
		   char **summary_text)
{
	size_t out_len = 0, summary_len = 0;
	char *summary_buf = NULL;
	FILE *out = open_memstream(out_text, &out_len);
	FILE *summary_out = open_memstream(&summary_buf, &summary_len);
	assert_non_null(out);
	assert_non_null(summary_out);
	report_write(out, summary_out, list, summary, options);
	fclose(out);
	fclose(summary_out);
	if (summary_text)
		*summary_text = summary_buf;
	else
		free(summary_buf);
}

static void assert_output(const struct findings *list,
			  const struct report_summary *summary,
			  const struct report_options *options,
			  const char *expected, const char *expected_summary)
{
	char *out, *summary_text;
	render(list, summary, options, &out, &summary_text);
	assert_string_equal(out, expected);
	assert_string_equal(summary_text, expected_summary);
	free(out);
	free(summary_text);
}

static void test_format_parse(void **state)
{
	(void)state;
	enum report_format f = FORMAT_TEXT;
	assert_true(report_format_parse("json", &f));
	assert_int_equal(f, FORMAT_JSON);
	assert_true(report_format_parse("sarif", &f));
	assert_int_equal(f, FORMAT_SARIF);
	assert_true(report_format_parse("github", &f));
	assert_int_equal(f, FORMAT_GITHUB);
	assert_true(report_format_parse("text", &f));
	assert_int_equal(f, FORMAT_TEXT);
	f = FORMAT_SARIF;
	assert_false(report_format_parse("JSON", &f));
	assert_false(report_format_parse("", &f));
	assert_false(report_format_parse("xml", &f));
	assert_false(report_format_parse("texts", &f));
	assert_int_equal(f, FORMAT_SARIF);
}

static const struct {
	const char *in;
	const char *out;
} json_strings[] = {
	{"", "\"\""},
	{"plain", "\"plain\""},
	{"\"\\/", "\"\\\"\\\\/\""},
	{"\n\r\t", "\"\\n\\r\\t\""},
	{"\x01\b\f\x1b\x1f\x7f", "\"\\u0001\\u0008\\u000c\\u001b\\u001f\\u007f\""},
	/* Valid UTF-8 passes through, up to U+10FFFF, U+FFFD included. */
	{"\xc2\x80\xe2\x82\xac\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf" FFFD,
	 "\"\xc2\x80\xe2\x82\xac\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf" FFFD "\""},
	/* One U+FFFD per maximal ill-formed subpart. */
	{"\x80", "\"" FFFD "\""},
	{"a\xff" "b", "\"a" FFFD "b\""},
	{"\xc0\xaf", "\"" FFFD FFFD "\""},                 /* overlong '/' */
	{"\xe0\x80\x80", "\"" FFFD FFFD FFFD "\""},        /* overlong NUL */
	{"\xed\xa0\x80", "\"" FFFD FFFD FFFD "\""},        /* surrogate */
	{"\xf4\x90\x80\x80", "\"" FFFD FFFD FFFD FFFD "\""}, /* > U+10FFFF */
	{"\xf5\x80", "\"" FFFD FFFD "\""},
	{"\xe2\x82" "x", "\"" FFFD "x\""},                 /* truncated */
	{"\xf0\x9f\x98", "\"" FFFD "\""},                  /* truncated at end */
	{"\xc3(", "\"" FFFD "(\""},
};

static void test_json_write_string(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(json_strings); i++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&buf, &len);
		json_write_string(out, json_strings[i].in);
		fclose(out);
		assert_string_equal(buf, json_strings[i].out);
		free(buf);
	}
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	json_write_string(out, NULL);
	fclose(out);
	assert_string_equal(buf, "\"\"");
	free(buf);
}

static void test_text(void **state)
{
	(void)state;
	struct findings list = {0};
	three_findings(&list);
	struct report_options options = options_for(FORMAT_TEXT);
	assert_output(&list, &summary_3, &options,
		"zones/db a,b:c: info: say \"hi\" \\ back\\nline2\\ttab 100% a:b,c \\xff\\xc3( \\x1b[31mred caf\xc3\xa9 [host-ptr-missing]\n"
		"zones/db.example.com:3: warning: bad TTL \"1x\" [zone-syntax]\n"
		"zones/db.example.com:12: error: mail host mail.example.com. has address 192.0.2.25 but no PTR record [mail-ptr-missing]\n",
		"1 error, 1 warning, 1 info in 2 zones, 1,234 records\n");
	findings_free(&list);
}

static void test_text_color(void **state)
{
	(void)state;
	struct findings list = {0};
	three_findings(&list);
	struct report_options options = options_for(FORMAT_TEXT);
	options.color = true;
	assert_output(&list, &summary_3, &options,
		"\033[1mzones/db a,b:c:\033[0m \033[1;36minfo:\033[0m say \"hi\" \\ back\\nline2\\ttab 100% a:b,c \\xff\\xc3( \\x1b[31mred caf\xc3\xa9 [host-ptr-missing]\n"
		"\033[1mzones/db.example.com:3:\033[0m \033[1;35mwarning:\033[0m bad TTL \"1x\" [zone-syntax]\n"
		"\033[1mzones/db.example.com:12:\033[0m \033[1;31merror:\033[0m mail host mail.example.com. has address 192.0.2.25 but no PTR record [mail-ptr-missing]\n",
		"1 error, 1 warning, 1 info in 2 zones, 1,234 records\n");
	findings_free(&list);
}

/* C1 controls (U+009B is CSI to some terminals), DEL, and every byte of a
 * file name are made safe too, not just the message. */
static void test_text_neutralises_controls(void **state)
{
	(void)state;
	struct findings list = {0};
	struct finding f = {
		.rule = RULE_zone_syntax, .severity = SEV_ERROR,
		.file = "evil\r\nfake.zone", .line = 1,
		.message = "a\xc2\x9b" "2J\x7f\x9b" "b\xc2\xa0" "c",
	};
	findings_add(&list, &f);
	struct report_options options = options_for(FORMAT_TEXT);
	options.quiet = true;
	assert_output(&list, &summary_3, &options,
		      "evil\\r\\nfake.zone:1: error: a\\xc2\\x9b2J\\x7f\\x9bb\xc2\xa0" "c [zone-syntax]\n", "");
	findings_free(&list);
}

static void test_text_summary(void **state)
{
	(void)state;
	struct findings list = {0};
	struct report_options options = options_for(FORMAT_TEXT);
	struct report_summary summary = {.files = 1, .zones = 3, .records = 1234567};

	assert_output(&list, &summary, &options, "",
		      "no findings in 3 zones, 1,234,567 records\n");

	summary = (struct report_summary){.zones = 1, .records = 1, .seconds = 0.214, .hidden = 1234};
	options.show_time = true;
	assert_output(&list, &summary, &options, "",
		      "no findings in 1 zone, 1 record, 0.21 s, 1,234 hidden as already in the base\n");

	findings_add(&list, &(struct finding){
		.rule = RULE_zone_syntax, .severity = SEV_ERROR, .file = "a",
		.line = 1, .message = "x"});
	findings_add(&list, &(struct finding){
		.rule = RULE_zone_syntax, .severity = SEV_ERROR, .file = "a",
		.line = 2, .message = "y"});
	options.show_time = false;
	summary = (struct report_summary){.zones = 0, .records = 999, .hidden = 1};
	assert_output(&list, &summary, &options,
		      "a:1: error: x [zone-syntax]\na:2: error: y [zone-syntax]\n",
		      "2 errors, 0 warnings, 0 info in 0 zones, 999 records, 1 hidden as already in the base\n");

	summary = (struct report_summary){.zones = 12, .records = 48210, .seconds = 3};
	options.quiet = true;
	assert_output(&list, &summary, &options,
		      "a:1: error: x [zone-syntax]\na:2: error: y [zone-syntax]\n", "");
	options.quiet = false;
	options.show_time = true;
	assert_output(&list, &summary, &options,
		      "a:1: error: x [zone-syntax]\na:2: error: y [zone-syntax]\n",
		      "2 errors, 0 warnings, 0 info in 12 zones, 48,210 records, 3.00 s\n");
	findings_free(&list);
}

static void test_json(void **state)
{
	(void)state;
	struct findings list = {0};
	three_findings(&list);
	struct report_options options = options_for(FORMAT_JSON);
	assert_output(&list, &summary_3, &options,
		"{\n"
		"  \"tool\": \"ptrlint\",\n"
		"  \"version\": \"1.2.3\",\n"
		"  \"findings\": [\n"
		"    {\n"
		"      \"rule\": \"host-ptr-missing\",\n"
		"      \"severity\": \"info\",\n"
		"      \"message\": \"say \\\"hi\\\" \\\\ back\\nline2\\ttab 100% a:b,c " FFFD FFFD "( \\u001b[31mred caf\xc3\xa9\",\n"
		"      \"file\": \"zones/db a,b:c\",\n"
		"      \"line\": 0,\n"
		"      \"zone\": \"2.0.192.in-addr.arpa.\",\n"
		"      \"address\": \"192.0.2.0/26\"\n"
		"    },\n"
		"    {\n"
		"      \"rule\": \"zone-syntax\",\n"
		"      \"severity\": \"warning\",\n"
		"      \"message\": \"bad TTL \\\"1x\\\"\",\n"
		"      \"file\": \"zones/db.example.com\",\n"
		"      \"line\": 3,\n"
		"      \"zone\": \"example.com.\"\n"
		"    },\n"
		"    {\n"
		"      \"rule\": \"mail-ptr-missing\",\n"
		"      \"severity\": \"error\",\n"
		"      \"message\": \"mail host mail.example.com. has address 192.0.2.25 but no PTR record\",\n"
		"      \"file\": \"zones/db.example.com\",\n"
		"      \"line\": 12,\n"
		"      \"zone\": \"example.com.\",\n"
		"      \"name\": \"mail.example.com.\",\n"
		"      \"address\": \"192.0.2.25\",\n"
		"      \"iprev\": \"permerror\"\n"
		"    }\n"
		"  ],\n"
		"  \"summary\": {\n"
		"    \"files\": 2,\n"
		"    \"zones\": 2,\n"
		"    \"records\": 1234,\n"
		"    \"error\": 1,\n"
		"    \"warning\": 1,\n"
		"    \"info\": 1\n"
		"  }\n"
		"}\n",
		"");
	findings_free(&list);
}

static void test_json_empty_with_hidden(void **state)
{
	(void)state;
	struct findings list = {0};
	struct report_options options = options_for(FORMAT_JSON);
	options.version = "0.9.0-dev";
	struct report_summary summary = {.files = 7, .zones = 5, .records = 0, .hidden = 4};
	assert_output(&list, &summary, &options,
		"{\n"
		"  \"tool\": \"ptrlint\",\n"
		"  \"version\": \"0.9.0-dev\",\n"
		"  \"findings\": [],\n"
		"  \"summary\": {\n"
		"    \"files\": 7,\n"
		"    \"zones\": 5,\n"
		"    \"records\": 0,\n"
		"    \"error\": 0,\n"
		"    \"warning\": 0,\n"
		"    \"info\": 0,\n"
		"    \"hidden\": 4\n"
		"  }\n"
		"}\n",
		"");
}

/* The driver's rule list, written out independently of the reporter. */
static void add_sarif_rules(struct strbuf *sb)
{
	static const char *const level[] = {
		[SEV_OFF] = "none", [SEV_INFO] = "note",
		[SEV_WARNING] = "warning", [SEV_ERROR] = "error",
	};
	for (int i = 0; i < RULE_COUNT; i++) {
		const struct rule *r = &rule_table[i];
		/* Summaries are copied unescaped below. */
		assert_null(strpbrk(r->summary, "\"\\"));
		strbuf_addf(sb,
			"            {\n"
			"              \"id\": \"%s\",\n"
			"              \"name\": \"%s\",\n"
			"              \"shortDescription\": {\n"
			"                \"text\": \"%s\"\n"
			"              },\n"
			"              \"fullDescription\": {\n"
			"                \"text\": \"%s\"\n"
			"              },\n"
			"              \"helpUri\": \"https://example.org/docs/rules/%s.md\",\n"
			"              \"defaultConfiguration\": {\n"
			"                \"level\": \"%s\"\n"
			"              }\n"
			"            }%s\n",
			r->id, r->id, r->summary, r->summary, r->id,
			level[r->severity], i + 1 < RULE_COUNT ? "," : "");
	}
}

static void test_sarif(void **state)
{
	(void)state;
	struct findings list = {0};
	three_findings(&list);
	struct report_options options = options_for(FORMAT_SARIF);

	struct strbuf want = STRBUF_INIT;
	strbuf_addstr(&want,
		"{\n"
		"  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
		"  \"version\": \"2.1.0\",\n"
		"  \"runs\": [\n"
		"    {\n"
		"      \"tool\": {\n"
		"        \"driver\": {\n"
		"          \"name\": \"ptrlint\",\n"
		"          \"version\": \"1.2.3\",\n"
		"          \"informationUri\": \"https://github.com/ptrlint/ptrlint\",\n"
		"          \"rules\": [\n");
	add_sarif_rules(&want);
	strbuf_addf(&want,
		"          ]\n"
		"        }\n"
		"      },\n"
		"      \"results\": [\n"
		"        {\n"
		"          \"ruleId\": \"host-ptr-missing\",\n"
		"          \"ruleIndex\": %d,\n"
		"          \"level\": \"note\",\n"
		"          \"message\": {\n"
		"            \"text\": \"say \\\"hi\\\" \\\\ back\\nline2\\ttab 100%% a:b,c " FFFD FFFD "( \\u001b[31mred caf\xc3\xa9\"\n"
		"          },\n"
		"          \"locations\": [\n"
		"            {\n"
		"              \"physicalLocation\": {\n"
		"                \"artifactLocation\": {\n"
		"                  \"uri\": \"zones/db%%20a%%2Cb%%3Ac\",\n"
		"                  \"uriBaseId\": \"%%SRCROOT%%\"\n"
		"                }\n"
		"              }\n"
		"            }\n"
		"          ],\n"
		"          \"partialFingerprints\": {\n"
		"            \"ptrlint/v1\": \"7c4e9843c936f61c\"\n"
		"          }\n"
		"        },\n"
		"        {\n"
		"          \"ruleId\": \"zone-syntax\",\n"
		"          \"ruleIndex\": %d,\n"
		"          \"level\": \"warning\",\n"
		"          \"message\": {\n"
		"            \"text\": \"bad TTL \\\"1x\\\"\"\n"
		"          },\n"
		"          \"locations\": [\n"
		"            {\n"
		"              \"physicalLocation\": {\n"
		"                \"artifactLocation\": {\n"
		"                  \"uri\": \"zones/db.example.com\",\n"
		"                  \"uriBaseId\": \"%%SRCROOT%%\"\n"
		"                },\n"
		"                \"region\": {\n"
		"                  \"startLine\": 3\n"
		"                }\n"
		"              }\n"
		"            }\n"
		"          ],\n"
		"          \"partialFingerprints\": {\n"
		"            \"ptrlint/v1\": \"eb037c22340f5985\"\n"
		"          }\n"
		"        },\n"
		"        {\n"
		"          \"ruleId\": \"mail-ptr-missing\",\n"
		"          \"ruleIndex\": %d,\n"
		"          \"level\": \"error\",\n"
		"          \"message\": {\n"
		"            \"text\": \"mail host mail.example.com. has address 192.0.2.25 but no PTR record\"\n"
		"          },\n"
		"          \"locations\": [\n"
		"            {\n"
		"              \"physicalLocation\": {\n"
		"                \"artifactLocation\": {\n"
		"                  \"uri\": \"zones/db.example.com\",\n"
		"                  \"uriBaseId\": \"%%SRCROOT%%\"\n"
		"                },\n"
		"                \"region\": {\n"
		"                  \"startLine\": 12\n"
		"                }\n"
		"              }\n"
		"            }\n"
		"          ],\n"
		"          \"partialFingerprints\": {\n"
		"            \"ptrlint/v1\": \"10141434894f51cf\"\n"
		"          }\n"
		"        }\n"
		"      ],\n"
		"      \"columnKind\": \"unicodeCodePoints\"\n"
		"    }\n"
		"  ]\n"
		"}\n",
		(int)RULE_host_ptr_missing, (int)RULE_zone_syntax,
		(int)RULE_mail_ptr_missing);
	assert_output(&list, &summary_3, &options, want.data, "");
	strbuf_release(&want);
	findings_free(&list);
}

/* The fingerprint of the finding the report holds, as printed. */
static char *sarif_fingerprint(const struct finding *f,
			       const struct report_options *options)
{
	struct findings list = {0};
	findings_add(&list, f);
	char *out;
	render(&list, &summary_3, options, &out, NULL);
	findings_free(&list);
	const char *key = "\"ptrlint/v1\": \"";
	char *at = strstr(out, key);
	assert_non_null(at);
	char *print = xstrndup(at + strlen(key), 16);
	assert_int_equal(at[strlen(key) + 16], '"');
	free(out);
	return print;
}

static void test_sarif_fingerprint_ignores_place_and_wording(void **state)
{
	(void)state;
	struct report_options options = options_for(FORMAT_SARIF);
	struct finding f = {
		.rule = RULE_mail_ptr_mismatch, .severity = SEV_ERROR,
		.file = "zones/a", .line = 5, .zone = "a.", .name = "mx.a.",
		.message = "one wording",
	};
	assert_true(prefix_parse(&f.address, "2001:db8::25", NULL));
	f.has_address = true;
	char *base = sarif_fingerprint(&f, &options);

	struct finding moved = f;
	moved.line = 50;
	moved.file = "zones/b";
	moved.message = "another wording";
	moved.severity = SEV_WARNING;
	char *same = sarif_fingerprint(&moved, &options);
	assert_string_equal(base, same);

	struct finding other = f;
	other.name = "mx2.a.";
	char *by_name = sarif_fingerprint(&other, &options);
	assert_string_not_equal(base, by_name);
	other = f;
	other.address.len = 64;
	char *by_len = sarif_fingerprint(&other, &options);
	assert_string_not_equal(base, by_len);
	other = f;
	other.rule = RULE_mail_ptr_missing;
	char *by_rule = sarif_fingerprint(&other, &options);
	assert_string_not_equal(base, by_rule);

	/* Without name and address, the message is all that tells two
	 * syntax errors in one file apart. */
	struct finding syntax = {
		.rule = RULE_zone_syntax, .severity = SEV_ERROR,
		.file = "zones/a", .line = 5, .message = "bad TTL",
	};
	char *s1 = sarif_fingerprint(&syntax, &options);
	syntax.message = "bad class";
	char *s2 = sarif_fingerprint(&syntax, &options);
	assert_string_not_equal(s1, s2);

	free(base);
	free(same);
	free(by_name);
	free(by_len);
	free(by_rule);
	free(s1);
	free(s2);
}

static void test_sarif_without_doc_base_or_file(void **state)
{
	(void)state;
	struct findings list = {0};
	findings_add(&list, &(struct finding){
		.rule = RULE_zone_syntax, .severity = SEV_ERROR, .file = "",
		.line = 0, .message = "m"});
	struct report_options options = options_for(FORMAT_SARIF);
	options.doc_base = NULL;
	char *out;
	render(&list, &summary_3, &options, &out, NULL);
	assert_null(strstr(out, "helpUri"));
	assert_null(strstr(out, "locations"));
	assert_non_null(strstr(out,
		"          \"message\": {\n"
		"            \"text\": \"m\"\n"
		"          },\n"
		"          \"partialFingerprints\": {\n"));
	free(out);
	findings_free(&list);
}

static void test_github(void **state)
{
	(void)state;
	struct findings list = {0};
	three_findings(&list);
	findings_add(&list, &(struct finding){
		.rule = RULE_duplicate_record, .severity = SEV_WARNING,
		.file = "z/50%\r\n", .line = 2, .name = "x.",
		.message = "cr\rlf\n%0A"});
	struct report_options options = options_for(FORMAT_GITHUB);
	assert_output(&list, &summary_3, &options,
		"::notice file=zones/db a%2Cb%3Ac,title=host-ptr-missing::say \"hi\" \\ back%0Aline2?tab 100%25 a:b,c " FFFD FFFD "( ?[31mred caf\xc3\xa9\n"
		"::warning file=zones/db.example.com,line=3,title=zone-syntax::bad TTL \"1x\"\n"
		"::error file=zones/db.example.com,line=12,title=mail-ptr-missing::mail host mail.example.com. has address 192.0.2.25 but no PTR record\n"
		"::warning file=z/50%25%0D%0A,line=2,title=duplicate-record::cr%0Dlf%0A%250A\n"
		"::notice::1 error, 2 warnings, 1 info in 2 zones, 1,234 records\n",
		"");
	findings_free(&list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_parse),
		cmocka_unit_test(test_json_write_string),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_text_color),
		cmocka_unit_test(test_text_neutralises_controls),
		cmocka_unit_test(test_text_summary),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_empty_with_hidden),
		cmocka_unit_test(test_sarif),
		cmocka_unit_test(test_sarif_fingerprint_ignores_place_and_wording),
		cmocka_unit_test(test_sarif_without_doc_base_or_file),
		cmocka_unit_test(test_github),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
