/*
 * test_config.c — unit tests of linter/config.c: the built-in defaults,
 * every key of SPEC §7 read into struct config, each error with its exact
 * "FILE:LINE:COL: message", hostile input (aliases, deep nesting, bad
 * UTF-8, size), ignore expiry, --print-config, and the rule names, levels
 * and options of the config and of the command line (cli.c) checked when
 * they are read.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "util.h"

/* ---- helpers ---- */

static int load_text(struct config *cfg, const char *text, char **err)
{
	return config_load_buffer(cfg, "cfg.yaml", text, strlen(text), err);
}

/* Load text over the defaults; it must succeed. */
static void load_ok(struct config *cfg, const char *text)
{
	char *err = NULL;
	config_init_defaults(cfg);
	int rc = load_text(cfg, text, &err);
	if (rc)
		fail_msg("unexpected error: %s", err);
	assert_null(err);
}

static char *print_to_string(const struct config *cfg)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	assert_non_null(out);
	config_print(cfg, out);
	fclose(out);
	return text;
}

static char *temp_path(void)
{
	char *path = xstrdup("/tmp/ptrlint-test-config-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	return path;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- defaults ---- */

static void test_defaults(void **state)
{
	(void)state;
	struct config cfg;
	config_init_defaults(&cfg);
	assert_null(cfg.path);
	assert_null(cfg.root);
	assert_true(cfg.mail_mx);
	assert_true(cfg.mail_spf);
	assert_false(cfg.mail_spf_ranges);
	assert_int_equal(cfg.fail_on, SEV_ERROR);
	assert_int_equal(cfg.generate_limit, 65536);
	assert_int_equal(cfg.record_limit, 10000000);
	assert_int_equal(cfg.nzones, 0);
	assert_null(cfg.include_base);
	assert_int_equal(cfg.ninclude_map, 0);
	assert_int_equal(cfg.nmail_hosts, 0);
	assert_int_equal(cfg.nmail_patterns, 0);
	assert_int_equal(cfg.nsenders, 0);
	assert_int_equal(cfg.ntlds, 0);
	assert_int_equal(cfg.nignores, 0);
	assert_int_equal(cfg.mail_line, 0);

	static const char *const patterns[] = {"*.zone", "*.db", "db.*", "*.rev", "*.arpa"};
	assert_int_equal(cfg.nzone_patterns, 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(cfg.zone_patterns[i], patterns[i]);

	for (int r = 0; r < RULE_COUNT; r++)
		assert_int_equal(cfg.severity[r], rule_table[r].severity);
	assert_int_equal(cfg.severity[RULE_mail_ptr_missing], SEV_ERROR);
	assert_int_equal(cfg.severity[RULE_mail_ptr_unverifiable], SEV_INFO);
	assert_int_equal(cfg.severity[RULE_host_ptr_missing], SEV_INFO);

	const struct option_value *words = config_option(&cfg, RULE_mail_ptr_generic, "words");
	assert_int_equal(words->count, 19);
	assert_string_equal(words->words[0], "dynamic");
	assert_string_equal(words->words[4], "dsl");
	assert_string_equal(words->words[18], "unassigned");
	assert_null(words->regexes);

	const struct option_value *suffixes =
		config_option(&cfg, RULE_ptr_target_internal, "suffixes");
	assert_int_equal(suffixes->count, 11);
	assert_string_equal(suffixes->words[0], "local");
	assert_string_equal(suffixes->words[10], "home.arpa");

	const struct option_value *ptr_only =
		config_option(&cfg, RULE_ptr_target_missing, "ptr-only");
	assert_int_equal(ptr_only->count, 0);

	assert_int_equal(config_option(&cfg, RULE_mail_ptr_multiple, "max")->number, 1);
	config_free(&cfg);
}

/* Empty files, comments only, an empty document, an explicit null: all
 * mean the defaults. */
static void test_empty_configs(void **state)
{
	(void)state;
	static const char *const texts[] = {"", "\n", "# nothing here\n", "---\n", "~\n", "--- # x\n...\n"};
	for (size_t i = 0; i < ARRAY_LEN(texts); i++) {
		struct config cfg;
		load_ok(&cfg, texts[i]);
		assert_string_equal(cfg.path, "cfg.yaml");
		assert_true(cfg.mail_mx);
		assert_int_equal(cfg.nzone_patterns, 5);
		assert_int_equal(cfg.severity[RULE_zone_syntax], SEV_ERROR);
		config_free(&cfg);
	}
}

/* ---- every key ---- */

static const char full_config[] =
	"zones:\n"
	"  - file: zones/db.example.com\n"
	"    origin: Example.COM\n"
	"  - file: zones/db.192.0.2\n"
	"  - glob: \"zones/**/*.zone\"\n"
	"zone-patterns: ['*.zone', 'named.*']\n"
	"include-base: zones\n"
	"include-map:\n"
	"  /etc/bind/zones/: zones/\n"
	"  ffhl/: .\n"
	"generate-limit: 1000\n"
	"mail:\n"
	"  mx: no\n"
	"  spf: Off\n"
	"  spf-ranges: yes\n"
	"  hosts: [smtp-out.example.com., Relay.Example.NET]\n"
	"  patterns: ['^(mail|smtp|mx)[0-9]*\\.']\n"
	"  senders:\n"
	"    - address: 192.0.2.25\n"
	"      helo: mail.example.com.\n"
	"    - address: 2001:db8::25\n"
	"tlds: [ffhl, .Corpnet.]\n"
	"rules:\n"
	"  host-ptr-missing: warning\n"
	"  zone-syntax: OFF\n"
	"  mail-ptr-generic:\n"
	"    severity: error\n"
	"    words: [Dynamic, dhcp, pool]\n"
	"  ptr-target-internal:\n"
	"    suffixes: [corp, lan]\n"
	"  ptr-target-missing:\n"
	"    ptr-only: ['^(ae|xe|et|ge|irb|lo)[0-9.-]*\\.', '^vrrp-']\n"
	"  mail-ptr-multiple:\n"
	"    max: 2\n"
	"ignore:\n"
	"  - rules: [host-ptr-missing]\n"
	"    names: ['*.lab.example.com.', Printer.Example.com]\n"
	"    reason: lab hosts are renumbered weekly\n"
	"  - addresses: [10.0.0.0/8, 'fd00::/8', 192.0.2.7]\n"
	"    expires: 2027-06-30\n"
	"fail-on: warning\n";

static void test_every_key(void **state)
{
	(void)state;
	setenv("PTRLINT_TODAY", "2027-01-01", 1);
	struct config cfg;
	load_ok(&cfg, full_config);

	assert_int_equal(cfg.nzones, 3);
	assert_string_equal(cfg.zones[0].file, "zones/db.example.com");
	assert_null(cfg.zones[0].glob);
	assert_string_equal(cfg.zones[0].origin, "example.com.");
	assert_int_equal(cfg.zones[0].line, 2);
	assert_string_equal(cfg.zones[1].file, "zones/db.192.0.2");
	assert_null(cfg.zones[1].origin);
	assert_int_equal(cfg.zones[1].line, 4);
	assert_null(cfg.zones[2].file);
	assert_string_equal(cfg.zones[2].glob, "zones/**/*.zone");
	assert_int_equal(cfg.zones[2].line, 5);

	assert_int_equal(cfg.nzone_patterns, 2);
	assert_string_equal(cfg.zone_patterns[0], "*.zone");
	assert_string_equal(cfg.zone_patterns[1], "named.*");
	assert_string_equal(cfg.include_base, "zones");
	assert_int_equal(cfg.ninclude_map, 2);
	assert_string_equal(cfg.include_map[0].from, "/etc/bind/zones/");
	assert_string_equal(cfg.include_map[0].to, "zones/");
	assert_string_equal(cfg.include_map[1].from, "ffhl/");
	assert_string_equal(cfg.include_map[1].to, ".");
	assert_int_equal(cfg.generate_limit, 1000);

	assert_int_equal(cfg.mail_line, 12);
	assert_false(cfg.mail_mx);
	assert_false(cfg.mail_spf);
	assert_true(cfg.mail_spf_ranges);
	assert_int_equal(cfg.nmail_hosts, 2);
	assert_string_equal(cfg.mail_hosts[0], "smtp-out.example.com.");
	assert_string_equal(cfg.mail_hosts[1], "relay.example.net.");
	assert_int_equal(cfg.nmail_patterns, 1);
	assert_string_equal(cfg.mail_pattern_text[0], "^(mail|smtp|mx)[0-9]*\\.");
	assert_int_equal(regexec(&cfg.mail_patterns[0], "mx2.example.com.", 0, NULL, 0), 0);
	assert_int_equal(regexec(&cfg.mail_patterns[0], "www.example.com.", 0, NULL, 0), REG_NOMATCH);
	assert_int_equal(cfg.nsenders, 2);
	char text[ADDR_TEXT_MAX];
	addr_format(text, &cfg.senders[0].addr);
	assert_string_equal(text, "192.0.2.25");
	assert_string_equal(cfg.senders[0].helo, "mail.example.com.");
	assert_int_equal(cfg.senders[0].line, 19);
	addr_format(text, &cfg.senders[1].addr);
	assert_string_equal(text, "2001:db8::25");
	assert_int_equal(cfg.senders[1].addr.family, 6);
	assert_null(cfg.senders[1].helo);

	assert_int_equal(cfg.ntlds, 2);
	assert_string_equal(cfg.tlds[0], "ffhl");
	assert_string_equal(cfg.tlds[1], "corpnet");

	assert_int_equal(cfg.severity[RULE_host_ptr_missing], SEV_WARNING);
	assert_int_equal(cfg.severity[RULE_zone_syntax], SEV_OFF);
	assert_int_equal(cfg.severity[RULE_mail_ptr_generic], SEV_ERROR);
	assert_int_equal(cfg.severity[RULE_ptr_target_internal], SEV_ERROR);  /* unchanged */
	assert_int_equal(cfg.severity[RULE_mail_ptr_multiple], SEV_WARNING); /* unchanged */
	const struct option_value *words = config_option(&cfg, RULE_mail_ptr_generic, "words");
	assert_int_equal(words->count, 3);
	assert_string_equal(words->words[0], "dynamic");
	assert_string_equal(words->words[2], "pool");
	const struct option_value *suffixes =
		config_option(&cfg, RULE_ptr_target_internal, "suffixes");
	assert_int_equal(suffixes->count, 2);
	assert_string_equal(suffixes->words[1], "lan");
	const struct option_value *ptr_only =
		config_option(&cfg, RULE_ptr_target_missing, "ptr-only");
	assert_int_equal(ptr_only->count, 2);
	assert_string_equal(ptr_only->words[1], "^vrrp-");
	assert_int_equal(regexec(&ptr_only->regexes[0], "xe-0-0-1.rtr.example.net.", 0, NULL, 0), 0);
	/* REG_ICASE */
	assert_int_equal(regexec(&ptr_only->regexes[1], "VRRP-1.example.net.", 0, NULL, 0), 0);
	assert_int_equal(regexec(&ptr_only->regexes[1], "host.example.net.", 0, NULL, 0), REG_NOMATCH);
	assert_int_equal(config_option(&cfg, RULE_mail_ptr_multiple, "max")->number, 2);

	assert_int_equal(cfg.nignores, 2);
	const struct ignore_entry *e = &cfg.ignores[0];
	assert_true(e->rules == RULE_BIT(RULE_host_ptr_missing));
	assert_int_equal(e->nnames, 2);
	assert_string_equal(e->names[0], "*.lab.example.com.");
	assert_string_equal(e->names[1], "printer.example.com.");
	assert_int_equal(e->naddresses, 0);
	assert_string_equal(e->reason, "lab hosts are renumbered weekly");
	assert_null(e->expires);
	assert_false(e->expired);
	assert_int_equal(e->line, 36);
	e = &cfg.ignores[1];
	assert_true(e->rules == 0);
	assert_int_equal(e->naddresses, 3);
	prefix_format(text, &e->addresses[0]);
	assert_string_equal(text, "10.0.0.0/8");
	prefix_format(text, &e->addresses[1]);
	assert_string_equal(text, "fd00::/8");
	assert_int_equal(e->addresses[2].len, 32);
	prefix_format(text, &e->addresses[2]);
	assert_string_equal(text, "192.0.2.7");
	assert_string_equal(e->expires, "2027-06-30");
	assert_false(e->expired);
	assert_null(e->reason);

	assert_int_equal(cfg.fail_on, SEV_WARNING);
	config_free(&cfg);
	unsetenv("PTRLINT_TODAY");
}

static void test_bools_and_levels(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		bool value;
	} bools[] = {
		{"true", true}, {"True", true}, {"YES", true}, {"on", true}, {"'yes'", true},
		{"false", false}, {"No", false}, {"OFF", false}, {"\"false\"", false},
	};
	for (size_t i = 0; i < ARRAY_LEN(bools); i++) {
		char *text = xasprintf("mail:\n  spf-ranges: %s\n  mx: %s\n", bools[i].text,
				       bools[i].text);
		struct config cfg;
		load_ok(&cfg, text);
		assert_int_equal(cfg.mail_spf_ranges, bools[i].value);
		assert_int_equal(cfg.mail_mx, bools[i].value);
		config_free(&cfg);
		free(text);
	}
	static const struct {
		const char *text;
		enum severity level;
	} levels[] = {
		{"error", SEV_ERROR}, {"warning", SEV_WARNING}, {"info", SEV_INFO},
		{"never", SEV_NEVER}, {"Warning", SEV_WARNING},
	};
	for (size_t i = 0; i < ARRAY_LEN(levels); i++) {
		char *text = xasprintf("fail-on: %s\n", levels[i].text);
		struct config cfg;
		load_ok(&cfg, text);
		assert_int_equal(cfg.fail_on, levels[i].level);
		config_free(&cfg);
		free(text);
	}
}

/* A second load replaces lists rather than appending to them. */
static void test_reload_replaces(void **state)
{
	(void)state;
	struct config cfg;
	load_ok(&cfg, "mail:\n  hosts: [a.example., b.example.]\ntlds: [x]\n");
	char *err = NULL;
	assert_int_equal(load_text(&cfg, "mail:\n  hosts: [c.example.]\n", &err), 0);
	assert_int_equal(cfg.nmail_hosts, 1);
	assert_string_equal(cfg.mail_hosts[0], "c.example.");
	assert_int_equal(cfg.ntlds, 1);            /* not named: kept */
	assert_string_equal(cfg.tlds[0], "x");
	/* A failed load may leave cfg half updated; it must still free cleanly. */
	assert_int_equal(load_text(&cfg, "mail:\n  hosts: [d.example., 'a..b']\n", &err), -1);
	assert_string_equal(err, "cfg.yaml:2:23: invalid name 'a..b'");
	free(err);
	config_free(&cfg);
}

/* ---- errors ---- */

struct error_row {
	const char *yaml;
	const char *error;
};

static const struct error_row error_rows[] = {
	/* unknown keys, with and without a suggestion, at every level */
	{"mial:\n  mx: true\n", "cfg.yaml:1:1: unknown key 'mial', did you mean 'mail'?"},
	{"fail_on: error\n", "cfg.yaml:1:1: unknown key 'fail_on', did you mean 'fail-on'?"},
	{"include: zones\n", "cfg.yaml:1:1: unknown key 'include', did you mean 'include-base'?"},
	{"colour: always\n", "cfg.yaml:1:1: unknown key 'colour'"},
	{"mail:\n  spf-range: true\n",
	 "cfg.yaml:2:3: unknown key 'spf-range', did you mean 'spf-ranges'?"},
	{"mail:\n  senders:\n    - adress: 192.0.2.1\n",
	 "cfg.yaml:3:7: unknown key 'adress', did you mean 'address'?"},
	{"zones:\n  - flie: db.x\n", "cfg.yaml:2:5: unknown key 'flie', did you mean 'file'?"},
	{"ignore:\n  - rule: [zone-syntax]\n", "cfg.yaml:2:5: unknown key 'rule', did you mean 'rules'?"},
	{"rules:\n  mail-ptr-mising: error\n",
	 "cfg.yaml:2:3: unknown rule 'mail-ptr-mising', did you mean 'mail-ptr-missing'?"},
	{"rules:\n  no-such-rule: error\n", "cfg.yaml:2:3: unknown rule 'no-such-rule'"},
	{"ignore:\n  - rules: [zone-syntax, ptr-target-mising]\n",
	 "cfg.yaml:2:26: unknown rule 'ptr-target-mising', did you mean 'ptr-target-missing'?"},
	{"rules:\n  mail-ptr-generic:\n    wordz: [a]\n",
	 "cfg.yaml:3:5: unknown option 'wordz' for rule 'mail-ptr-generic', did you mean 'words'?"},
	{"rules:\n  zone-syntax:\n    sevrity: off\n",
	 "cfg.yaml:3:5: unknown option 'sevrity' for rule 'zone-syntax', did you mean 'severity'?"},
	{"rules:\n  zone-syntax:\n    words: [a]\n",
	 "cfg.yaml:3:5: unknown option 'words' for rule 'zone-syntax'"},
	/* duplicates */
	{"mail:\n  mx: true\nmail:\n  spf: true\n", "cfg.yaml:3:1: duplicate key 'mail'"},
	{"mail:\n  mx: true\n  mx: false\n", "cfg.yaml:3:3: duplicate key 'mx'"},
	{"rules:\n  zone-syntax: off\n  zone-syntax: info\n", "cfg.yaml:3:3: duplicate key 'zone-syntax'"},
	{"include-map:\n  /etc/: zones/\n  /etc/: other/\n", "cfg.yaml:3:3: duplicate key '/etc/'"},
	/* severities and levels */
	{"rules:\n  mail-ptr-missing: fatal\n",
	 "cfg.yaml:2:21: unknown severity 'fatal' (expected error, warning, info or off)"},
	{"rules:\n  mail-ptr-generic:\n    severity: high\n",
	 "cfg.yaml:3:15: unknown severity 'high' (expected error, warning, info or off)"},
	{"rules:\n  zone-syntax: [error]\n", "cfg.yaml:2:16: 'zone-syntax' must be a severity or a mapping"},
	{"rules:\n  zone-syntax:\n", "cfg.yaml:2:15: 'zone-syntax' must be a severity or a mapping"},
	{"fail-on: fatal\n",
	 "cfg.yaml:1:10: unknown level 'fatal' for 'fail-on' (expected error, warning, info or never)"},
	{"fail-on: [error]\n", "cfg.yaml:1:10: 'fail-on' must be error, warning, info or never"},
	/* type mismatches */
	{"mail:\n  mx: maybe\n", "cfg.yaml:2:7: 'mx' must be true or false"},
	{"mail:\n  spf: 1\n", "cfg.yaml:2:8: 'spf' must be true or false"},
	{"mail:\n  hosts: mail.example.com\n", "cfg.yaml:2:10: 'hosts' must be a list"},
	{"mail:\n  hosts: [[a]]\n", "cfg.yaml:2:11: each 'hosts' entry must be a string"},
	{"mail: [mx]\n", "cfg.yaml:1:7: 'mail' must be a mapping"},
	{"mail:\n", "cfg.yaml:1:6: 'mail' must be a mapping"},
	{"zones: zones/db.x\n", "cfg.yaml:1:8: 'zones' must be a list"},
	{"zones:\n  - zones/db.x\n", "cfg.yaml:2:5: each 'zones' entry must be a mapping"},
	{"zones:\n  - file: [a]\n", "cfg.yaml:2:11: 'file' must be a string"},
	{"zones:\n  - file: ''\n", "cfg.yaml:2:11: 'file' must be a non-empty string"},
	{"include-base: [zones]\n", "cfg.yaml:1:15: 'include-base' must be a string"},
	{"include-base: \"zo\\0nes\"\n", "cfg.yaml:1:15: 'include-base' must be a string without NUL characters"},
	{"include-map: [a]\n", "cfg.yaml:1:14: 'include-map' must be a mapping"},
	{"include-map:\n  /etc/bind/: [zones]\n", "cfg.yaml:2:15: '/etc/bind/' must be a string"},
	{"zone-patterns: '*.zone'\n", "cfg.yaml:1:16: 'zone-patterns' must be a list"},
	{"generate-limit: 0\n", "cfg.yaml:1:17: 'generate-limit' must be a positive integer"},
	{"record-limit: 0\n", "cfg.yaml:1:15: 'record-limit' must be a positive integer"},
	{"record-limit: -1\n", "cfg.yaml:1:15: 'record-limit' must be a positive integer"},
	{"record-limit: 1e7\n", "cfg.yaml:1:15: 'record-limit' must be a positive integer"},
	{"record-limit: [5]\n", "cfg.yaml:1:15: 'record-limit' must be a positive integer"},
	{"\nrecord-limit: 99999999999999999999\n", "cfg.yaml:2:15: 'record-limit' must be a positive integer"},
	{"record-limt: 5\n", "cfg.yaml:1:1: unknown key 'record-limt', did you mean 'record-limit'?"},
	{"generate-limit: 0x100\n", "cfg.yaml:1:17: 'generate-limit' must be a positive integer"},
	{"generate-limit: -5\n", "cfg.yaml:1:17: 'generate-limit' must be a positive integer"},
	{"generate-limit: 99999999999999999999\n", "cfg.yaml:1:17: 'generate-limit' must be a positive integer"},
	{"rules:\n  mail-ptr-multiple:\n    max: -1\n", "cfg.yaml:3:10: 'max' must be a positive integer"},
	/* 0 would make every mail address with a PTR a finding (found by fuzz_git) */
	{"rules:\n  mail-ptr-multiple:\n    max: 0\n", "cfg.yaml:3:10: 'max' must be a positive integer"},
	{"rules:\n  mail-ptr-generic:\n    words: dsl\n", "cfg.yaml:3:12: 'words' must be a list"},
	{"rules:\n  mail-ptr-generic:\n    words: ['']\n", "cfg.yaml:3:13: each 'words' entry must be a non-empty string"},
	{"rules:\n  zone-syntax:\n    severity: [off]\n", "cfg.yaml:3:15: 'severity' must be error, warning, info or off"},
	/* a rule's options, wrongly typed: refused when the config is read */
	{"rules:\n  mail-ptr-multiple:\n    max: two\n", "cfg.yaml:3:10: 'max' must be a positive integer"},
	{"rules:\n  mail-ptr-multiple:\n    max: [2]\n", "cfg.yaml:3:10: 'max' must be a positive integer"},
	{"rules:\n  mail-ptr-multiple:\n    max: 1.5\n", "cfg.yaml:3:10: 'max' must be a positive integer"},
	{"rules:\n  mail-ptr-multiple:\n    max:\n", "cfg.yaml:3:9: 'max' must be a positive integer"},
	{"rules:\n  mail-ptr-multiple:\n    max: 2\n    max: 3\n", "cfg.yaml:4:5: duplicate key 'max'"},
	{"rules:\n  mail-ptr-multiple: {maxx: 2}\n",
	 "cfg.yaml:2:23: unknown option 'maxx' for rule 'mail-ptr-multiple', did you mean 'max'?"},
	{"rules:\n  ptr-target-internal:\n    suffixes: [[lan]]\n",
	 "cfg.yaml:3:16: each 'suffixes' entry must be a string"},
	{"rules:\n  ptr-target-internal:\n    suffixs: [lan]\n",
	 "cfg.yaml:3:5: unknown option 'suffixs' for rule 'ptr-target-internal', did you mean 'suffixes'?"},
	{"rules:\n  ptr-target-missing:\n    ptr-only: '^x'\n", "cfg.yaml:3:15: 'ptr-only' must be a list"},
	{"rules:\n  ptr-target-missing:\n    ptr-only: [{a: b}]\n", "cfg.yaml:3:16: each 'ptr-only' entry must be a string"},
	{"rules:\n  ptr-target-missing:\n    ptr_only: ['^x']\n",
	 "cfg.yaml:3:5: unknown option 'ptr_only' for rule 'ptr-target-missing', did you mean 'ptr-only'?"},
	{"mail:\n  senders: {address: 192.0.2.1}\n", "cfg.yaml:2:12: 'senders' must be a list"},
	{"mail:\n  senders: [192.0.2.1]\n", "cfg.yaml:2:13: each 'senders' entry must be a mapping"},
	{"ignore:\n  rules: [zone-syntax]\n", "cfg.yaml:2:3: 'ignore' must be a list"},
	{"ignore:\n  - names: '*.lab.example.'\n", "cfg.yaml:2:12: 'names' must be a list"},
	{"ignore:\n  - rules: [zone-syntax]\n    reason: [x]\n", "cfg.yaml:3:13: 'reason' must be a string"},
	{"tlds: ffhl\n", "cfg.yaml:1:7: 'tlds' must be a list"},
	{"{[a]: b}\n", "cfg.yaml:1:2: a key must be a string"},
	/* values */
	{"ignore:\n  - addresses: [192.0.2.300]\n", "cfg.yaml:2:17: invalid address '192.0.2.300'"},
	{"ignore:\n  - addresses: ['192.0.2.0/33']\n",
	 "cfg.yaml:2:17: invalid CIDR '192.0.2.0/33': prefix length is out of range"},
	{"ignore:\n  - addresses: [192.0.2.1/24]\n", "cfg.yaml:2:17: invalid CIDR '192.0.2.1/24': host bits set"},
	{"mail:\n  senders:\n    - address: 192.0.2.0/24\n", "cfg.yaml:3:16: invalid address '192.0.2.0/24'"},
	{"mail:\n  senders:\n    - helo: mail.example.com\n", "cfg.yaml:3:7: a sender needs an 'address'"},
	{"mail:\n  patterns: ['(']\n", "cfg.yaml:2:14: invalid regular expression '(': Unmatched ( or \\("},
	{"mail:\n  patterns: ['(a)\\1']\n",
	 "cfg.yaml:2:14: invalid regular expression '(a)\\1': a back-reference (\\1 to \\9) is not supported"},
	{"mail:\n  patterns: ['a{1,1000}']\n",
	 "cfg.yaml:2:14: invalid regular expression 'a{1,1000}': repetition count greater than 255"},
	{"mail:\n  patterns: ['((a{1,255}){1,255}){1,255}']\n",
	 "cfg.yaml:2:14: invalid regular expression '((a{1,255}){1,255}){1,255}': pattern too complex (its repetitions expand past 4096 positions)"},
	{"mail:\n  patterns: ['(a{0000000001000}){2}']\n",
	 "cfg.yaml:2:14: invalid regular expression '(a{0000000001000}){2}': repetition count greater than 255"},
	/* each fits, together they do not: five times 4096 positions */
	{"mail:\n  patterns:\n    - '(a{1,64}){1,64}'\n    - '(b{1,64}){1,64}'\n    - '(c{1,64}){1,64}'\n"
	 "rules:\n  ptr-target-missing:\n    ptr-only:\n      - '(d{1,64}){1,64}'\n      - '(e{1,64}){1,64}'\n",
	 "cfg.yaml:10:9: invalid regular expression '(e{1,64}){1,64}': the config's patterns together expand past 16384 positions"},
	{"rules:\n  ptr-target-missing:\n    ptr-only: ['(a)\\1']\n",
	 "cfg.yaml:3:16: invalid regular expression '(a)\\1': a back-reference (\\1 to \\9) is not supported"},
	{"mail:\n  patterns: ['((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))))']\n",
	 "cfg.yaml:2:14: invalid regular expression '((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))))': parentheses nested more than 32 deep"},
	{"rules:\n  ptr-target-missing:\n    ptr-only: ['[a-']\n",
	 "cfg.yaml:3:16: invalid regular expression '[a-': Unmatched [, [^, [:, [., or [="},
	{"ignore:\n  - rules: [zone-syntax]\n    expires: 2027-02-30\n",
	 "cfg.yaml:3:14: invalid date '2027-02-30' (expected YYYY-MM-DD)"},
	{"ignore:\n  - rules: [zone-syntax]\n    expires: 2027-6-30\n",
	 "cfg.yaml:3:14: invalid date '2027-6-30' (expected YYYY-MM-DD)"},
	{"ignore:\n  - rules: [zone-syntax]\n    expires: 2100-02-29\n",
	 "cfg.yaml:3:14: invalid date '2100-02-29' (expected YYYY-MM-DD)"},
	{"mail:\n  hosts: [a..b]\n", "cfg.yaml:2:11: invalid name 'a..b'"},
	{"mail:\n  hosts: ['*.example.com']\n", "cfg.yaml:2:11: invalid name '*.example.com'"},
	{"mail:\n  senders:\n    - address: 192.0.2.1\n      helo: 'bad name'\n",
	 "cfg.yaml:4:13: invalid name 'bad name'"},
	{"zones:\n  - file: db.x\n    origin: .example.\n", "cfg.yaml:3:13: invalid name '.example.'"},
	{"ignore:\n  - names: ['a.*.example.']\n", "cfg.yaml:2:13: invalid name 'a.*.example.'"},
	{"ignore:\n  - names: ['*.']\n", "cfg.yaml:2:13: invalid name '*.'"},
	{"tlds: [a.b]\n", "cfg.yaml:1:8: invalid top-level domain 'a.b'"},
	{"tlds: ['..']\n", "cfg.yaml:1:8: invalid top-level domain '..'"},
	/* entries that do not hold together */
	{"zones:\n  - origin: example.com.\n", "cfg.yaml:2:5: a zone needs a 'file' or a 'glob'"},
	{"zones:\n  - file: db.x\n    glob: '*.zone'\n", "cfg.yaml:3:5: a zone has a 'file' or a 'glob', not both"},
	{"zones:\n  - glob: '*.zone'\n    origin: example.com.\n", "cfg.yaml:3:5: 'origin' needs a 'file', not a 'glob'"},
	{"ignore:\n  - reason: forgot what\n",
	 "cfg.yaml:2:5: an 'ignore' entry needs 'rules', 'names' or 'addresses'"},
	{"include-map:\n  '': zones/\n", "cfg.yaml:2:3: an 'include-map' prefix must not be empty"},
	/* the document itself */
	{"- mail\n", "cfg.yaml:1:1: the config must be a mapping (keys such as 'mail', 'rules', 'ignore')"},
	{"mail\n", "cfg.yaml:1:1: the config must be a mapping (keys such as 'mail', 'rules', 'ignore')"},
	{"fail-on: error\n---\nfail-on: info\n", "cfg.yaml:2:1: a config holds one YAML document, this is a second one"},
	{"x: &a 1\ny: *a\n", "cfg.yaml:2:4: aliases are not supported"},
	{"mail: &m\n  mx: true\nrules: &r [*r]\n", "cfg.yaml:3:12: aliases are not supported"},
	{"mail: [\n", "cfg.yaml:2:1: did not find expected node content"},
	{"mail:\n  mx: true\n spf: true\n", "cfg.yaml:3:2: did not find expected key"},
	{"mail: x: y\n", "cfg.yaml:1:8: mapping values are not allowed in this context"},
	{"mail:\n\tmx: true\n", "cfg.yaml:2:1: found character that cannot start any token"},
	{"rules: {zone-syntax: off\n", "cfg.yaml:2:1: did not find expected ',' or '}'"},
	/* bad UTF-8 is libyaml's reader error, placed by its byte offset */
	{"mail:\n  hosts: [\xff]\n", "cfg.yaml:2:11: invalid leading UTF-8 octet"},
	{"# caf\xc3\n", "cfg.yaml:1:7: invalid trailing UTF-8 octet"},
	{"tlds: [\x01]\n", "cfg.yaml:1:8: control characters are not allowed"},
};

static void test_errors(void **state)
{
	(void)state;
	size_t wrong = 0;
	for (size_t i = 0; i < ARRAY_LEN(error_rows); i++) {
		struct config cfg;
		config_init_defaults(&cfg);
		char *err = NULL;
		int rc = load_text(&cfg, error_rows[i].yaml, &err);
		if (rc != -1 || !err || strcmp(err, error_rows[i].error)) {
			print_error("row %zu:\n%s  expected: %s\n  got (%d): %s\n", i,
				    error_rows[i].yaml, error_rows[i].error, rc, err ? err : "(none)");
			wrong++;
		}
		free(err);
		config_free(&cfg);
	}
	assert_int_equal(wrong, 0);
}

/* The subject of a message is cut and its control characters escaped: a
 * message must stay one readable line. */
static void test_error_subject_is_bounded(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "mail:\n  hosts: [\"a..b");
	for (int i = 0; i < 5000; i++)
		strbuf_addch(&sb, 'x');
	strbuf_addstr(&sb, "\\nmore\"]\n");
	struct config cfg;
	config_init_defaults(&cfg);
	char *err = NULL;
	assert_int_equal(config_load_buffer(&cfg, "cfg.yaml", sb.data, sb.len, &err), -1);
	assert_true(strlen(err) < 140);
	assert_non_null(strstr(err, "cfg.yaml:2:11: invalid name 'a..bxxxx"));
	assert_non_null(strstr(err, "...'"));
	assert_null(strchr(err, '\n'));
	free(err);
	config_free(&cfg);

	config_init_defaults(&cfg);
	assert_int_equal(load_text(&cfg, "mail:\n  hosts: [\"a\\tb\"]\n", &err), -1);
	assert_string_equal(err, "cfg.yaml:2:11: invalid name 'a\\x09b'");
	free(err);
	config_free(&cfg);
	strbuf_release(&sb);
}

/* ---- hostile input ---- */

static void test_billion_laughs(void **state)
{
	(void)state;
	static const char laughs[] =
		"a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
		"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
		"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
		"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
		"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
		"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
		"g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
		"h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
		"i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
		"mail:\n  hosts: *i\n";
	struct config cfg;
	config_init_defaults(&cfg);
	char *err = NULL;
	double start = now();
	assert_int_equal(load_text(&cfg, laughs, &err), -1);
	assert_true(now() - start < 1.0);
	assert_string_equal(err, "cfg.yaml:2:8: aliases are not supported");
	free(err);
	config_free(&cfg);
}

/* libyaml rescans every open flow level per token: deep nesting must be
 * refused before it costs seconds. */
static void test_deep_nesting(void **state)
{
	(void)state;
	size_t depth = 1000000;
	char *text = xmalloc(2 * depth + 2);
	memset(text, '[', depth);
	memset(text + depth, ']', depth);
	strcpy(text + 2 * depth, "\n");
	struct config cfg;
	config_init_defaults(&cfg);
	char *err = NULL;
	double start = now();
	assert_int_equal(load_text(&cfg, text, &err), -1);
	assert_true(now() - start < 1.0);
	assert_string_equal(err, "cfg.yaml:1:33: nested more than 32 levels deep");
	free(err);
	config_free(&cfg);

	/* the same in block style */
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 40; i++)
		strbuf_addstr(&sb, "- ");
	strbuf_addstr(&sb, "x\n");
	config_init_defaults(&cfg);
	assert_int_equal(load_text(&cfg, sb.data, &err), -1);
	assert_string_equal(err, "cfg.yaml:1:65: nested more than 32 levels deep");
	free(err);
	config_free(&cfg);
	strbuf_release(&sb);
	free(text);
}

