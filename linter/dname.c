/*
 * dname.c — see dname.h. Owns wire-name walking, case folding, suffix and
 * equality tests, presentation text in both directions and the canonical
 * order of RFC 4034 §6.1.
 */
#include "dname.h"

#include "util.h"

#include <stdio.h>
#include <string.h>

#define WIRE_MAX 255

size_t dname_length(const uint8_t *wire, size_t max)
{
	size_t pos = 0;
	for (;;) {
		if (pos >= max)
			return 0;
		size_t len = wire[pos];
		/* A compression pointer or an extended label type is not a
		 * plain uncompressed name. */
		if (len > 63)
			return 0;
		pos += 1 + len;
		if (pos > WIRE_MAX)
			return 0;
		if (!len)
			return pos;
	}
}

void dname_lower(uint8_t *wire)
{
	size_t pos = 0;
	while (wire[pos] && pos < WIRE_MAX) {
		size_t len = wire[pos];
		for (size_t i = 1; i <= len; i++)
			wire[pos + i] = ascii_lower(wire[pos + i]);
		pos += 1 + len;
	}
}

size_t dname_label_count(const uint8_t *wire)
{
	size_t count = 0, pos = 0;
	while (wire[pos] && pos < WIRE_MAX) {
		count++;
		pos += 1 + (size_t)wire[pos];
	}
	return count;
}

bool dname_equal(const uint8_t *a, const uint8_t *b)
{
	/* Length bytes are at most 63, below 'A', so folding every byte
	 * compares them unchanged. */
	size_t pos = 0;
	for (;;) {
		if (a[pos] != b[pos])
			return false;
		size_t len = a[pos];
		if (!len)
			return true;
		for (size_t i = 1; i <= len; i++)
			if (ascii_lower(a[pos + i]) != ascii_lower(b[pos + i]))
				return false;
		pos += 1 + len;
		if (pos >= WIRE_MAX)
			return false;
	}
}

bool dname_is_at_or_below(const uint8_t *name, const uint8_t *suffix)
{
	size_t n = dname_label_count(name), s = dname_label_count(suffix);
	if (n < s)
		return false;
	for (size_t i = 0; i < n - s; i++)
		name = dname_parent(name);
	return dname_equal(name, suffix);
}

void dname_to_text(char out[NAME_TEXT_MAX], const uint8_t *wire)
{
	size_t n = 0, pos = 0;
	if (!wire[0]) {
		strcpy(out, ".");
		return;
	}
	/* Each octet takes at most 4 characters and 255 octets fit well
	 * inside NAME_TEXT_MAX; the bounds only guard against bad input. */
	while (wire[pos] && wire[pos] <= 63 && pos + 1 + wire[pos] < WIRE_MAX) {
		size_t len = wire[pos];
		for (size_t i = 1; i <= len; i++) {
			unsigned char c = ascii_lower(wire[pos + i]);
			if (c < 0x21 || c > 0x7e)
				n += (size_t)snprintf(out + n, NAME_TEXT_MAX - n, "\\%03u", c);
			else if (strchr(".\\()\";@$", c)) {
				out[n++] = '\\';
				out[n++] = (char)c;
			} else {
				out[n++] = (char)c;
			}
		}
		out[n++] = '.';
		pos += 1 + len;
	}
	out[n] = '\0';
}

size_t dname_from_text(uint8_t out[256], const char *text, const uint8_t *origin)
{
	uint8_t buf[WIRE_MAX + 1];
	if (!text || !*text)
		return 0;
	if (!strcmp(text, "@")) {
		if (!origin)
			return 0;
		size_t len = dname_length(origin, WIRE_MAX);
		if (!len)
			return 0;
		memmove(out, origin, len);      /* out may be origin */
		dname_lower(out);
		return len;
	}
	if (!strcmp(text, ".")) {
		out[0] = 0;
		return 1;
	}

	size_t pos = 0;            /* length byte of the label being read */
	size_t label = 0;
	bool absolute = false;
	const unsigned char *p = (const unsigned char *)text;
	while (*p) {
		unsigned c = *p++;
		if (c == '.') {
			if (!label)
				return 0;       /* "a..b" or ".a" */
			buf[pos] = (uint8_t)label;
			pos += 1 + label;
			label = 0;
			if (!*p)
				absolute = true;
			continue;
		}
		if (c == '\\') {
			if (!*p)
				return 0;
			if (*p >= '0' && *p <= '9') {
				/* \DDD is exactly three digits (RFC 1035 §5.1). */
				if (p[1] < '0' || p[1] > '9' || p[2] < '0' || p[2] > '9')
					return 0;
				c = (unsigned)(p[0] - '0') * 100 +
				    (unsigned)(p[1] - '0') * 10 + (unsigned)(p[2] - '0');
				if (c > 255)
					return 0;
				p += 3;
			} else {
				c = *p++;
			}
		} else if (c < 0x21 || c == 0x7f) {
			return 0;               /* unescaped blank or control */
		}
		if (label == 63 || pos + 1 + label + 1 >= WIRE_MAX)
			return 0;
		buf[pos + 1 + label] = ascii_lower((unsigned char)c);
		label++;
	}
	if (label) {
		buf[pos] = (uint8_t)label;
		pos += 1 + label;
	}

	if (absolute) {
		buf[pos++] = 0;
	} else {
		if (!origin)
			return 0;
		size_t olen = dname_length(origin, WIRE_MAX);
		if (!olen || pos + olen > WIRE_MAX)
			return 0;
		memcpy(buf + pos, origin, olen);
		dname_lower(buf + pos);
		pos += olen;
	}
	memcpy(out, buf, pos);
	return pos;
}

/* Start of each label, leftmost first; count is the number of labels. */
static size_t label_starts(const uint8_t *wire, const uint8_t *at[128])
{
	size_t count = 0, pos = 0;
	while (wire[pos] && pos < WIRE_MAX && count < 128) {
		at[count++] = wire + pos;
		pos += 1 + (size_t)wire[pos];
	}
	return count;
}

int dname_canonical_compare(const uint8_t *a, const uint8_t *b)
{
	const uint8_t *la[128], *lb[128];
	size_t na = label_starts(a, la), nb = label_starts(b, lb);
	/* Most significant label first, i.e. from the right (RFC 4034 §6.1). */
	while (na && nb) {
		const uint8_t *x = la[--na], *y = lb[--nb];
		size_t lx = x[0], ly = y[0];
		size_t common = lx < ly ? lx : ly;
		for (size_t i = 1; i <= common; i++) {
			unsigned char cx = ascii_lower(x[i]), cy = ascii_lower(y[i]);
			if (cx != cy)
				return cx < cy ? -1 : 1;
		}
		if (lx != ly)
			return lx < ly ? -1 : 1;
	}
	if (na != nb)
		return na < nb ? -1 : 1;
	return 0;
}
