/*
 * test_findings.c — the findings list: copying in, the sort order of
 * SPEC §3, de-duplication (including syntax errors, which have neither name
 * nor address), independence from input order, counting and release.
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
#include "util.h"

/* What a test says about one finding; prefix NULL = no address. */
struct spec {
	enum rule_id rule;
	const char *file;
	unsigned line;
	const char *zone;
	const char *name;
	const char *prefix;
	const char *message;
	enum severity severity;
};

static void add(struct findings *list, struct spec s)
{
	struct finding f = {
		.rule = s.rule,
		.severity = s.severity ? s.severity : SEV_ERROR,
		.file = (char *)s.file,
		.line = s.line,
		.zone = (char *)s.zone,
		.name = (char *)s.name,
		.message = (char *)(s.message ? s.message : "m"),
	};
	if (s.prefix) {
		const char *why = NULL;
		assert_true(prefix_parse(&f.address, s.prefix, &why));
		f.has_address = true;
	}
	findings_add(list, &f);
}

/* The list as text, one finding a line, every field that sorting or
 * de-duplication looks at. Caller frees. */
static char *dump(const struct findings *list)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < list->count; i++) {
		const struct finding *f = &list->items[i];
		char address[ADDR_TEXT_MAX] = "-";
		if (f->has_address)
			prefix_format(address, &f->address);
		strbuf_addf(&sb, "%s:%u %s %s %s %s %s %s\n",
			    f->file ? f->file : "-", f->line,
			    rule_table[f->rule].id, f->name ? f->name : "-",
			    address, f->zone ? f->zone : "-",
			    f->message ? f->message : "-",
			    severity_name(f->severity));
	}
	return strbuf_detach(&sb);
}

static void assert_dump(const struct findings *list, const char *expected)
{
	char *text = dump(list);
	assert_string_equal(text, expected);
	free(text);
}

static void test_iprev_names(void **state)
{
	(void)state;
	assert_string_equal(iprev_name(IPREV_PASS), "pass");
	assert_string_equal(iprev_name(IPREV_FAIL), "fail");
	assert_string_equal(iprev_name(IPREV_PERMERROR), "permerror");
	assert_string_equal(iprev_name(IPREV_TEMPERROR), "temperror");
	assert_string_equal(iprev_name(IPREV_UNVERIFIABLE), "unverifiable");
}

static void test_add_copies_strings(void **state)
{
	(void)state;
	char file[] = "zones/db.example";
	char zone[] = "example.com.";
	char name[] = "mail.example.com.";
	char message[] = "no PTR";
	struct finding f = {
		.rule = RULE_mail_ptr_missing,
		.severity = SEV_WARNING,
		.file = file,
		.line = 7,
		.zone = zone,
		.name = name,
		.iprev = IPREV_PERMERROR,
		.message = message,
	};
	struct findings list = {0};
	findings_add(&list, &f);
	f.name = NULL;
	f.zone = NULL;
	f.line = 8;
	findings_add(&list, &f);
	file[0] = name[0] = zone[0] = message[0] = 'X';

	assert_int_equal(list.count, 2);
	struct finding *a = &list.items[0], *b = &list.items[1];
	assert_ptr_not_equal(a->file, file);
	assert_string_equal(a->file, "zones/db.example");
	assert_string_equal(a->zone, "example.com.");
	assert_string_equal(a->name, "mail.example.com.");
	assert_string_equal(a->message, "no PTR");
	assert_int_equal(a->line, 7);
	assert_int_equal(a->severity, SEV_WARNING);
	assert_int_equal(a->iprev, IPREV_PERMERROR);
	assert_null(b->name);
	assert_null(b->zone);
	assert_int_equal(b->line, 8);
	assert_ptr_not_equal(a->file, b->file);
	findings_free(&list);
}

