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
	strbuf_release(&scratch);
	if (options->quiet || !summary_out)
		return;
	/* stdout and stderr are often one pipe (2>&1): the summary must come
	 * after the findings buffered for stdout, not before them */
	fflush(out);
	struct strbuf line = STRBUF_INIT;
	report_summary_line(&line, list, summary, options);
	strbuf_addch(&line, '\n');
	fputs(line.data, summary_out);
	strbuf_release(&line);
}