static void test_size_limit(void **state)
{
	(void)state;
	/* exactly 10 MiB of comments: accepted, all defaults */
	size_t size = CONFIG_MAX_BYTES;
	char *big = xmalloc(size + 2);
	memset(big, 'x', size + 1);
	for (size_t i = 0; i < size; i += 100) {
		big[i] = '#';
		if (i)
			big[i - 1] = '\n';
	}
	big[size - 1] = '\n';
	struct config cfg;
	config_init_defaults(&cfg);
	char *err = NULL;
	assert_int_equal(config_load_buffer(&cfg, "big.yaml", big, size, &err), 0);
	assert_null(err);
	assert_true(cfg.mail_mx);
	config_free(&cfg);

	/* one byte more: refused, from a buffer and from a file */
	big[size] = '\n';
	config_init_defaults(&cfg);
	assert_int_equal(config_load_buffer(&cfg, "big.yaml", big, size + 1, &err), -1);
	assert_string_equal(err, "big.yaml: config file larger than 10 MiB");
	free(err);
	config_free(&cfg);

	char *path = temp_path();
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(big, 1, size + 1, f), size + 1);
	fclose(f);
	config_init_defaults(&cfg);
	assert_int_equal(config_load_file(&cfg, path, &err), -1);
	char *expected = xasprintf("%s: config file larger than 10 MiB", path);
	assert_string_equal(err, expected);
	free(expected);
	free(err);
	config_free(&cfg);

	/* truncated to the limit, the file loads */
	assert_int_equal(truncate(path, (off_t)size), 0);
	config_init_defaults(&cfg);
	assert_int_equal(config_load_file(&cfg, path, &err), 0);
	assert_string_equal(cfg.path, path);
	config_free(&cfg);
	unlink(path);
	free(path);
	free(big);
}