static void test_sort_order(void **state)
{
	(void)state;
	struct findings list = {0};
	/* Inserted in the reverse of the expected order, field by field. */
	add(&list, (struct spec){RULE_mail_ptr_missing, "b", 1, "z.", "a.", "198.51.100.1", "m", 0});
	add(&list, (struct spec){RULE_mail_ptr_missing, "a", 10, "z.", "a.", "198.51.100.2", "m", 0});
	add(&list, (struct spec){RULE_ptr_target_missing, "a", 3, "z.", "a.", NULL, "m", 0});
	add(&list, (struct spec){RULE_mail_ptr_missing, "a", 3, "z.", "b.", "192.0.2.1", "m", 0});
	add(&list, (struct spec){RULE_mail_ptr_missing, "a", 3, "z.", "a.", "2001:db8::1", "m", 0});
	add(&list, (struct spec){RULE_mail_ptr_missing, "a", 3, "z.", "a.", "192.0.2.10", "m", 0});
	add(&list, (struct spec){RULE_mail_ptr_missing, "a", 3, "z.", "a.", "192.0.2.9", "m", 0});
	add(&list, (struct spec){RULE_mail_ptr_missing, "a", 3, "z.", "a.", "192.0.2.0", "m", 0});
	add(&list, (struct spec){RULE_mail_ptr_missing, "a", 3, "z.", "a.", "192.0.2.0/24", "m", 0});
	add(&list, (struct spec){RULE_mail_ptr_missing, "a", 3, "z.", "a.", NULL, "m", 0});
	add(&list, (struct spec){RULE_mail_ptr_missing, "a", 3, "z.", NULL, NULL, "m", 0});
	add(&list, (struct spec){RULE_duplicate_record, "a", 3, "z.", "b.", NULL, "m", 0});
	add(&list, (struct spec){RULE_duplicate_record, "a", 3, "y.", "b.", NULL, "m", 0});
	add(&list, (struct spec){RULE_mail_ptr_missing, "a", 3, NULL, "c.", NULL, "m2", 0});
	add(&list, (struct spec){RULE_mail_ptr_missing, "a", 3, NULL, "c.", NULL, "m1", 0});
	findings_sort_dedup(&list);
	/* Lines compare as numbers (3 < 10), rule ids as strings
	 * (duplicate-record < mail-* < ptr-*, unlike rules.def order), no name
	 * before names, no address before addresses, addresses as numbers
	 * (.9 < .10), IPv4 before IPv6, a block before its first address. */
	assert_dump(&list,
		    "a:3 duplicate-record b. - y. m error\n"
		    "a:3 duplicate-record b. - z. m error\n"
		    "a:3 mail-ptr-missing - - z. m error\n"
		    "a:3 mail-ptr-missing a. - z. m error\n"
		    "a:3 mail-ptr-missing a. 192.0.2.0/24 z. m error\n"
		    "a:3 mail-ptr-missing a. 192.0.2.0 z. m error\n"
		    "a:3 mail-ptr-missing a. 192.0.2.9 z. m error\n"
		    "a:3 mail-ptr-missing a. 192.0.2.10 z. m error\n"
		    "a:3 mail-ptr-missing a. 2001:db8::1 z. m error\n"
		    "a:3 mail-ptr-missing b. 192.0.2.1 z. m error\n"
		    "a:3 mail-ptr-missing c. - - m1 error\n"
		    "a:3 ptr-target-missing a. - z. m error\n"
		    "a:10 mail-ptr-missing a. 198.51.100.2 z. m error\n"
		    "b:1 mail-ptr-missing a. 198.51.100.1 z. m error\n");
	findings_free(&list);
}

