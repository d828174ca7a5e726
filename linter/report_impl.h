/*
 * report_impl.h — what the format modules (report_*.c) share with
 * report.c and with nobody else: the per-format writers report_write()
 * dispatches to, and the UTF-8 decoder they all use to keep hostile bytes
 * out of terminals, JSON and workflow commands.
 */
#ifndef PTRLINT_REPORT_IMPL_H
#define PTRLINT_REPORT_IMPL_H

#include <stdint.h>
#include <stdio.h>

#include "report.h"

#define UTF8_INVALID UINT32_MAX
/* Decode one code point at text (NUL-terminated) into *cp (UTF8_INVALID
 * for a malformed byte); returns the bytes consumed. */
size_t report_utf8_next(const char *text, uint32_t *cp);

struct strbuf;
/* The summary of the text format ("1 error, 0 warnings, 0 info in 2
 * zones, ..."), without a newline, appended to sb; github's ::notice::
 * says the same. */
void report_summary_line(struct strbuf *sb, const struct findings *list,
			 const struct report_summary *summary,
			 const struct report_options *options);
void report_write_text(FILE *out, FILE *summary_out, const struct findings *list,
		       const struct report_summary *summary,
		       const struct report_options *options);
void report_write_json(FILE *out, const struct findings *list,
		       const struct report_summary *summary,
		       const struct report_options *options);
void report_write_sarif(FILE *out, const struct findings *list,
			const struct report_summary *summary,
			const struct report_options *options);
void report_write_github(FILE *out, const struct findings *list,
			 const struct report_summary *summary,
			 const struct report_options *options);

#endif
