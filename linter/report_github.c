/*
 * report_github.c — the github format of SPEC §3: one GitHub Actions
 * workflow command per finding (`::error file=F,line=L,title=RULE::MSG`),
 * which the runner turns into an annotation on the file. Owns the escaping
 * of workflow command data and properties.
 */
#include "report_impl.h"

#include <stdint.h>

#include "util.h"


static const char *command_for(enum severity severity)
{
	switch (severity) {
	case SEV_ERROR:
		return "error";
	case SEV_WARNING:
		return "warning";
	default:
		return "notice";
	}
}

/*
 * The runner decodes exactly %25, %0D, %0A (and in properties %3A, %2C),
 * so nothing else can be percent-encoded: other control characters, which
 * would reach the log viewer as ANSI escapes, become '?', and bytes that
 * are not UTF-8 become U+FFFD since the runner reads UTF-8.
 */
static void put_escaped(FILE *out, const char *s, bool property)
{
	if (!s)
		return;
	while (*s) {
		uint32_t cp;
		size_t n = report_utf8_next(s, &cp);
		if (cp == '%')
			fputs("%25", out);
		else if (cp == '\r')
			fputs("%0D", out);
		else if (cp == '\n')
			fputs("%0A", out);
		else if (property && cp == ':')
			fputs("%3A", out);
		else if (property && cp == ',')
			fputs("%2C", out);
		else if (cp == UTF8_INVALID)
			fputs("\xEF\xBF\xBD", out);
		else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
			fputc('?', out);
		else
			fwrite(s, 1, n, out);
		s += n;
	}
}

void report_write_github(FILE *out, const struct findings *list,
			 const struct report_summary *summary,
			 const struct report_options *options)
{
	for (size_t i = 0; i < list->count; i++) {
		const struct finding *f = &list->items[i];
		fprintf(out, "::%s ", command_for(f->severity));
		if (f->file && *f->file) {
			fputs("file=", out);
			put_escaped(out, f->file, true);
			if (f->line)
				fprintf(out, ",line=%u", f->line);
			fputc(',', out);
		}
		fputs("title=", out);
		put_escaped(out, rule_table[f->rule].id, true);
		fputs("::", out);
		put_escaped(out, f->message, false);
		fputc('\n', out);
	}
	struct strbuf line = STRBUF_INIT;
	report_summary_line(&line, list, summary, options);
	fputs("::notice::", out);
	put_escaped(out, line.data, false);
	fputc('\n', out);
	strbuf_release(&line);
}