static void test_dedup_keeps_first_in_order(void **state)
{
	(void)state;
	struct findings list = {0};
	/* The same (rule, zone, name, address) from two files: the one that
	 * sorts first stays, whatever the insertion order. */
	add(&list, (struct spec){RULE_mail_ptr_missing, "b", 5, "z.", "mx.z.", "192.0.2.25", "from b", 0});
	add(&list, (struct spec){RULE_mail_ptr_missing, "a", 9, "z.", "mx.z.", "192.0.2.25", "from a", 0});
	/* Differs in one key field each: all stay. */
	add(&list, (struct spec){RULE_mail_ptr_missing, "b", 6, "y.", "mx.z.", "192.0.2.25", "zone", 0});
	add(&list, (struct spec){RULE_mail_ptr_missing, "b", 7, "z.", "mx2.z.", "192.0.2.25", "name", 0});
	add(&list, (struct spec){RULE_mail_ptr_missing, "b", 8, "z.", "mx.z.", "192.0.2.26", "address", 0});
	add(&list, (struct spec){RULE_mail_ptr_missing, "b", 9, "z.", "mx.z.", NULL, "no address", 0});
	add(&list, (struct spec){RULE_mail_ptr_mismatch, "b", 10, "z.", "mx.z.", "192.0.2.25", "rule", 0});
	/* Same network, other prefix lengths: distinct blocks. */
	add(&list, (struct spec){RULE_host_ptr_missing, "r", 1, "2.0.192.in-addr.arpa.", NULL, "192.0.2.0/25", "b25", SEV_INFO});
	add(&list, (struct spec){RULE_host_ptr_missing, "r", 1, "2.0.192.in-addr.arpa.", NULL, "192.0.2.0/26", "b26", SEV_INFO});
	add(&list, (struct spec){RULE_host_ptr_missing, "r", 2, "2.0.192.in-addr.arpa.", NULL, "192.0.2.0/25", "b25 again", SEV_INFO});
	/* Same key but a different line and message: dropped. */
	add(&list, (struct spec){RULE_mail_ptr_missing, "a", 20, "z.", "mx.z.", "192.0.2.25", "later", 0});
	findings_sort_dedup(&list);
	assert_dump(&list,
		    "a:9 mail-ptr-missing mx.z. 192.0.2.25 z. from a error\n"
		    "b:6 mail-ptr-missing mx.z. 192.0.2.25 y. zone error\n"
		    "b:7 mail-ptr-missing mx2.z. 192.0.2.25 z. name error\n"
		    "b:8 mail-ptr-missing mx.z. 192.0.2.26 z. address error\n"
		    "b:9 mail-ptr-missing mx.z. - z. no address error\n"
		    "b:10 mail-ptr-mismatch mx.z. 192.0.2.25 z. rule error\n"
		    "r:1 host-ptr-missing - 192.0.2.0/25 2.0.192.in-addr.arpa. b25 info\n"
		    "r:1 host-ptr-missing - 192.0.2.0/26 2.0.192.in-addr.arpa. b26 info\n");
	findings_free(&list);
}

static void test_dedup_without_name_or_address(void **state)
{
	(void)state;
	struct findings list = {0};
	/* Syntax errors: distinct places all stay. */
	add(&list, (struct spec){RULE_zone_syntax, "db.a", 4, "a.", NULL, NULL, "bad TTL", 0});
	add(&list, (struct spec){RULE_zone_syntax, "db.a", 2, "a.", NULL, NULL, "bad TTL", 0});
	add(&list, (struct spec){RULE_zone_syntax, "db.b", 2, "a.", NULL, NULL, "bad TTL", 0});
	add(&list, (struct spec){RULE_zone_syntax, "db.a", 0, "a.", NULL, NULL, "unreadable", 0});
	/* Two at one place: one stays, the message sorting first. */
	add(&list, (struct spec){RULE_zone_syntax, "db.a", 4, "a.", NULL, NULL, "another", 0});
	/* With a name, the place does not count: one stays. */
	add(&list, (struct spec){RULE_duplicate_record, "db.a", 9, "a.", "www.a.", NULL, "dup 9", SEV_WARNING});
	add(&list, (struct spec){RULE_duplicate_record, "db.a", 3, "a.", "www.a.", NULL, "dup 3", SEV_WARNING});
	findings_sort_dedup(&list);
	assert_dump(&list,
		    "db.a:0 zone-syntax - - a. unreadable error\n"
		    "db.a:2 zone-syntax - - a. bad TTL error\n"
		    "db.a:3 duplicate-record www.a. - a. dup 3 warning\n"
		    "db.a:4 zone-syntax - - a. another error\n"
		    "db.b:2 zone-syntax - - a. bad TTL error\n");
	findings_free(&list);
}

/* Findings that tie on every sort key but the last ones, duplicates
 * under several keys, and findings in several files. */
