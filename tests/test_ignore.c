/*
 * test_ignore.c — the config's ignore entries as lookups (linter/ignore.c):
 * each part of an entry (rules, exact and wildcard names, addresses and
 * prefixes) and their conjunction, expiry, and agreement with the plain
 * reading of SPEC §7 (walk every entry) over generated entries and findings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ignore.h"
#include "util.h"

static void load(struct config *cfg, const char *text)
{
	char *err = NULL;
	setenv("PTRLINT_TODAY", "2026-11-23", 1);
	config_init_defaults(cfg);
	if (config_load_buffer(cfg, "cfg.yaml", text, strlen(text), &err))
		fail_msg("config: %s", err);
}

static struct finding finding_of(enum rule_id rule, const char *name, const char *prefix)
{
	struct finding f;
	memset(&f, 0, sizeof(f));
	f.rule = rule;
	f.name = (char *)name;
	if (prefix) {
		const char *why = NULL;
		f.has_address = true;
		assert_true(prefix_parse(&f.address, prefix, &why));
	}
	return f;
}

struct row {
	const char *config;
	enum rule_id rule;
	const char *name;
	const char *prefix;          /* NULL: no address */
	bool ignored;
};

static const struct row rows[] = {
	{"ignore: [{rules: [duplicate-record]}]", RULE_duplicate_record, "a.example.", NULL, true},
	{"ignore: [{rules: [duplicate-record]}]", RULE_zone_syntax, "a.example.", NULL, false},
	{"ignore: [{names: [a.example]}]", RULE_zone_syntax, "a.example.", NULL, true},
	{"ignore: [{names: [a.example]}]", RULE_zone_syntax, "b.a.example.", NULL, false},
	{"ignore: [{names: [a.example]}]", RULE_zone_syntax, NULL, NULL, false},
	/* a wildcard holds the names below, not the name itself */
	{"ignore: [{names: ['*.lab.example']}]", RULE_zone_syntax, "h.lab.example.", NULL, true},
	{"ignore: [{names: ['*.lab.example']}]", RULE_zone_syntax, "a.b.lab.example.", NULL, true},
	{"ignore: [{names: ['*.lab.example']}]", RULE_zone_syntax, "lab.example.", NULL, false},
	{"ignore: [{names: ['*.lab.example']}]", RULE_zone_syntax, "xlab.example.", NULL, false},
	{"ignore: [{names: ['*.lab.example'], rules: [duplicate-record]}]", RULE_zone_syntax,
	 "h.lab.example.", NULL, false},
	{"ignore: [{addresses: [192.0.2.0/24]}]", RULE_host_ptr_missing, NULL, "192.0.2.7", true},
	{"ignore: [{addresses: [192.0.2.0/24]}]", RULE_host_ptr_missing, NULL, "192.0.3.7", false},
	{"ignore: [{addresses: [192.0.2.0/24]}]", RULE_host_ptr_missing, "a.example.", NULL, false},
	/* a block finding is ignored only by a prefix that holds all of it */
	{"ignore: [{addresses: [192.0.2.0/25]}]", RULE_host_ptr_missing, NULL, "192.0.2.0/24", false},
	{"ignore: [{addresses: [192.0.0.0/16]}]", RULE_host_ptr_missing, NULL, "192.0.2.0/24", true},
	{"ignore: [{addresses: ['2001:db8::/32']}]", RULE_host_ptr_missing, NULL, "2001:db8::1", true},
	{"ignore: [{addresses: ['::/0']}]", RULE_host_ptr_missing, NULL, "192.0.2.1", false},
	{"ignore: [{addresses: [0.0.0.0/0]}]", RULE_host_ptr_missing, NULL, "192.0.2.1", true},
	/* names and addresses: both must match, in the same entry */
	{"ignore: [{names: [a.example], addresses: [192.0.2.1]}]", RULE_mail_ptr_missing,
	 "a.example.", "192.0.2.1", true},
	{"ignore: [{names: [a.example], addresses: [192.0.2.1]}]", RULE_mail_ptr_missing,
	 "a.example.", "192.0.2.2", false},
	{"ignore: [{names: [a.example], addresses: [192.0.2.1]}]", RULE_mail_ptr_missing,
	 "a.example.", NULL, false},
	{"ignore: [{names: [a.example], addresses: [192.0.2.1]}, {names: [b.example], "
	 "addresses: [192.0.2.2]}]", RULE_mail_ptr_missing, "a.example.", "192.0.2.2", false},
	{"ignore: [{names: ['*.example'], addresses: [192.0.2.0/24], rules: [mail-ptr-missing]}]",
	 RULE_mail_ptr_missing, "m.example.", "192.0.2.9", true},
	{"ignore: [{names: ['*.example'], addresses: [192.0.2.0/24], rules: [mail-ptr-missing]}]",
	 RULE_mail_ptr_mismatch, "m.example.", "192.0.2.9", false},
	/* an expired entry no longer applies */
	{"ignore: [{names: [a.example], expires: 2026-01-01}]", RULE_zone_syntax, "a.example.",
	 NULL, false},
	{"ignore: [{names: [a.example], expires: 2027-01-01}]", RULE_zone_syntax, "a.example.",
	 NULL, true},
};

