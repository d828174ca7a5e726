/*
 * config_print.c — --print-config: the effective configuration
 * (config.h) written back as YAML that config.c reads again to the same
 * values. Reads struct config only; knows nothing of libyaml.
 */
#include <stdbool.h>
#include <stdio.h>

#include "addr.h"
#include "config.h"

/* Every string quoted, so that names like "no", "on" or "1e3" and
 * patterns full of YAML indicators read back as written. */
static void print_quoted(FILE *out, const char *s)
{
	bool plain = true;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			plain = false;
	if (plain) {
		fputc('\'', out);
		for (; *s; s++) {
			if (*s == '\'')
				fputc('\'', out);
			fputc(*s, out);
		}
		fputc('\'', out);
		return;
	}
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\x%02x", *p);
		else if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

/* "lead key:" then the items, each on its own line at indent. */
static void print_list(FILE *out, const char *lead, const char *indent, const char *key,
		       char *const *items, size_t n)
{
	fprintf(out, "%s%s:%s\n", lead, key, n ? "" : " []");
	for (size_t i = 0; i < n; i++) {
		fprintf(out, "%s- ", indent);
		print_quoted(out, items[i]);
		fputc('\n', out);
	}
}

static void print_rules(const struct config *cfg, FILE *out)
{
	fputs("rules:\n", out);
	for (int r = 0; r < RULE_COUNT; r++) {
		const struct rule_option *decl = rule_table[r].impl->options;
		if (!decl || !decl[0].name) {
			fprintf(out, "  %s: %s\n", rule_table[r].id, severity_name(cfg->severity[r]));
			continue;
		}
		fprintf(out, "  %s:\n    severity: %s\n", rule_table[r].id,
			severity_name(cfg->severity[r]));
		for (size_t i = 0; decl[i].name; i++) {
			const struct option_value *v = &cfg->options[r][i];
			if (decl[i].type == OPT_COUNT || decl[i].type == OPT_POSITIVE)
				fprintf(out, "    %s: %ld\n", decl[i].name, v->number);
			else
				print_list(out, "    ", "      ", decl[i].name, v->words, v->count);
		}
	}
}

static void print_ignores(const struct config *cfg, FILE *out)
{
	fprintf(out, "ignore:%s\n", cfg->nignores ? "" : " []");
	for (size_t i = 0; i < cfg->nignores; i++) {
		const struct ignore_entry *e = &cfg->ignores[i];
		const char *lead = "  - ";
		if (e->rules) {
			fprintf(out, "%srules:\n", lead);
			for (int r = 0; r < RULE_COUNT; r++)
				if (e->rules & RULE_BIT(r))
					fprintf(out, "      - %s\n", rule_table[r].id);
			lead = "    ";
		}
		if (e->nnames) {
			print_list(out, lead, "      ", "names", e->names, e->nnames);
			lead = "    ";
		}
		if (e->naddresses) {
			fprintf(out, "%saddresses:\n", lead);
			for (size_t k = 0; k < e->naddresses; k++) {
				char text[ADDR_TEXT_MAX];
				prefix_format(text, &e->addresses[k]);
				fprintf(out, "      - '%s'\n", text);
			}
			lead = "    ";
		}
		if (e->reason) {
			fprintf(out, "%sreason: ", lead);
			print_quoted(out, e->reason);
			fputc('\n', out);
		}
		if (e->expires)
			fprintf(out, "%sexpires: '%s'%s\n", lead, e->expires,
				e->expired ? "   # expired: no longer applies" : "");
	}
}

void config_print(const struct config *cfg, FILE *out)
{
	fprintf(out, "# ptrlint effective configuration: %s%s%s\n",
		cfg->path ? "built-in defaults, then " : "built-in defaults",
		cfg->path ? cfg->path : "", ", then the command line");

	fprintf(out, "zones:%s\n", cfg->nzones ? "" : " []");
	for (size_t i = 0; i < cfg->nzones; i++) {
		const struct zone_spec *z = &cfg->zones[i];
		fputs(z->file ? "  - file: " : "  - glob: ", out);
		print_quoted(out, z->file ? z->file : z->glob);
		fputc('\n', out);
		if (z->origin) {
			fputs("    origin: ", out);
			print_quoted(out, z->origin);
			fputc('\n', out);
		}
	}
	print_list(out, "", "  ", "zone-patterns", cfg->zone_patterns, cfg->nzone_patterns);
	if (cfg->include_base) {
		fputs("include-base: ", out);
		print_quoted(out, cfg->include_base);
		fputc('\n', out);
	} else {
		fputs("# include-base: not set ($INCLUDE paths resolve against the including file's directory)\n", out);
	}
	fprintf(out, "include-map:%s\n", cfg->ninclude_map ? "" : " {}");
	for (size_t i = 0; i < cfg->ninclude_map; i++) {
		fputs("  ", out);
		print_quoted(out, cfg->include_map[i].from);
		fputs(": ", out);
		print_quoted(out, cfg->include_map[i].to);
		fputc('\n', out);
	}
	fprintf(out, "generate-limit: %lu\n", cfg->generate_limit);
	fprintf(out, "record-limit: %lu\n", cfg->record_limit);
	if (cfg->baseline) {
		fputs("baseline: ", out);
		print_quoted(out, cfg->baseline);
		fputc('\n', out);
	}

	fputs("mail:\n", out);
	fprintf(out, "  mx: %s\n  spf: %s\n  spf-ranges: %s\n", cfg->mail_mx ? "true" : "false",
		cfg->mail_spf ? "true" : "false", cfg->mail_spf_ranges ? "true" : "false");
	print_list(out, "  ", "    ", "hosts", cfg->mail_hosts, cfg->nmail_hosts);
	print_list(out, "  ", "    ", "patterns", cfg->mail_pattern_text, cfg->nmail_patterns);
	fprintf(out, "  senders:%s\n", cfg->nsenders ? "" : " []");
	for (size_t i = 0; i < cfg->nsenders; i++) {
		char text[ADDR_TEXT_MAX];
		addr_format(text, &cfg->senders[i].addr);
		fprintf(out, "    - address: '%s'\n", text);
		if (cfg->senders[i].helo) {
			fputs("      helo: ", out);
			print_quoted(out, cfg->senders[i].helo);
			fputc('\n', out);
		}
	}
	print_list(out, "", "  ", "tlds", cfg->tlds, cfg->ntlds);
	print_rules(cfg, out);
	print_ignores(cfg, out);
	fprintf(out, "fail-on: %s\n", severity_name(cfg->fail_on));
}