static void test_load_file(void **state)
{
	(void)state;
	char *path = temp_path();
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("mail:\n  mx: false\nrules:\n  zone-syntax: warning\n", f);
	fclose(f);
	struct config cfg;
	config_init_defaults(&cfg);
	char *err = NULL;
	assert_int_equal(config_load_file(&cfg, path, &err), 0);
	assert_null(err);
	assert_string_equal(cfg.path, path);
	assert_false(cfg.mail_mx);
	assert_int_equal(cfg.mail_line, 1);
	assert_int_equal(cfg.severity[RULE_zone_syntax], SEV_WARNING);
	config_free(&cfg);

	/* errors name the file as given */
	f = fopen(path, "w");
	fputs("\n\nmail:\n  mx: sometimes\n", f);
	fclose(f);
	config_init_defaults(&cfg);
	assert_int_equal(config_load_file(&cfg, path, &err), -1);
	char *expected = xasprintf("%s:4:7: 'mx' must be true or false", path);
	assert_string_equal(err, expected);
	free(expected);
	free(err);
	config_free(&cfg);
	unlink(path);

	config_init_defaults(&cfg);
	assert_int_equal(config_load_file(&cfg, "/nonexistent/.ptrlint.yaml", &err), -1);
	assert_string_equal(err, "cannot open '/nonexistent/.ptrlint.yaml': No such file or directory");
	free(err);
	config_free(&cfg);

	config_init_defaults(&cfg);
	assert_int_equal(config_load_file(&cfg, "/tmp", &err), -1);
	assert_string_equal(err, "cannot read '/tmp': Is a directory");
	free(err);
	config_free(&cfg);
	free(path);
}

