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

/*
 * Zone data is untrusted: a name or comment could carry CR, LF or ESC to
 * fake a line or drive the terminal. Every control character (C0, DEL, and
 * C1 as UTF-8 — some terminals take U+009B as CSI) and every byte that is
 * not UTF-8 (a lone 0x9B is CSI on an 8-bit terminal) becomes '?'.
 */
static void put_safe(FILE *out, const char *s)
{
	if (!s)
		return;
	while (*s) {
		uint32_t cp;
		size_t n = report_utf8_next(s, &cp);
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == UTF8_INVALID)
			fputc('?', out);
		else
			fwrite(s, 1, n, out);
		s += n;
	}
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

static void write_summary(FILE *out, const struct findings *list,
			  const struct report_summary *summary,
			  const struct report_options *options)
{
	struct strbuf sb = STRBUF_INIT;
	if (list->count == 0) {
		strbuf_addstr(&sb, "no findings");
	} else {
		add_count(&sb, findings_count_at(list, SEV_ERROR), "error", "errors");
		strbuf_addstr(&sb, ", ");
		add_count(&sb, findings_count_at(list, SEV_WARNING), "warning",
			  "warnings");
		strbuf_addstr(&sb, ", ");
		add_count(&sb, findings_count_at(list, SEV_INFO), "info", "info");
	}
	strbuf_addstr(&sb, " in ");
	add_count(&sb, summary->zones, "zone", "zones");
	strbuf_addstr(&sb, ", ");
	add_count(&sb, summary->records, "record", "records");
	if (options->show_time)
		strbuf_addf(&sb, ", %.2f s", summary->seconds);
	if (summary->hidden > 0) {
		strbuf_addstr(&sb, ", ");
		add_thousands(&sb, summary->hidden);
		strbuf_addstr(&sb, " hidden as already in the base");
	}
	strbuf_addch(&sb, '\n');
	fputs(sb.data, out);
	strbuf_release(&sb);
}

void report_write_text(FILE *out, FILE *summary_out,
		       const struct findings *list,
		       const struct report_summary *summary,
		       const struct report_options *options)
{
	bool color = options->color;
	for (size_t i = 0; i < list->count; i++) {
		const struct finding *f = &list->items[i];
		if (color)
			fputs(ANSI_BOLD, out);
		put_safe(out, f->file);
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
		put_safe(out, f->message);
		fprintf(out, " [%s]\n", rule_table[f->rule].id);
	}
	if (!options->quiet && summary_out)
		write_summary(summary_out, list, summary, options);
}

void report_text_put_safe(FILE *out, const char *s)
{
	put_safe(out, s);
}
