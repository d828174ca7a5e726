/*
 * report_escape.c — what every format module shares (report.h,
 * report_impl.h): JSON strings, UTF-8 decoding and escaping, so that every
 * format treats hostile bytes in zone data alike. It calls no format
 * module: the formats and report.c call it.
 */
#include "report_impl.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/*
 * One character of NUL-terminated text: returns the bytes it takes (at
 * least 1) and sets *cp to the code point, or to UTF8_INVALID for a maximal
 * ill-formed subpart (Unicode §3.9, "U+FFFD substitution of maximal
 * subparts"), so a truncated sequence swallows no following ASCII byte.
 * Overlong forms, surrogates and values above U+10FFFF are ill-formed.
 */
size_t report_utf8_next(const char *text, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)text;
	unsigned char c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t need;
	uint32_t value;
	unsigned char lo = 0x80, hi = 0xBF;   /* range of the second byte */
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		value = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		value = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		value = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		*cp = UTF8_INVALID;
		return 1;
	}
	size_t i;
	for (i = 1; i <= need; i++) {
		/* The terminating NUL is below every range: no overread. */
		if (s[i] < lo || s[i] > hi) {
			*cp = UTF8_INVALID;
			return i;
		}
		value = value << 6 | (s[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = value;
	return i;
}

void json_write_string(FILE *out, const char *s)
{
	if (!s)
		s = "";
	fputc('"', out);
	while (*s) {
		/* a run that needs no escaping in one write (fputc for each
		 * character took ~50 ms for 12,000 findings) */
		size_t run = 0;
		while (s[run] && (unsigned char)s[run] >= 0x20 && (unsigned char)s[run] < 0x7F &&
		       s[run] != '"' && s[run] != '\\')
			run++;
		if (run) {
			fwrite(s, 1, run, out);
			s += run;
			continue;
		}
		unsigned char c = (unsigned char)*s;
		if (c >= 0x80) {
			uint32_t cp;
			size_t n = report_utf8_next(s, &cp);
			if (cp == UTF8_INVALID)
				fputs("\xEF\xBF\xBD", out);
			else
				fwrite(s, 1, n, out);
			s += n;
			continue;
		}
		switch (c) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			/* DEL is legal JSON but a terminal control: escape it too. */
			if (c < 0x20 || c == 0x7F)
				fprintf(out, "\\u%04x", c);
			else
				fputc(c, out);
		}
		s++;
	}
	fputc('"', out);
}

/* A run of bytes that print as they are: printable ASCII but DEL. */
static size_t plain_run(const char *s)
{
	size_t n = 0;
	while ((unsigned char)s[n] >= 0x20 && (unsigned char)s[n] < 0x7F)
		n++;
	return n;
}

static void add_hex_bytes(struct strbuf *sb, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		strbuf_addf(sb, "\\x%02x", (unsigned char)s[i]);
}

void report_escape(struct strbuf *sb, const char *s)
{
	if (!s)
		return;
	while (*s) {
		size_t run = plain_run(s);
		if (run) {
			strbuf_add(sb, s, run);
			s += run;
			continue;
		}
		uint32_t cp;
		size_t n = report_utf8_next(s, &cp);
		if (cp == '\n')
			strbuf_addstr(sb, "\\n");
		else if (cp == '\r')
			strbuf_addstr(sb, "\\r");
		else if (cp == '\t')
			strbuf_addstr(sb, "\\t");
		else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == UTF8_INVALID)
			add_hex_bytes(sb, s, n);
		else
			strbuf_add(sb, s, n);
		s += n;
	}
}
