/*
 * fastparse.c — see fastparse.h. Every check here errs towards declining:
 * a text is taken only when its meaning under ldns's rules is plain (glibc
 * inet_pton for addresses, strtol for the preference, labels of letters,
 * digits and '-', '_', '*', '/'), so that the only way to disagree with ldns
 * would be a bug, which the differential tests are there to catch.
 */
#include "fastparse.h"

#include <string.h>

/* Names this long decline: ldns's limits (255 octets of wire, 255
 * characters of owner text) are left to ldns to enforce. */
#define FAST_NAME_MAX 250

enum { T_A = 1, T_NS = 2, T_CNAME = 5, T_PTR = 12, T_MX = 15, T_AAAA = 28 };

static bool label_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '*' || c == '/';
}

static uint8_t lower(unsigned char c)
{
	return (uint8_t)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
}

/* [s, e) as a lower-case wire name into out. Returns its length (root
 * label included), 0 to decline; *absolute says whether it ended in '.'.
 * The root alone (".") declines. */
static size_t plain_name(const char *s, const char *e, uint8_t out[256], bool *absolute)
{
	if (s >= e || e - s > FAST_NAME_MAX)
		return 0;
	size_t label = 0, pos = 1, n = 0;
	for (const char *p = s; p < e; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '.') {
			if (n == 0 || n > 63)
				return 0;
			out[label] = (uint8_t)n;
			label = pos++;
			n = 0;
		} else if (label_char(c)) {
			out[pos++] = lower(c);
			n++;
		} else {
			return 0;
		}
	}
	if (n > 63)
		return 0;
	*absolute = n == 0;
	out[label] = (uint8_t)n;
	if (n == 0)
		return pos;          /* the last '.' left room for the root label */
	out[pos++] = 0;
	return pos;
}

void fastparse_origin(struct fast_origin *out, const char *text)
{
	if (!strcmp(text, ".")) {
		out->usable = true;
		out->len = 1;
		out->wire[0] = 0;
		return;
	}
	bool absolute = false;
	size_t len = plain_name(text, text + strlen(text), out->wire, &absolute);
	out->usable = len && absolute;
	out->len = (uint8_t)(out->usable ? len : 0);
}

/* A name in rdata: absolute, or relative to the origin as ldns makes it. */
static size_t rdata_name(const char *s, const char *e, const struct fast_origin *origin,
			 uint8_t out[256])
{
	bool absolute = false;
	size_t len = plain_name(s, e, out, &absolute);
	if (!len || absolute)
		return len;
	if (!origin->usable || len - 1 + origin->len > FAST_NAME_MAX)
		return 0;
	memcpy(out + len - 1, origin->wire, origin->len);
	return len - 1 + origin->len;
}

/* Dotted quad as glibc's inet_pton takes it (no leading zeros: it refuses
 * them, and declining leaves that to ldns). */
static bool parse_a(const char *s, const char *e, uint8_t out[4])
{
	for (int part = 0; part < 4; part++) {
		if (part) {
			if (s >= e || *s != '.')
				return false;
			s++;
		}
		const char *start = s;
		unsigned v = 0;
		while (s < e && *s >= '0' && *s <= '9' && s - start < 3)
			v = v * 10 + (unsigned)(*s++ - '0');
		if (s == start || v > 255 || (s - start > 1 && *start == '0'))
			return false;
		out[part] = (uint8_t)v;
	}
	return s == e;
}

static int hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* RFC 4291 §2.2 forms 1 and 2 (no embedded IPv4): groups of 1 to 4 hex
 * digits, at most one "::" standing for at least one zero group. */
static bool parse_aaaa(const char *s, const char *e, uint8_t out[16])
{
	uint16_t groups[8];
	int n = 0, gap = -1;
	if (e - s >= 2 && s[0] == ':' && s[1] == ':') {
		gap = 0;
		s += 2;
		if (s == e)
			goto done;
	}
	for (;;) {
		if (n == 8)
			return false;
		unsigned v = 0;
		int digits = 0;
		int h;
		while (s < e && digits < 5 && (h = hex_value((unsigned char)*s)) >= 0) {
			v = v * 16 + (unsigned)h;
			digits++;
			s++;
		}
		if (digits == 0 || digits > 4)
			return false;
		groups[n++] = (uint16_t)v;
		if (s == e)
			break;
		if (*s != ':')
			return false;
		s++;
		if (s < e && *s == ':') {
			if (gap >= 0)
				return false;
			gap = n;
			s++;
			if (s == e)
				break;
		} else if (s == e) {
			return false;   /* a single ':' at the end */
		}
	}
done:
	if (gap < 0 ? n != 8 : n > 7)
		return false;
	memset(out, 0, 16);
	int tail = gap < 0 ? 0 : n - gap;
	for (int i = 0; i < n; i++) {
		int at = gap < 0 || i < gap ? i : 8 - tail + (i - gap);
		out[2 * at] = (uint8_t)(groups[i] >> 8);
		out[2 * at + 1] = (uint8_t)groups[i];
	}
	return true;
}

