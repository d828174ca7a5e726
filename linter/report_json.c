/*
 * report_json.c — the json format of SPEC §3: one object with the tool,
 * its version, the findings and the summary, pretty-printed with two-space
 * indentation and a fixed key order so that output diffs cleanly.
 */
#include "report_impl.h"

#include "util.h"


/* Starts a member: the separator from the previous one, indentation, key. */
static void key(FILE *out, bool *first, const char *indent, const char *name)
{
	fputs(*first ? "\n" : ",\n", out);
	*first = false;
	fprintf(out, "%s\"%s\": ", indent, name);
}

/* What identifies a finding across runs, as findings and baseline
 * entries both carry it: each part only when it is there. */
static void write_key_parts(FILE *out, bool *first, const char *zone, const char *name,
			    const struct ip_prefix *address)
{
	static const char indent[] = "      ";
	if (zone) {
		key(out, first, indent, "zone");
		json_write_string(out, zone);
	}
	if (name) {
		key(out, first, indent, "name");
		json_write_string(out, name);
	}
	if (address) {
		char text[ADDR_TEXT_MAX];
		prefix_format(text, address);
		key(out, first, indent, "address");
		json_write_string(out, text);
	}
}

static void write_finding(FILE *out, const struct finding *f)
{
	static const char indent[] = "      ";
	bool first = true;
	fputs("    {", out);
	key(out, &first, indent, "rule");
	json_write_string(out, rule_table[f->rule].id);
	key(out, &first, indent, "severity");
	json_write_string(out, severity_name(f->severity));
	key(out, &first, indent, "message");
	json_write_string(out, f->message);
	key(out, &first, indent, "file");
	json_write_string(out, f->file);
	key(out, &first, indent, "line");
	fprintf(out, "%u", f->line);
	write_key_parts(out, &first, f->zone, f->name, f->has_address ? &f->address : NULL);
	if (f->iprev != IPREV_NONE) {
		key(out, &first, indent, "iprev");
		json_write_string(out, iprev_name(f->iprev));
	}
	fputs("\n    }", out);
}

/* The entries of the baseline that fewer findings matched than their
 * count, where the file has them, to delete or lower. */
static void write_obsolete(FILE *out, const struct baseline *b)
{
	static const char indent[] = "      ";
	bool any = false;
	for (size_t i = 0; i < b->count; i++) {
		const struct baseline_entry *e = &b->entries[i];
		if (!baseline_entry_obsolete(e))
			continue;
		bool first = true;
		fputs(any ? ",\n    {" : "\n    {", out);
		any = true;
		key(out, &first, indent, "file");
		json_write_string(out, b->path);
		key(out, &first, indent, "line");
		fprintf(out, "%u", e->line);
		key(out, &first, indent, "rule");
		json_write_string(out, rule_table[e->rule].id);
		write_key_parts(out, &first, e->zone, e->name, e->has_address ? &e->address : NULL);
		key(out, &first, indent, "count");
		fprintf(out, "%lu", e->count);
		key(out, &first, indent, "found");
		fprintf(out, "%lu", e->found);
		fputs("\n    }", out);
	}
	fputs(any ? "\n  ]" : "]", out);
}

static void count_member(FILE *out, bool *first, const char *name, size_t n)
{
	key(out, first, "    ", name);
	fprintf(out, "%zu", n);
}

void report_write_json(FILE *out, const struct findings *list,
		       const struct report_summary *summary,
		       const struct report_options *options)
{
	bool first = true;
	fputs("{", out);
	key(out, &first, "  ", "tool");
	json_write_string(out, "ptrlint");
	key(out, &first, "  ", "version");
	json_write_string(out, options->version);
	key(out, &first, "  ", "findings");
	fputc('[', out);
	for (size_t i = 0; i < list->count; i++) {
		fputs(i ? ",\n" : "\n", out);
		write_finding(out, &list->items[i]);
	}
	fputs(list->count ? "\n  ]" : "]", out);
	if (summary->baseline) {
		key(out, &first, "  ", "obsolete");
		fputc('[', out);
		write_obsolete(out, summary->baseline);
	}

	key(out, &first, "  ", "summary");
	fputc('{', out);
	bool inner = true;
	count_member(out, &inner, "files", summary->files);
	count_member(out, &inner, "zones", summary->zones);
	count_member(out, &inner, "records", summary->records);
	count_member(out, &inner, "error", findings_count_at(list, SEV_ERROR));
	count_member(out, &inner, "warning", findings_count_at(list, SEV_WARNING));
	count_member(out, &inner, "info", findings_count_at(list, SEV_INFO));
	if (summary->hidden > 0)
		count_member(out, &inner, "hidden", summary->hidden);
	if (summary->baseline) {
		count_member(out, &inner, "baselined", summary->baseline->baselined);
		count_member(out, &inner, "obsolete", baseline_obsolete_count(summary->baseline));
	}
	fputs("\n  }\n}\n", out);
}