static const struct spec shuffle_input[] = {
	{RULE_mail_ptr_missing, "zones/db.a", 12, "a.", "mail.a.", "192.0.2.25", "missing", SEV_ERROR},
	{RULE_mail_ptr_missing, "zones/db.b", 3, "a.", "mail.a.", "192.0.2.25", "missing again", SEV_ERROR},
	{RULE_mail_ptr_missing, "zones/db.a", 12, "a.", "mail.a.", "2001:db8::25", "missing v6", SEV_ERROR},
	{RULE_mail_ptr_multiple, "zones/db.a", 12, "a.", "mail.a.", "192.0.2.25", "two PTRs", SEV_WARNING},
	{RULE_zone_syntax, "zones/db.a", 30, "a.", NULL, NULL, "syntax x", SEV_ERROR},
	{RULE_zone_syntax, "zones/db.a", 30, "a.", NULL, NULL, "syntax w", SEV_ERROR},
	{RULE_zone_syntax, "zones/db.a", 31, "a.", NULL, NULL, "syntax x", SEV_ERROR},
	{RULE_host_ptr_missing, "zones/rev", 1, "2.0.192.in-addr.arpa.", NULL, "192.0.2.0/26", "block", SEV_INFO},
	{RULE_host_ptr_missing, "zones/rev", 1, "2.0.192.in-addr.arpa.", NULL, "192.0.2.64/26", "block", SEV_INFO},
	{RULE_host_ptr_missing, "zones/rev", 1, "2.0.192.in-addr.arpa.", NULL, "192.0.2.64/26", "block", SEV_INFO},
	{RULE_rrset_ttl_mismatch, "zones/db.a", 5, "a.", "www.a.", NULL, "ttl", SEV_WARNING},
	{RULE_rrset_ttl_mismatch, "zones/db.a", 5, "a.", "www.a.", NULL, "ttl", SEV_ERROR},
	{RULE_ptr_target_missing, "zones/rev", 7, "2.0.192.in-addr.arpa.", "7.2.0.192.in-addr.arpa.", "192.0.2.7", "stale", SEV_ERROR},
	{RULE_ptr_target_missing, "zones/rev", 7, "2.0.192.in-addr.arpa.", "7.2.0.192.in-addr.arpa.", "192.0.2.7", "stale b", SEV_ERROR},
};

static void test_independent_of_input_order(void **state)
{
	(void)state;
	enum { N = ARRAY_LEN(shuffle_input) };
	char *reference = NULL;
	uint32_t seed = 12345;
	for (int round = 0; round < 12; round++) {
		size_t order[N];
		for (size_t i = 0; i < N; i++)
			order[i] = round == 1 ? N - 1 - i : i;
		if (round >= 2) {
			/* Fisher-Yates with a fixed LCG: reproducible. */
			for (size_t i = N - 1; i > 0; i--) {
				seed = seed * 1103515245u + 12345u;
				size_t j = (seed >> 8) % (i + 1);
				size_t t = order[i];
				order[i] = order[j];
				order[j] = t;
			}
		}
		struct findings list = {0};
		for (size_t i = 0; i < N; i++)
			add(&list, shuffle_input[order[i]]);
		findings_sort_dedup(&list);
		char *text = dump(&list);
		if (!reference)
			reference = text;
		else {
			assert_string_equal(text, reference);
			free(text);
		}
		findings_free(&list);
	}
	/* Ties on the key: the lower severity is kept (the last tie-break);
	 * for places, the message sorting first. */
	assert_string_equal(reference,
		"zones/db.a:5 rrset-ttl-mismatch www.a. - a. ttl warning\n"
		"zones/db.a:12 mail-ptr-missing mail.a. 192.0.2.25 a. missing error\n"
		"zones/db.a:12 mail-ptr-missing mail.a. 2001:db8::25 a. missing v6 error\n"
		"zones/db.a:12 mail-ptr-multiple mail.a. 192.0.2.25 a. two PTRs warning\n"
		"zones/db.a:30 zone-syntax - - a. syntax w error\n"
		"zones/db.a:31 zone-syntax - - a. syntax x error\n"
		"zones/rev:1 host-ptr-missing - 192.0.2.0/26 2.0.192.in-addr.arpa. block info\n"
		"zones/rev:1 host-ptr-missing - 192.0.2.64/26 2.0.192.in-addr.arpa. block info\n"
		"zones/rev:7 ptr-target-missing 7.2.0.192.in-addr.arpa. 192.0.2.7 2.0.192.in-addr.arpa. stale error\n");
	free(reference);
}

