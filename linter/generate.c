/*
 * generate.c — BIND's $GENERATE arithmetic: parsing the range
 * "start-stop[/step]" and expanding "$", "$$", "${offset[,width[,base]]}"
 * and "\$" in a template for one value, with BIND 9's semantics (its
 * nibble format, "$$" as a literal dollar). Owns nothing; see generate.h.
 */
#include "generate.h"

#include <limits.h>
#include <string.h>

#define GENERATE_MAX_WIDTH 255

/* Decimal digits at s[*pos] as a long. False when there are none; sets
 * *overflow (and keeps consuming digits) when the value passes LONG_MAX. */
static bool parse_digits(const char *s, size_t len, size_t *pos, long *out,
			 bool *overflow)
{
	size_t i = *pos;
	long v = 0;

	while (i < len && s[i] >= '0' && s[i] <= '9') {
		int d = s[i] - '0';
		if (v > (LONG_MAX - d) / 10)
			*overflow = true;
		else
			v = v * 10 + d;
		i++;
	}
	if (i == *pos)
		return false;
	*pos = i;
	*out = v;
	return true;
}

static bool range_syntax(const char *text, size_t len, size_t i, const char **why)
{
	/* BIND reads the numbers with %d, so "-1-5" is a negative start
	 * rather than garbage; say so. */
	if (i < len && text[i] == '-')
		*why = "negative value in range";
	else
		*why = "bad range, expected start-stop or start-stop/step";
	return false;
}

bool generate_parse_range(struct generate_range *out, const char *text,
			  size_t len, const char **why)
{
	size_t i = 0;
	long start, stop, step = 1;
	bool overflow = false;

	if (!parse_digits(text, len, &i, &start, &overflow))
		return range_syntax(text, len, i, why);
	if (i >= len || text[i] != '-')
		return range_syntax(text, len, len, why);
	i++;
	if (!parse_digits(text, len, &i, &stop, &overflow))
		return range_syntax(text, len, i, why);
	if (i < len && text[i] == '/') {
		i++;
		if (!parse_digits(text, len, &i, &step, &overflow))
			return range_syntax(text, len, i, why);
	}
	if (i != len)
		return range_syntax(text, len, len, why);
	if (overflow) {
		*why = "range value too large";
		return false;
	}
	if (start > stop) {
		*why = "range start is greater than stop";
		return false;
	}
	if (step < 1) {
		*why = "range step must be at least 1";
		return false;
	}
	out->start = start;
	out->stop = stop;
	out->step = step;
	return true;
}

unsigned long generate_count(const struct generate_range *range)
{
	if (range->step < 1 || range->stop < range->start)
		return 0;
	/* stop - start cannot overflow: both are non-negative longs. */
	return (unsigned long)(range->stop - range->start) /
	       (unsigned long)range->step + 1;
}

struct modifier {
	long offset;
	unsigned width;
	char base;              /* d, o, x, X, n or N */
};

/* The text between "${" and "}": offset[,width[,base]]. */
static bool parse_modifier(const char *s, size_t len, struct modifier *m,
			   const char **why)
{
	size_t i = 0;
	bool negative = false, overflow = false;
	long v;

	if (i < len && (s[i] == '-' || s[i] == '+')) {
		negative = s[i] == '-';
		i++;
	}
	if (!parse_digits(s, len, &i, &v, &overflow)) {
		*why = "bad offset in ${ modifier";
		return false;
	}
	if (overflow) {
		*why = "${ modifier offset out of range";
		return false;
	}
	m->offset = negative ? -v : v;
	if (i == len)
		return true;
	if (s[i] != ',') {
		*why = "bad offset in ${ modifier";
		return false;
	}
	i++;
	if (!parse_digits(s, len, &i, &v, &overflow)) {
		*why = "bad width in ${ modifier";
		return false;
	}
	if (overflow || v > GENERATE_MAX_WIDTH) {
		*why = "${ modifier width over 255";
		return false;
	}
	m->width = (unsigned)v;
	if (i == len)
		return true;
	if (s[i] != ',') {
		*why = "bad width in ${ modifier";
		return false;
	}
	i++;
	if (len - i != 1 || !s[i] || !strchr("doxXnN", s[i])) {
		*why = "bad base in ${ modifier, expected d, o, x, X, n or N";
		return false;
	}
	m->base = s[i];
	return true;
}

/*
 * BIND's nibble format: hex digits least significant first, each label
 * followed by a dot while more digits or more width remain; the width
 * counts the dots too, so an even width leaves a trailing dot.
 */
static void add_nibbles(struct strbuf *out, unsigned long v, unsigned width,
			bool upper)
{
	const char *hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";

	do {
		strbuf_addch(out, hex[v & 0x0f]);
		v >>= 4;
		if (width)
			width--;
		if (width || v) {
			strbuf_addch(out, '.');
			if (width)
				width--;
		}
	} while (v || width);
}

static bool add_value(struct strbuf *out, long value, const struct modifier *m,
		      const char **why)
{
	long v;

	if ((m->offset > 0 && value > LONG_MAX - m->offset) ||
	    (m->offset < 0 && value < LONG_MIN - m->offset)) {
		*why = "${ modifier offset out of range";
		return false;
	}
	v = value + m->offset;
	if (m->base == 'd') {
		strbuf_addf(out, "%0*ld", (int)m->width, v);
		return true;
	}
	if (v < 0) {
		/* BIND would print the 32-bit two's complement (or loop
		 * forever for nibbles); neither is a sensible name. */
		*why = "negative value with a non-decimal ${ modifier base";
		return false;
	}
	switch (m->base) {
	case 'o':
		strbuf_addf(out, "%0*lo", (int)m->width, (unsigned long)v);
		break;
	case 'x':
		strbuf_addf(out, "%0*lx", (int)m->width, (unsigned long)v);
		break;
	case 'X':
		strbuf_addf(out, "%0*lX", (int)m->width, (unsigned long)v);
		break;
	default:
		add_nibbles(out, (unsigned long)v, m->width, m->base == 'N');
		break;
	}
	return true;
}

bool generate_expand(struct strbuf *out, const char *tmpl, size_t len,
		     long value, const char **why)
{
	size_t keep = out->len;
	size_t i = 0;

	while (i < len) {
		char c = tmpl[i];
		if (c == '\\') {
			if (i + 1 < len && tmpl[i + 1] == '$') {
				strbuf_addch(out, '$');
				i += 2;
				continue;
			}
			/* Other escapes belong to the name or rdata syntax;
			 * copying them whole keeps "\\$" a substitution. */
			size_t n = i + 1 < len ? 2 : 1;
			strbuf_add(out, tmpl + i, n);
			i += n;
			continue;
		}
		if (c != '$') {
			strbuf_addch(out, c);
			i++;
			continue;
		}
		i++;
		if (i < len && tmpl[i] == '$') {
			strbuf_addch(out, '$');
			i++;
			continue;
		}
		struct modifier m = { .offset = 0, .width = 0, .base = 'd' };
		if (i < len && tmpl[i] == '{') {
			const char *body = tmpl + i + 1;
			const char *close = memchr(body, '}', len - i - 1);
			if (!close) {
				*why = "unterminated ${ modifier";
				goto fail;
			}
			if (!parse_modifier(body, (size_t)(close - body), &m, why))
				goto fail;
			i = (size_t)(close - tmpl) + 1;
		}
		if (!add_value(out, value, &m, why))
			goto fail;
	}
	return true;

fail:
	/* Leave out as it was so the caller can report and go on. */
	out->len = keep;
	if (out->data)
		out->data[keep] = '\0';
	return false;
}