/* ---- ignore expiry ---- */

static void test_expires(void **state)
{
	(void)state;
	static const char text[] =
		"ignore:\n"
		"  - rules: [host-ptr-missing]\n"
		"    expires: 2027-06-29\n"
		"  - rules: [host-ptr-missing]\n"
		"    expires: 2027-06-30\n"
		"  - rules: [host-ptr-missing]\n"
		"    expires: 2028-02-29\n"
		"  - rules: [host-ptr-missing]\n";
	setenv("PTRLINT_TODAY", "2027-06-30", 1);
	struct config cfg;
	load_ok(&cfg, text);
	assert_int_equal(cfg.nignores, 4);
	assert_true(cfg.ignores[0].expired);        /* the day before today */
	assert_false(cfg.ignores[1].expired);       /* applies through its last day */
	assert_false(cfg.ignores[2].expired);
	assert_string_equal(cfg.ignores[2].expires, "2028-02-29");
	assert_false(cfg.ignores[3].expired);       /* no date: never expires */
	assert_null(cfg.ignores[3].expires);
	config_free(&cfg);

	setenv("PTRLINT_TODAY", "2028-03-01", 1);
	load_ok(&cfg, text);
	assert_true(cfg.ignores[0].expired);
	assert_true(cfg.ignores[1].expired);
	assert_true(cfg.ignores[2].expired);
	assert_false(cfg.ignores[3].expired);
	config_free(&cfg);

	/* without PTRLINT_TODAY, the real date: 1999 is past, 9999 is not */
	unsetenv("PTRLINT_TODAY");
	load_ok(&cfg, "ignore:\n  - rules: [zone-syntax]\n    expires: 1999-12-31\n"
		      "  - rules: [zone-syntax]\n    expires: 9999-12-31\n");
	assert_true(cfg.ignores[0].expired);
	assert_false(cfg.ignores[1].expired);
	config_free(&cfg);
}

