/*
 * report_text.c — the text format of SPEC §3: GCC-style lines
 * `FILE:LINE: SEVERITY: MESSAGE [RULE]` for people and editors, and the
 * one-line summary. Owns the colours and the terminal-safe rendering of
 * untrusted text.
 */
#include "report_impl.h"

#include <stdint.h>
#include <string.h>

#include "util.h"


#define ANSI_RESET "\033[0m"
#define ANSI_BOLD "\033[1m"

/* GCC's palette: magenta warnings stay readable on light backgrounds. */
static const char *severity_color(enum severity severity)
{
	switch (severity) {
	case SEV_ERROR:
		return "\033[1;31m";
	case SEV_WARNING:
		return "\033[1;35m";
	default:
		return "\033[1;36m";
	}
}

/* Zone data is untrusted: a name or comment could carry CR, LF or ESC to
 * fake a line or drive the terminal (report_escape). scratch is reused
 * from one field to the next. */
static void put_safe(FILE *out, const char *s, struct strbuf *scratch)
{
	strbuf_reset(scratch);
	report_escape(scratch, s);
	if (scratch->len)
		fwrite(scratch->data, 1, scratch->len, out);
}

static void add_thousands(struct strbuf *sb, size_t n)
{
	char digits[32];
	int len = snprintf(digits, sizeof(digits), "%zu", n);
	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			strbuf_addch(sb, ',');
		strbuf_addch(sb, digits[i]);
	}
}

static void add_count(struct strbuf *sb, size_t n, const char *one,
		      const char *many)
{
	add_thousands(sb, n);
	strbuf_addch(sb, ' ');
	strbuf_addstr(sb, n == 1 ? one : many);
}

static void add_baseline_counts(struct strbuf *sb, const struct baseline *b)
{
	strbuf_addstr(sb, ", ");
	add_thousands(sb, b->baselined);
	strbuf_addstr(sb, " baselined, ");
	add_count(sb, baseline_obsolete_count(b), "obsolete baseline entry",
		  "obsolete baseline entries");
}

/* GCC style, so that an editor jumps to the entry to delete; on stderr
 * with the summary, since none of it is a finding. */
static void write_obsolete(FILE *out, const struct baseline *b, struct strbuf *scratch)
{
	for (size_t i = 0; i < b->count; i++) {
		const struct baseline_entry *e = &b->entries[i];
		if (!baseline_entry_obsolete(e))
			continue;
		put_safe(out, b->path, scratch);
		fprintf(out, ":%u: obsolete baseline entry: %s", e->line, rule_table[e->rule].id);
		if (e->zone) {
			fputs(" zone=", out);
			put_safe(out, e->zone, scratch);
		}
		if (e->name) {
			fputs(" name=", out);
			put_safe(out, e->name, scratch);
		}
		if (e->has_address) {
			char text[ADDR_TEXT_MAX];
			prefix_format(text, &e->address);
			fprintf(out, " address=%s", text);
		}
		fprintf(out, " (found %lu of %lu)\n", e->found, e->count);
	}
}

void report_summary_line(struct strbuf *sb, const struct findings *list,
			 const struct report_summary *summary,
			 const struct report_options *options)
{
	if (list->count == 0) {
		strbuf_addstr(sb, "no findings");
	} else {
		add_count(sb, findings_count_at(list, SEV_ERROR), "error", "errors");
		strbuf_addstr(sb, ", ");
		add_count(sb, findings_count_at(list, SEV_WARNING), "warning",
			  "warnings");
		strbuf_addstr(sb, ", ");
		add_count(sb, findings_count_at(list, SEV_INFO), "info", "info");
	}
	strbuf_addstr(sb, " in ");
	add_count(sb, summary->zones, "zone", "zones");
	strbuf_addstr(sb, ", ");
	add_count(sb, summary->records, "record", "records");
	if (options->show_time)
		strbuf_addf(sb, ", %.2f s", summary->seconds);
	if (summary->hidden > 0) {
		strbuf_addstr(sb, ", ");
		add_thousands(sb, summary->hidden);
		strbuf_addstr(sb, " hidden as already in the base");
	}
	if (summary->baseline)
		add_baseline_counts(sb, summary->baseline);
}

void report_write_text(FILE *out, FILE *summary_out,
		       const struct findings *list,
		       const struct report_summary *summary,
		       const struct report_options *options)
{
	bool color = options->color;
	struct strbuf scratch = STRBUF_INIT;
	for (size_t i = 0; i < list->count; i++) {
		const struct finding *f = &list->items[i];
		if (color)
			fputs(ANSI_BOLD, out);
		put_safe(out, f->file, &scratch);
		if (f->line)
			fprintf(out, ":%u", f->line);
		fputc(':', out);
		if (color)
			fprintf(out, ANSI_RESET " %s", severity_color(f->severity));
		else
			fputc(' ', out);
		fprintf(out, "%s:", severity_name(f->severity));
		if (color)
			fputs(ANSI_RESET, out);
		fputc(' ', out);
		put_safe(out, f->message, &scratch);
		fprintf(out, " [%s]\n", rule_table[f->rule].id);
	}
	if (options->quiet || !summary_out) {
		strbuf_release(&scratch);
		return;
	}
	/* stdout and stderr are often one pipe (2>&1): the summary must come
	 * after the findings buffered for stdout, not before them */
	fflush(out);
	if (summary->baseline)
		write_obsolete(summary_out, summary->baseline, &scratch);
	strbuf_release(&scratch);
	struct strbuf line = STRBUF_INIT;
	report_summary_line(&line, list, summary, options);
	strbuf_addch(&line, '\n');
	fputs(line.data, summary_out);
	strbuf_release(&line);
}
