/*
 * strict.c — see strict.h. One row per type that holds a number ldns
 * would wrap; a field's kind says which numbers BIND takes there.
 */
#include "strict.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

enum kind {
	K_NONE = 0,
	K_U8,           /* digits only, at most 255 */
	K_U8_WORD,      /* the same, or a mnemonic ("RSASHA256"): a letter first */
	K_U16,          /* digits only, at most 65535 */
	K_U32,          /* digits only, at most 2^32 - 1: the SOA serial */
	K_TTL,          /* a TTL with BIND's units: the SOA timers */
};

struct field {
	const char *name;
	enum kind kind;
};

struct row {
	const char *type;
	uint8_t first;                   /* index of the first numeric token */
	struct field fields[6];          /* consecutive tokens from first */
};

/* Each row was checked against ldns 1.8.3 (which stores the value modulo
 * the field's width) and named-checkzone 9.18 (which refuses it). RRSIG
 * and CERT are left out: ldns itself refuses their out-of-range numbers. */
static const struct row rows[] = {
	{"SOA", 2, {{"serial", K_U32}, {"refresh", K_TTL}, {"retry", K_TTL},
		    {"expire", K_TTL}, {"minimum", K_TTL}}},
	{"MX", 0, {{"preference", K_U16}}},
	{"AFSDB", 0, {{"subtype", K_U16}}},
	{"RT", 0, {{"preference", K_U16}}},
	{"KX", 0, {{"preference", K_U16}}},
	{"LP", 0, {{"preference", K_U16}}},
	{"L32", 0, {{"preference", K_U16}}},
	{"L64", 0, {{"preference", K_U16}}},
	{"NID", 0, {{"preference", K_U16}}},
	{"PX", 0, {{"preference", K_U16}}},
	{"SRV", 0, {{"priority", K_U16}, {"weight", K_U16}, {"port", K_U16}}},
	{"NAPTR", 0, {{"order", K_U16}, {"preference", K_U16}}},
	{"URI", 0, {{"priority", K_U16}, {"weight", K_U16}}},
	{"SVCB", 0, {{"priority", K_U16}}},
	{"HTTPS", 0, {{"priority", K_U16}}},
	{"CAA", 0, {{"flags", K_U8}}},
	{"SSHFP", 0, {{"algorithm", K_U8_WORD}, {"fingerprint type", K_U8_WORD}}},
	{"TLSA", 0, {{"usage", K_U8_WORD}, {"selector", K_U8_WORD},
		     {"matching type", K_U8_WORD}}},
	{"SMIMEA", 0, {{"usage", K_U8_WORD}, {"selector", K_U8_WORD},
		       {"matching type", K_U8_WORD}}},
	{"DS", 0, {{"key tag", K_U16}, {"algorithm", K_U8_WORD}, {"digest type", K_U8_WORD}}},
	{"CDS", 0, {{"key tag", K_U16}, {"algorithm", K_U8_WORD}, {"digest type", K_U8_WORD}}},
	{"DNSKEY", 0, {{"flags", K_U16}, {"protocol", K_U8}, {"algorithm", K_U8_WORD}}},
	{"CDNSKEY", 0, {{"flags", K_U16}, {"protocol", K_U8}, {"algorithm", K_U8_WORD}}},
	{"NSEC3PARAM", 0, {{"hash algorithm", K_U8}, {"flags", K_U8}, {"iterations", K_U16}}},
};

enum strict_ttl strict_ttl(const char *s, size_t len, uint32_t *out)
{
	if (!len || s[0] < '0' || s[0] > '9')
		return STRICT_TTL_SYNTAX;
	/* sums saturate just above the limit, so a number of any length
	 * ends as "too big", never as a wrapped value */
	const uint64_t over = (uint64_t)UINT32_MAX + 1;
	uint64_t total = 0, number = 0;
	bool have_number = false, units = false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= '0' && c <= '9') {
			number = number * 10 + (c - '0');
			if (number > over)
				number = over;
			have_number = true;
			continue;
		}
		uint64_t mult;
		switch (ascii_lower(c)) {
		case 's': mult = 1; break;
		case 'm': mult = 60; break;
		case 'h': mult = 3600; break;
		case 'd': mult = 86400; break;
		case 'w': mult = 604800; break;
		default: return STRICT_TTL_SYNTAX;
		}
		if (!have_number)
			return STRICT_TTL_SYNTAX;
		total += number * mult;
		if (total > over)
			total = over;
		number = 0;
		have_number = false;
		units = true;
	}
	if (have_number && units)
		return STRICT_TTL_SYNTAX;
	total += number;
	if (total > UINT32_MAX)
		return STRICT_TTL_RANGE;
	*out = (uint32_t)total;
	return STRICT_TTL_OK;
}