/* ---- config_option ---- */

static void test_option_undeclared_aborts(void **state)
{
	(void)state;
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		if (!freopen("/dev/null", "w", stderr))
			_exit(3);
		struct config cfg;
		config_init_defaults(&cfg);
		config_option(&cfg, RULE_zone_syntax, "words");
		_exit(0);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
}

/* The error a config text gives (allocated), or NULL when it loads. */
static char *error_of(const char *text)
{
	struct config cfg;
	config_init_defaults(&cfg);
	char *err = NULL;
	int rc = load_text(&cfg, text, &err);
	assert_int_equal(rc, err ? -1 : 0);
	config_free(&cfg);
	return err;
}

static void expect_error(const char *text, const char *want)
{
	char *err = error_of(text);
	if (!err || strcmp(err, want))
		fail_msg("config:\n%s  expected: %s\n  got: %s", text, want, err ? err : "(loaded)");
	free(err);
}

/* What a wrongly typed value of an option is told, by the option's type. */
static const char *type_must(const struct rule_option *decl)
{
	switch (decl->type) {
	case OPT_COUNT:
		return "a non-negative integer";
	case OPT_POSITIVE:
		return "a positive integer";
	case OPT_WORDS:
	case OPT_REGEXES:
		break;
	}
	return "a list";
}

