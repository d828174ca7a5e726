/*
 * report.c — see report.h. Owns the format names, the dispatch to one
 * format module and run errors on stderr. What the modules share (JSON
 * strings, UTF-8 decoding, escaping) is report_escape.c, which calls no
 * module back: report.c -> report_*.c -> report_escape.c, one direction.
 */
#include "report_impl.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"


static const char *const format_names[] = {
	[FORMAT_TEXT] = "text",
	[FORMAT_JSON] = "json",
	[FORMAT_SARIF] = "sarif",
	[FORMAT_GITHUB] = "github",
};

bool report_format_parse(const char *text, enum report_format *out)
{
	for (size_t i = 0; i < ARRAY_LEN(format_names); i++)
		if (!strcmp(text, format_names[i])) {
			*out = (enum report_format)i;
			return true;
		}
	return false;
}

void report_write(FILE *out, FILE *summary_out, const struct findings *list,
		  const struct report_summary *summary,
		  const struct report_options *options)
{
	switch (options->format) {
	case FORMAT_TEXT:
		report_write_text(out, summary_out, list, summary, options);
		break;
	case FORMAT_JSON:
		report_write_json(out, list, summary, options);
		break;
	case FORMAT_SARIF:
		report_write_sarif(out, list, summary, options);
		break;
	case FORMAT_GITHUB:
		report_write_github(out, list, summary, options);
		break;
	}
}

void report_run_error(const char *fmt, va_list ap)
{
	char *message = xvasprintf(fmt, ap);
	struct strbuf line = STRBUF_INIT;
	strbuf_addstr(&line, "ptrlint: ");
	report_escape(&line, message);
	strbuf_addch(&line, '\n');
	fputs(line.data, stderr);
	strbuf_release(&line);
	free(message);
}