/* Case-insensitive equality of [s, e) with an upper-case word. */
static bool word_is(const char *s, const char *e, const char *word)
{
	size_t n = strlen(word);
	return (size_t)(e - s) == n && ascii_equal_n(s, word, n);
}

/* The next space-separated token of [*p, end): false when there is none
 * or the spacing is not the loader's single spaces. */
static bool next_token(const char **p, const char *end, const char **s, const char **e)
{
	const char *q = *p;
	if (q >= end)
		return false;
	*s = q;
	while (q < end && *q != ' ')
		q++;
	*e = q;
	if (*s == *e)
		return false;
	if (q < end) {
		q++;
		if (q == end)
			return false;   /* a trailing space */
	}
	*p = q;
	return true;
}

bool fastparse_record(const char *text, const struct fast_origin *origin,
		      struct parse_result *res, struct arena *arena)
{
	const char *end = text + strlen(text);
	const char *p = text, *s, *e;
	uint8_t owner[256];
	bool absolute = false;
	if (!next_token(&p, end, &s, &e))
		return false;
	size_t owner_len = plain_name(s, e, owner, &absolute);
	if (!owner_len || !absolute)
		return false;
	/* the TTL: the loader writes a number, and ldns's own reading of it
	 * is not part of the result (the loader keeps its TTL) */
	if (!next_token(&p, end, &s, &e) || e - s > 10)
		return false;
	for (const char *q = s; q < e; q++)
		if (*q < '0' || *q > '9')
			return false;
	if (!next_token(&p, end, &s, &e) || e - s != 2 || s[0] != 'I' || s[1] != 'N')
		return false;
	if (!next_token(&p, end, &s, &e))
		return false;
	uint16_t type;
	if (word_is(s, e, "A"))
		type = T_A;
	else if (word_is(s, e, "AAAA"))
		type = T_AAAA;
	else if (word_is(s, e, "PTR"))
		type = T_PTR;
	else if (word_is(s, e, "CNAME"))
		type = T_CNAME;
	else if (word_is(s, e, "NS"))
		type = T_NS;
	else if (word_is(s, e, "MX"))
		type = T_MX;
	else
		return false;

	uint16_t preference = 0;
	if (type == T_MX) {
		if (!next_token(&p, end, &s, &e) || e - s > 5)
			return false;
		unsigned v = 0;
		for (const char *q = s; q < e; q++) {
			if (*q < '0' || *q > '9')
				return false;
			v = v * 10 + (unsigned)(*q - '0');
		}
		if (v > UINT16_MAX)
			return false;
		preference = (uint16_t)v;
	}
	/* the one remaining field must be the last token */
	if (!next_token(&p, end, &s, &e) || p != end)
		return false;

	uint8_t target[256], addr[16];
	size_t target_len = 0, addr_len = 0;
	switch (type) {
	case T_A:
		if (!parse_a(s, e, addr))
			return false;
		addr_len = 4;
		break;
	case T_AAAA:
		if (!parse_aaaa(s, e, addr))
			return false;
		addr_len = 16;
		break;
	default:
		target_len = rdata_name(s, e, origin, target);
		if (!target_len)
			return false;
		break;
	}

	/* laid out as parse.c lays out ldns's result: owner, target, rdata */
	size_t rdlen = addr_len ? addr_len : target_len + (type == T_MX ? 2 : 0);
	uint8_t *out = arena_alloc(arena, owner_len + target_len + rdlen);
	uint8_t *q = out;
	memcpy(q, owner, owner_len);
	q += owner_len;
	memcpy(q, target, target_len);
	q += target_len;
	if (addr_len) {
		memcpy(q, addr, addr_len);
	} else {
		if (type == T_MX) {
			*q++ = (uint8_t)(preference >> 8);
			*q++ = (uint8_t)preference;
		}
		memcpy(q, target, target_len);
	}
	memset(res, 0, sizeof(*res));
	res->type = type;
	res->preference = preference;
	res->rdlen = (uint16_t)rdlen;
	res->owner_len = (uint8_t)owner_len;
	res->target_len = (uint8_t)target_len;
	res->data = out;
	return true;
}