static void test_sort_dedup_is_idempotent(void **state)
{
	(void)state;
	struct findings list = {0};
	for (size_t i = 0; i < ARRAY_LEN(shuffle_input); i++)
		add(&list, shuffle_input[i]);
	findings_sort_dedup(&list);
	char *once = dump(&list);
	findings_sort_dedup(&list);
	char *twice = dump(&list);
	assert_string_equal(once, twice);
	assert_int_equal(list.count, 9);
	free(once);
	free(twice);
	findings_free(&list);
}

/* Enough findings to grow the dedup table many times; every one three
 * times over, in an order that keeps copies far apart. */
static void test_many_duplicates(void **state)
{
	(void)state;
	struct findings list = {0};
	enum { HOSTS = 3000 };
	for (int copy = 0; copy < 3; copy++)
		for (int i = HOSTS - 1; i >= 0; i--) {
			char addr[32], name[32], file[32];
			snprintf(addr, sizeof(addr), "10.%d.%d.1", i / 256, i % 256);
			snprintf(name, sizeof(name), "h%d.a.", i);
			snprintf(file, sizeof(file), "f%d", copy);
			add(&list, (struct spec){RULE_mail_ptr_missing, file, (unsigned)(i + 1), "a.", name, addr, "m", 0});
		}
	assert_int_equal(list.count, 3 * HOSTS);
	findings_sort_dedup(&list);
	assert_int_equal(list.count, HOSTS);
	for (size_t i = 0; i < list.count; i++) {
		assert_string_equal(list.items[i].file, "f0");
		assert_int_equal(list.items[i].line, i + 1);
	}
	findings_free(&list);
}

static void test_count_at(void **state)
{
	(void)state;
	struct findings list = {0};
	assert_int_equal(findings_count_at(&list, SEV_ERROR), 0);
	add(&list, (struct spec){RULE_zone_syntax, "a", 1, NULL, NULL, NULL, "e1", SEV_ERROR});
	add(&list, (struct spec){RULE_zone_syntax, "a", 2, NULL, NULL, NULL, "e2", SEV_ERROR});
	add(&list, (struct spec){RULE_duplicate_record, "a", 3, NULL, "x.", NULL, "w", SEV_WARNING});
	add(&list, (struct spec){RULE_host_ptr_missing, "a", 4, NULL, NULL, "192.0.2.0/24", "i1", SEV_INFO});
	add(&list, (struct spec){RULE_host_ptr_missing, "a", 5, NULL, NULL, "192.0.3.0/24", "i2", SEV_INFO});
	add(&list, (struct spec){RULE_host_ptr_missing, "a", 6, NULL, NULL, "192.0.4.0/24", "i3", SEV_INFO});
	assert_int_equal(findings_count_at(&list, SEV_ERROR), 2);
	assert_int_equal(findings_count_at(&list, SEV_WARNING), 1);
	assert_int_equal(findings_count_at(&list, SEV_INFO), 3);
	assert_int_equal(findings_count_at(&list, SEV_OFF), 0);
	findings_free(&list);
}

static void test_free_resets(void **state)
{
	(void)state;
	struct findings list = {0};
	add(&list, (struct spec){RULE_zone_syntax, "a", 1, "z.", NULL, NULL, "e", SEV_ERROR});
	list.hidden = 3;
	list.suppressed = 2;
	findings_free(&list);
	assert_null(list.items);
	assert_int_equal(list.count, 0);
	assert_int_equal(list.cap, 0);
	assert_int_equal(list.hidden, 0);
	assert_int_equal(list.suppressed, 0);
	/* The list is usable again after release. */
	add(&list, (struct spec){RULE_zone_syntax, "b", 2, NULL, NULL, NULL, "e", SEV_ERROR});
	findings_sort_dedup(&list);
	assert_int_equal(list.count, 1);
	findings_free(&list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iprev_names),
		cmocka_unit_test(test_add_copies_strings),
		cmocka_unit_test(test_sort_order),
		cmocka_unit_test(test_dedup_keeps_first_in_order),
		cmocka_unit_test(test_dedup_without_name_or_address),
		cmocka_unit_test(test_independent_of_input_order),
		cmocka_unit_test(test_sort_dedup_is_idempotent),
		cmocka_unit_test(test_many_duplicates),
		cmocka_unit_test(test_count_at),
		cmocka_unit_test(test_free_resets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