/* A value for a message: the first bytes of it when it is long (a 78 KB
 * number says nothing more than its first 40 digits). */
static int shown(size_t len)
{
	return len > 40 ? 40 : (int)len;
}

static const char *more(size_t len)
{
	return len > 40 ? "..." : "";
}

static bool all_digits(const char *s, size_t len)
{
	if (!len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Decimal digits s[0..len) against max, without overflowing on any length. */
static bool digits_within(const char *s, size_t len, uint32_t max, uint32_t *out)
{
	uint64_t v = 0;
	for (size_t i = 0; i < len; i++) {
		v = v * 10 + (uint64_t)(s[i] - '0');
		if (v > max)
			return false;
	}
	*out = (uint32_t)v;
	return true;
}

static bool check_field(const struct field *f, const struct split_token *t, char *why,
			size_t size)
{
	uint32_t max = f->kind == K_U16 ? UINT16_MAX : f->kind == K_U32 || f->kind == K_TTL
		? UINT32_MAX : UINT8_MAX;
	uint32_t v;
	if (f->kind == K_TTL && !t->quoted) {
		switch (strict_ttl(t->text, t->len, &v)) {
		case STRICT_TTL_OK:
			return true;
		case STRICT_TTL_RANGE:
			snprintf(why, size, "%s %.*s%s exceeds %u seconds",
				 f->name, shown(t->len), t->text, more(t->len), max);
			return false;
		case STRICT_TTL_SYNTAX:
			break;
		}
		snprintf(why, size,
			 "%s '%.*s%s' is not a number of seconds (units: w d h m s)", f->name,
			 shown(t->len), t->text, more(t->len));
		return false;
	}
	unsigned char c = (unsigned char)ascii_lower((unsigned char)t->text[0]);
	if (f->kind == K_U8_WORD && !t->quoted && c >= 'a' && c <= 'z')
		return true;     /* a mnemonic: ldns knows them, and refuses the others */
	if (t->quoted || !all_digits(t->text, t->len)) {
		snprintf(why, size, "%s '%.*s%s' is not a number", f->name,
			 shown(t->len), t->text, more(t->len));
		return false;
	}
	if (!digits_within(t->text, t->len, max, &v)) {
		snprintf(why, size, "%s %.*s%s exceeds %u", f->name,
			 shown(t->len), t->text, more(t->len), max);
		return false;
	}
	return true;
}

#define STRICT_TXT_MAX 65510

/* Bytes a TXT string stands for on the wire: quotes dropped, "\DDD" and
 * "\X" one byte each. */
static size_t string_bytes(const struct split_token *t)
{
	const char *s = t->text, *e = t->text + t->len;
	if (t->quoted) {
		s++;
		if (e > s && e[-1] == '"')
			e--;
	}
	size_t n = 0;
	while (s < e) {
		if (*s == '\\' && s + 1 < e) {
			bool ddd = s + 3 < e && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' &&
				   s[2] <= '9' && s[3] >= '0' && s[3] <= '9';
			s += ddd ? 4 : 2;
		} else {
			s++;
		}
		n++;
	}
	return n;
}

static bool check_strings(const struct split_token *rdata, size_t n, char *why, size_t size)
{
	size_t total = 0;
	for (size_t k = 0; k < n; k++) {
		size_t bytes = string_bytes(&rdata[k]);
		if (bytes > 255) {
			snprintf(why, size,
				 "string %zu of %zu bytes exceeds 255 (split it into strings)",
				 k + 1, bytes);
			return false;
		}
		total += 1 + bytes;
	}
	/* the wire format holds 65535 bytes, but named-checkzone 9.18 refuses
	 * more than 65510 ("ran out of space": its loader's buffer is sized
	 * for the rdata of a record that still fits in one 64 KiB message) */
	if (total > STRICT_TXT_MAX) {
		snprintf(why, size, "rdata of %zu bytes exceeds %d, the most named loads", total,
			 STRICT_TXT_MAX);
		return false;
	}
	return true;
}

static bool type_is(const char *text, const char *type)
{
	size_t n = strlen(type);
	return strlen(text) == n && ascii_equal_n(text, type, n);
}

/* Every record of a zone asks; most are A, AAAA or PTR, which no row
 * holds: the first letter and the length turn them away cheaply. */
static bool row_matches(const struct row *row, const char *text, size_t len)
{
	return ascii_lower((unsigned char)row->type[0]) == ascii_lower((unsigned char)text[0]) &&
	       strlen(row->type) == len && ascii_equal_n(text, row->type, len);
}

bool strict_rdata(const char *type_text, const struct split_token *rdata, size_t n,
		  char *why, size_t size)
{
	/* RFC 3597's "\# len hex" says the bytes themselves */
	if (n && rdata[0].len == 2 && !rdata[0].quoted && rdata[0].text[0] == '\\' &&
	    rdata[0].text[1] == '#')
		return true;
	size_t len = strlen(type_text);
	if (len == 3 && (ascii_equal_n(type_text, "TXT", 3) || ascii_equal_n(type_text, "SPF", 3)))
		return check_strings(rdata, n, why, size);
	if (!len)
		return true;
	for (size_t r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
		if (!row_matches(&rows[r], type_text, len))
			continue;
		for (size_t f = 0; f < 6 && rows[r].fields[f].name; f++) {
			size_t k = rows[r].first + f;
			if (k >= n)
				return true;    /* too few fields: ldns says so */
			if (!check_field(&rows[r].fields[f], &rdata[k], why, size))
				return false;
		}
		return true;
	}
	return true;
}

/* "a.b.c.d" with only digits and dots: the parts, each as written. */
static int dotted_parts(const char *s, size_t len, const char *part[], size_t plen[], int max)
{
	int n = 0;
	const char *start = s, *e = s + len;
	for (const char *p = s; p <= e; p++) {
		if (p == e || *p == '.') {
			if (n == max)
				return -1;
			part[n] = start;
			plen[n++] = (size_t)(p - start);
			start = p + 1;
		} else if (*p < '0' || *p > '9') {
			return -1;
		}
	}
	return n;
}

bool strict_address_why(const char *type_text, const char *rdata, char *why, size_t size)
{
	size_t len = strlen(rdata);
	if (!len || strchr(rdata, ' '))
		return false;
	/* ldns refused the record for another reason (its owner, say) */
	unsigned char bytes[16];
	if (inet_pton(type_is(type_text, "AAAA") ? AF_INET6 : AF_INET, rdata, bytes) == 1)
		return false;
	const char *part[5];
	size_t plen[5];
	int n = dotted_parts(rdata, len, part, plen, 5);
	if (type_is(type_text, "AAAA")) {
		if (n == 4)
			snprintf(why, size, "'%.*s%s' is an IPv4 address (an A record), not IPv6",
				 shown(len), rdata, more(len));
		else
			snprintf(why, size, "'%.*s%s' is not an IPv6 address", shown(len), rdata,
				 more(len));
		return true;
	}
	if (!type_is(type_text, "A"))
		return false;
	if (strchr(rdata, ':')) {
		snprintf(why, size, "'%.*s%s' is an IPv6 address (an AAAA record), not IPv4",
			 shown(len), rdata, more(len));
		return true;
	}
	if (n == 4) {
		for (int i = 0; i < 4; i++) {
			uint32_t v;
			if (!plen[i])
				break;
			if (!digits_within(part[i], plen[i], 255, &v)) {
				snprintf(why, size, "'%.*s%s' is not an IPv4 address: %.*s%s exceeds 255",
					 shown(len), rdata, more(len), shown(plen[i]), part[i],
					 more(plen[i]));
				return true;
			}
			if (plen[i] > 1 && part[i][0] == '0') {
				snprintf(why, size,
					 "'%s' is not an IPv4 address: %.*s has a leading zero",
					 rdata, shown(plen[i]), part[i]);
				return true;
			}
		}
	} else if (n > 0) {
		snprintf(why, size, "'%.*s%s' is not an IPv4 address: %d numbers, not 4",
			 shown(len), rdata, more(len), n);
		return true;
	}
	snprintf(why, size, "'%.*s%s' is not an IPv4 address", shown(len), rdata, more(len));
	return true;
}