static void test_rows(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct config cfg;
		load(&cfg, rows[i].config);
		struct ignore_index ix;
		ignore_index_build(&ix, &cfg);
		struct finding f = finding_of(rows[i].rule, rows[i].name, rows[i].prefix);
		if (ignore_index_matches(&ix, &f) != rows[i].ignored)
			fail_msg("row %zu: %s: %s %s expected %s", i, rows[i].config,
				 rows[i].name ? rows[i].name : "-", rows[i].prefix ? rows[i].prefix : "-",
				 rows[i].ignored ? "ignored" : "kept");
		ignore_index_free(&ix);
		config_free(&cfg);
	}
}

/* SPEC §7 read literally: some unexpired entry whose every part matches. */
static bool walk_entries(const struct config *cfg, const struct finding *f)
{
	for (size_t i = 0; i < cfg->nignores; i++) {
		const struct ignore_entry *e = &cfg->ignores[i];
		bool ok = !e->expired && (!e->rules || (e->rules & RULE_BIT(f->rule)));
		bool name_ok = !e->nnames;
		for (size_t k = 0; f->name && k < e->nnames; k++) {
			const char *p = e->names[k];
			size_t pl = strlen(p + 1), nl = strlen(f->name);
			if (!strncmp(p, "*.", 2) ? nl > pl && !strcmp(f->name + nl - pl, p + 1)
						 : !strcmp(p, f->name))
				name_ok = true;
		}
		bool addr_ok = !e->naddresses;
		for (size_t k = 0; f->has_address && k < e->naddresses; k++)
			if (f->address.addr.family == e->addresses[k].addr.family &&
			    f->address.len >= e->addresses[k].len &&
			    prefix_contains(&e->addresses[k], &f->address.addr))
				addr_ok = true;
		if (ok && name_ok && addr_ok)
			return true;
	}
	return false;
}

/* Small alphabets, so that generated entries and findings meet often. */
static void test_agrees_with_walking_every_entry(void **state)
{
	(void)state;
	static const char *const names[] = {"a.example.", "b.a.example.", "c.b.a.example.",
					    "b.example.", "example.", "x.lab.example."};
	static const char *const patterns[] = {"a.example", "'*.a.example'", "'*.example'",
					       "b.example", "'*.lab.example'", "lab.example"};
	static const char *const prefixes[] = {"192.0.2.1", "192.0.2.0/24", "192.0.2.128/25",
					       "198.51.100.7", "'2001:db8::/32'", "'2001:db8::5'"};
	static const char *const addresses[] = {"192.0.2.1", "192.0.2.200", "192.0.2.0/24",
						"198.51.100.7", "2001:db8::5", "203.0.113.1"};
	static const enum rule_id rules[] = {RULE_mail_ptr_missing, RULE_host_ptr_missing,
					     RULE_zone_syntax};
	unsigned seed = 12345;
	for (int round = 0; round < 200; round++) {
		struct strbuf text = STRBUF_INIT;
		strbuf_addstr(&text, "ignore:\n");
		int nentries = 1 + (int)((seed = seed * 1103515245 + 12345) >> 16) % 4;
		for (int e = 0; e < nentries; e++) {
			unsigned r = (seed = seed * 1103515245 + 12345) >> 8;
			const char *lead = "  - ";
			if (r & 1) {
				strbuf_addf(&text, "%srules: [%s]\n", lead, rule_table[rules[(r >> 4) % 3]].id);
				lead = "    ";
			}
			if (r & 2) {
				strbuf_addf(&text, "%snames: [%s, %s]\n", lead, patterns[(r >> 6) % 6],
					    patterns[(r >> 9) % 6]);
				lead = "    ";
			}
			if ((r & 4) || !strcmp(lead, "  - ")) {
				strbuf_addf(&text, "%saddresses: [%s]\n", lead, prefixes[(r >> 12) % 6]);
				lead = "    ";
			}
			if (r & 8)
				strbuf_addf(&text, "    expires: 2026-01-01\n");
		}
		struct config cfg;
		load(&cfg, text.data);
		struct ignore_index ix;
		ignore_index_build(&ix, &cfg);
		for (size_t n = 0; n <= ARRAY_LEN(names); n++)
			for (size_t a = 0; a <= ARRAY_LEN(addresses); a++)
				for (size_t k = 0; k < ARRAY_LEN(rules); k++) {
					struct finding f = finding_of(rules[k],
								      n < ARRAY_LEN(names) ? names[n] : NULL,
								      a < ARRAY_LEN(addresses) ? addresses[a] : NULL);
					if (ignore_index_matches(&ix, &f) != walk_entries(&cfg, &f))
						fail_msg("disagree on %s %s %s with\n%s",
							 rule_table[rules[k]].id, f.name ? f.name : "-",
							 a < ARRAY_LEN(addresses) ? addresses[a] : "-", text.data);
				}
		ignore_index_free(&ix);
		config_free(&cfg);
		strbuf_release(&text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_agrees_with_walking_every_entry),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
