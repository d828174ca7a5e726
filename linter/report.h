/*
 * report.h — writing the finished findings list in one of the formats of
 * SPEC §3. Each format is one module (report_text.c, report_json.c,
 * report_sarif.c, report_github.c); this header is all the engine sees.
 * Reporters read findings and the rule table and own nothing.
 */
#ifndef PTRLINT_REPORT_H
#define PTRLINT_REPORT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "baseline.h"
#include "findings.h"

enum report_format {
	FORMAT_TEXT,
	FORMAT_JSON,
	FORMAT_SARIF,
	FORMAT_GITHUB,
};
/* "text", "json", "sarif", "github"; false if unknown. */
bool report_format_parse(const char *text, enum report_format *out);

struct report_summary {
	size_t files;            /* zone files read, $INCLUDEd ones included */
	size_t zones;
	size_t records;
	double seconds;          /* wall time of the run (text summary only) */
	size_t hidden;           /* findings hidden by --since as present in the base */
	const struct baseline *baseline;   /* the one applied, or NULL */
};

struct report_options {
	enum report_format format;
	bool color;              /* text: ANSI colours by severity */
	bool quiet;              /* text: no summary line */
	bool show_time;          /* text summary: include the seconds (off in tests: output must be deterministic) */
	const char *version;     /* "X.Y.Z" */
	const char *doc_base;    /* SARIF helpUri prefix; the rule id and ".md" are appended */
};

/* Write the report to out. The text format writes its summary line to
 * summary_out (stderr); the other formats carry the summary inside. */
void report_write(FILE *out, FILE *summary_out, const struct findings *list,
		  const struct report_summary *summary,
		  const struct report_options *options);

struct strbuf;
/* Appends s with what could start a line, forge a workflow command or
 * drive a terminal escaped: \n, \r, \t, other C0 and C1 controls, DEL
 * and bytes that are not UTF-8 as \xNN per byte; valid UTF-8 as it is.
 * Every text that comes from the input goes through it (SPEC §3). */
void report_escape(struct strbuf *sb, const char *s);

/* "ptrlint: MESSAGE" on stderr, the whole message escaped: run errors
 * quote file names and config values. */
void report_run_error(const char *fmt, va_list ap);

/* Shared by the JSON and SARIF writers: s as a JSON string with quotes. */
void json_write_string(FILE *out, const char *s);

#endif