/* Every option any rule declares, now and when one is added: a misspelt
 * name and a value of the wrong type are config errors when the config is
 * read (file, line, column, the nearest name), never left for the rule to
 * meet when it runs; a value of the right type is what the rule gets. */
static void test_rule_options_checked_when_read(void **state)
{
	(void)state;
	size_t checked = 0;
	for (int r = 0; r < RULE_COUNT; r++) {
		const char *id = rule_table[r].id;
		const struct rule_option *decl = rule_table[r].impl->options;
		for (size_t i = 0; decl && decl[i].name; i++, checked++) {
			const char *name = decl[i].name;
			bool list = decl[i].type == OPT_WORDS || decl[i].type == OPT_REGEXES;
			char *text = xasprintf("rules:\n  %s:\n    %sx: 1\n", id, name);
			char *want = xasprintf("cfg.yaml:3:5: unknown option '%sx' for rule '%s', "
					       "did you mean '%s'?", name, id, name);
			expect_error(text, want);
			free(text);
			free(want);

			text = xasprintf("rules:\n  %s:\n    %s: {a: b}\n", id, name);
			want = xasprintf("cfg.yaml:3:%zu: '%s' must be %s", strlen(name) + 7, name,
					 type_must(&decl[i]));
			expect_error(text, want);
			free(text);
			free(want);
			if (list) {
				text = xasprintf("rules:\n  %s:\n    %s: [[a]]\n", id, name);
				want = xasprintf("cfg.yaml:3:%zu: each '%s' entry must be a string",
						 strlen(name) + 8, name);
				expect_error(text, want);
				free(text);
				free(want);
			}

			struct config cfg;
			load_ok(&cfg, (text = xasprintf("rules:\n  %s:\n    %s: %s\n", id, name,
							list ? "['^b2$']" : "7")));
			const struct option_value *v = config_option(&cfg, (enum rule_id)r, name);
			if (list) {
				assert_int_equal(v->count, 1);
				assert_string_equal(v->words[0], "^b2$");
			} else {
				assert_int_equal(v->number, 7);
			}
			free(text);
			config_free(&cfg);
		}
	}
	/* the rules declare options: the loop above checked some */
	assert_true(checked > 0);
}

/* --severity, --enable and --disable name rules and levels the same way:
 * a mistake is refused while the command line is read (exit status 2),
 * with the nearest rule's name when there is one. */
struct cli_error_row {
	const char *args[3];
	const char *error;
};

static const struct cli_error_row cli_error_rows[] = {
	{{"--severity", "ptr-target-mising=warning"},
	 "unknown rule 'ptr-target-mising', did you mean 'ptr-target-missing'?"},
	{{"--severity", "ptr-target-missing=loud"},
	 "unknown severity 'loud' (expected error, warning, info or off)"},
	{{"--severity", "ptr-target-missing="},
	 "unknown severity '' (expected error, warning, info or off)"},
	{{"--severity", "ptr-target-missing"},
	 "--severity needs RULE=LEVEL, not 'ptr-target-missing'"},
	{{"--severity", "=warning"}, "unknown rule '' (see --list-rules)"},
	{{"--enable", "mail-ptr-mising"},
	 "unknown rule 'mail-ptr-mising', did you mean 'mail-ptr-missing'?"},
	{{"--disable", "no-such-rule"}, "unknown rule 'no-such-rule' (see --list-rules)"},
	/* options are set in the config only */
	{{"--enable", "mail-ptr-multiple:max=2"},
	 "unknown rule 'mail-ptr-multiple:max=2' (see --list-rules)"},
	{{"--fail-on", "off"},
	 "unknown --fail-on level 'off' (expected error, warning, info or never)"},
};

static void test_cli_rule_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cli_error_rows); i++) {
		char *argv[] = {"ptrlint", (char *)cli_error_rows[i].args[0],
				(char *)cli_error_rows[i].args[1], ".", NULL};
		struct cli_options opts;
		char *err = NULL;
		assert_int_equal(cli_parse(&opts, 4, argv, &err), -1);
		if (!err || strcmp(err, cli_error_rows[i].error))
			fail_msg("%s %s\n  expected: %s\n  got: %s", argv[1], argv[2],
				 cli_error_rows[i].error, err ? err : "(none)");
		free(err);
		cli_free(&opts);
	}
	/* and what is right is kept, in order */
	char *argv[] = {"ptrlint", "--severity", "ptr-target-missing=info", "--enable",
			"mail-ptr-generic", "--disable", "zone-syntax", ".", NULL};
	struct cli_options opts;
	char *err = NULL;
	assert_int_equal(cli_parse(&opts, 8, argv, &err), 0);
	assert_int_equal(opts.run.noverrides, 3);
	assert_int_equal(opts.run.overrides[0].rule, RULE_ptr_target_missing);
	assert_int_equal(opts.run.overrides[0].severity, SEV_INFO);
	assert_int_equal(opts.run.overrides[1].rule, RULE_mail_ptr_generic);
	assert_int_equal(opts.run.overrides[1].severity, SEV_NEVER);
	assert_int_equal(opts.run.overrides[2].rule, RULE_zone_syntax);
	assert_int_equal(opts.run.overrides[2].severity, SEV_OFF);
	assert_int_equal(opts.run.npaths, 1);
	cli_free(&opts);
}

/* ---- --print-config ---- */

static void test_print_defaults(void **state)
{
	(void)state;
	struct config cfg;
	config_init_defaults(&cfg);
	char *text = print_to_string(&cfg);
	assert_non_null(strstr(text, "# ptrlint effective configuration: built-in defaults, then the command line\n"));
	assert_non_null(strstr(text, "\nzones: []\n"));
	assert_non_null(strstr(text, "\nzone-patterns:\n  - '*.zone'\n  - '*.db'\n  - 'db.*'\n  - '*.rev'\n  - '*.arpa'\n"));
	assert_non_null(strstr(text, "\ngenerate-limit: 65536\n"));
	assert_non_null(strstr(text, "\nmail:\n  mx: true\n  spf: true\n  spf-ranges: false\n  hosts: []\n"));
	assert_non_null(strstr(text, "\nrules:\n  mail-ptr-missing: error\n"));
	assert_non_null(strstr(text, "\n  mail-ptr-multiple:\n    severity: warning\n    max: 1\n"));
	assert_non_null(strstr(text, "\n  mail-ptr-generic:\n    severity: warning\n    words:\n      - 'dynamic'\n"));
	assert_non_null(strstr(text, "\n  ptr-target-missing:\n    severity: error\n    ptr-only: []\n"));
	assert_non_null(strstr(text, "\n  host-ptr-missing: info\n"));
	assert_non_null(strstr(text, "\nignore: []\nfail-on: error\n"));
	/* every rule appears */
	for (int r = 0; r < RULE_COUNT; r++) {
		char *line = xasprintf("\n  %s:", rule_table[r].id);
		assert_non_null(strstr(text, line));
		free(line);
	}
	/* SPEC §7's order */
	const char *keys[] = {"\nzones:", "\nzone-patterns:", "\ninclude-map:", "\ngenerate-limit:",
			      "\nmail:", "\ntlds:", "\nrules:", "\nignore:", "\nfail-on:"};
	const char *at = text;
	for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
		const char *found = strstr(at, keys[i]);
		if (!found)
			fail_msg("key %s missing or out of order", keys[i]);
		at = found;
	}
	free(text);
	config_free(&cfg);
}

/* The patterns a set holds match as they do one by one: a ')' that
 * closes nothing, alternations, anchors and brackets stay inside their
 * own pattern, in every chunk of REGEX_SET_CHUNK. */
static void test_regex_set_matches_each(void **state)
{
	(void)state;
	static const char *const patterns[] = {
		"x)|y", "^mail[0-9]*\\.", "(a|b)c$", "[)(]z", "\\)w", "", "^$", "q|",
		"\\bvrrp-", "[]x]y", "[[:digit:]]{3}\\.k",
	};
	static const char *const names[] = {
		"x).example.", "y.example.", "x.example.", "mail2.example.", "bc", "ac.",
		")z.", "(z", "z", ")w.", "w", "", "q", "a.vrrp-1.", "avrrp-1", "]y", "xy",
		"123.k", "12.k",
	};
	for (size_t p = 0; p < ARRAY_LEN(patterns); p++) {
		struct strbuf text = STRBUF_INIT;
		/* the pattern last of 1,100, in the second chunk, and alone */
		strbuf_addstr(&text, "mail:\n  patterns:\n");
		for (int i = 0; i < 1099; i++)
			strbuf_addstr(&text, "    - 'nomatch'\n");
		strbuf_addf(&text, "    - '%s'\n", patterns[p]);
		struct config many, one;
		load_ok(&many, text.data);
		strbuf_reset(&text);
		strbuf_addf(&text, "mail:\n  patterns: ['%s']\n", patterns[p]);
		load_ok(&one, text.data);
		assert_int_equal(many.mail_pattern_set.nchunks, 2);
		for (size_t n = 0; n < ARRAY_LEN(names); n++) {
			bool alone = !regexec(&one.mail_patterns[0], names[n], 0, NULL, 0);
			if (regex_set_match(&many.mail_pattern_set, names[n]) != alone ||
			    regex_set_match(&one.mail_pattern_set, names[n]) != alone)
				fail_msg("pattern '%s' on '%s': the set says otherwise", patterns[p],
					 names[n]);
		}
		config_free(&many);
		config_free(&one);
		strbuf_release(&text);
	}
}

/* SPEC §9: the run's record budget, read, printed and read back. */
static void test_record_limit(void **state)
{
	(void)state;
	struct config cfg;
	load_ok(&cfg, "record-limit: 50\n");
	assert_int_equal(cfg.record_limit, 50);
	char *text = print_to_string(&cfg);
	assert_non_null(strstr(text, "\ngenerate-limit: 65536\nrecord-limit: 50\n"));
	config_free(&cfg);
	load_ok(&cfg, text);
	assert_int_equal(cfg.record_limit, 50);
	free(text);
	config_free(&cfg);
	load_ok(&cfg, "generate-limit: 7\n");
	assert_int_equal(cfg.record_limit, RECORD_DEFAULT_LIMIT);
	config_free(&cfg);
}

static void test_print_overrides_round_trip(void **state)
{
	(void)state;
	setenv("PTRLINT_TODAY", "2027-07-01", 1);
	struct config cfg;
	load_ok(&cfg, full_config);
	char *text = print_to_string(&cfg);
	assert_non_null(strstr(text, "built-in defaults, then cfg.yaml, then the command line"));
	assert_non_null(strstr(text, "\nzones:\n  - file: 'zones/db.example.com'\n    origin: 'example.com.'\n"
				     "  - file: 'zones/db.192.0.2'\n  - glob: 'zones/**/*.zone'\n"));
	assert_non_null(strstr(text, "\ninclude-base: 'zones'\n"));
	assert_non_null(strstr(text, "\ninclude-map:\n  '/etc/bind/zones/': 'zones/'\n  'ffhl/': '.'\n"));
	assert_non_null(strstr(text, "\ngenerate-limit: 1000\n"));
	assert_non_null(strstr(text, "\n  mx: false\n  spf: false\n  spf-ranges: true\n"));
	assert_non_null(strstr(text, "\n  hosts:\n    - 'smtp-out.example.com.'\n    - 'relay.example.net.'\n"));
	assert_non_null(strstr(text, "\n  patterns:\n    - '^(mail|smtp|mx)[0-9]*\\.'\n"));
	assert_non_null(strstr(text, "\n  senders:\n    - address: '192.0.2.25'\n      helo: 'mail.example.com.'\n"
				     "    - address: '2001:db8::25'\n"));
	assert_non_null(strstr(text, "\ntlds:\n  - 'ffhl'\n  - 'corpnet'\n"));
	assert_non_null(strstr(text, "\n  host-ptr-missing: warning\n"));
	assert_non_null(strstr(text, "\n  zone-syntax: off\n"));
	assert_non_null(strstr(text, "\n  mail-ptr-generic:\n    severity: error\n    words:\n      - 'dynamic'\n"
				     "      - 'dhcp'\n      - 'pool'\n"));
	assert_non_null(strstr(text, "\n  mail-ptr-multiple:\n    severity: warning\n    max: 2\n"));
	assert_non_null(strstr(text, "\nignore:\n  - rules:\n      - host-ptr-missing\n    names:\n"
				     "      - '*.lab.example.com.'\n      - 'printer.example.com.'\n"
				     "    reason: 'lab hosts are renumbered weekly'\n"));
	assert_non_null(strstr(text, "  - addresses:\n      - '10.0.0.0/8'\n      - 'fd00::/8'\n      - '192.0.2.7'\n"
				     "    expires: '2027-06-30'   # expired: no longer applies\n"));
	assert_non_null(strstr(text, "\nfail-on: warning\n"));

	/* the output is a config that reads back to the same configuration */
	struct config again;
	load_ok(&again, text);
	char *text2 = print_to_string(&again);
	char *body1 = strchr(text, '\n'), *body2 = strchr(text2, '\n');
	assert_string_equal(body1, body2);
	assert_int_equal(again.nzones, 3);
	assert_string_equal(again.zones[0].origin, "example.com.");
	assert_true(again.ignores[1].expired);
	assert_int_equal(again.severity[RULE_zone_syntax], SEV_OFF);
	free(text2);
	config_free(&again);
	free(text);
	config_free(&cfg);
	unsetenv("PTRLINT_TODAY");
}

/* Strings YAML would read as something else, or that need escapes, print
 * quoted and read back unchanged. */
static void test_print_quoting(void **state)
{
	(void)state;
	struct config cfg;
	load_ok(&cfg, "include-base: \"it's\\ttabbed\"\ntlds: ['no', 'on', '123']\n"
		      "mail:\n  patterns: ['^a''b\"c\\\\.']\n");
	assert_string_equal(cfg.include_base, "it's\ttabbed");
	assert_string_equal(cfg.tlds[0], "no");
	assert_string_equal(cfg.mail_pattern_text[0], "^a'b\"c\\\\.");
	char *text = print_to_string(&cfg);
	assert_non_null(strstr(text, "\ninclude-base: \"it's\\x09tabbed\"\n"));
	assert_non_null(strstr(text, "\ntlds:\n  - 'no'\n  - 'on'\n  - '123'\n"));
	struct config again;
	load_ok(&again, text);
	assert_string_equal(again.include_base, "it's\ttabbed");
	assert_string_equal(again.tlds[1], "on");
	assert_string_equal(again.mail_pattern_text[0], "^a'b\"c\\\\.");
	config_free(&again);
	free(text);
	config_free(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_empty_configs),
		cmocka_unit_test(test_every_key),
		cmocka_unit_test(test_bools_and_levels),
		cmocka_unit_test(test_reload_replaces),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_error_subject_is_bounded),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_size_limit),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_expires),
		cmocka_unit_test(test_option_undeclared_aborts),
		cmocka_unit_test(test_rule_options_checked_when_read),
		cmocka_unit_test(test_cli_rule_errors),
		cmocka_unit_test(test_print_defaults),
		cmocka_unit_test(test_record_limit),
		cmocka_unit_test(test_regex_set_matches_each),
		cmocka_unit_test(test_print_overrides_round_trip),
		cmocka_unit_test(test_print_quoting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
