/*
 * addr.c — see addr.h. Owns address text <-> binary, prefixes, the public
 * address test, and reading and writing names in the reverse trees
 * (in-addr.arpa with RFC 2317 classless labels, ip6.arpa nibbles).
 */
#include "addr.h"

#include "util.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

bool addr_parse(struct ip_addr *out, const char *text)
{
	struct ip_addr a;
	memset(&a, 0, sizeof(a));
	if (!text || !*text)
		return false;
	/* Only a colon makes it IPv6; this keeps "::ffff:192.0.2.1" an IPv6
	 * address as written instead of folding it into IPv4. */
	if (strchr(text, ':')) {
		if (inet_pton(AF_INET6, text, a.bytes) != 1)
			return false;
		a.family = 6;
	} else {
		if (inet_pton(AF_INET, text, a.bytes) != 1)
			return false;
		a.family = 4;
	}
	*out = a;
	return true;
}

static unsigned full_length(const struct ip_addr *addr)
{
	return addr->family == 4 ? 32 : 128;
}

/* True if the first bits of a and b agree. */
static bool bits_equal(const uint8_t *a, const uint8_t *b, unsigned bits)
{
	unsigned whole = bits / 8, rest = bits % 8;
	if (memcmp(a, b, whole))
		return false;
	if (!rest)
		return true;
	uint8_t mask = (uint8_t)(0xff << (8 - rest));
	return (a[whole] & mask) == (b[whole] & mask);
}

bool prefix_parse(struct ip_prefix *out, const char *text, const char **why)
{
	static const char *dummy;
	if (!why)
		why = &dummy;
	if (!text) {
		*why = "not an IP address or prefix";
		return false;
	}
	const char *slash = strchr(text, '/');
	size_t addr_len = slash ? (size_t)(slash - text) : strlen(text);
	char buf[ADDR_TEXT_MAX];
	if (addr_len >= sizeof(buf)) {
		*why = "not an IP address or prefix";
		return false;
	}
	memcpy(buf, text, addr_len);
	buf[addr_len] = '\0';

	struct ip_prefix p;
	memset(&p, 0, sizeof(p));
	if (!addr_parse(&p.addr, buf)) {
		*why = "not an IP address or prefix";
		return false;
	}
	unsigned max = full_length(&p.addr);
	unsigned len = max;
	if (slash) {
		const char *s = slash + 1;
		size_t digits = strspn(s, "0123456789");
		if (!digits || s[digits] != '\0') {
			*why = "prefix length is not a number";
			return false;
		}
		if (digits > 1 && s[0] == '0') {
			*why = "leading zero in prefix length";
			return false;
		}
		if (digits > 3) {
			*why = "prefix length is out of range";
			return false;
		}
		len = 0;
		for (size_t i = 0; i < digits; i++)
			len = len * 10 + (unsigned)(s[i] - '0');
		if (len > max) {
			*why = "prefix length is out of range";
			return false;
		}
	}
	/* A prefix with host bits is almost always a typo for another
	 * network; silently masking it would hide the mistake. */
	for (unsigned bit = len; bit < max; bit++) {
		if (p.addr.bytes[bit / 8] & (0x80 >> (bit % 8))) {
			*why = "host bits set";
			return false;
		}
	}
	p.len = (uint8_t)len;
	*out = p;
	return true;
}

/*
 * RFC 5952 by hand rather than inet_ntop(): glibc prints IPv4-compatible
 * addresses (::a.b.c.d, deprecated by RFC 4291) in dotted form, so ::1:2
 * would come out as "::0.1.0.2". Only IPv4-mapped addresses keep the dotted
 * tail, as RFC 5952 §5 recommends.
 */
static void format_v6(char out[ADDR_TEXT_MAX], const uint8_t *b)
{
	static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	if (!memcmp(b, mapped, sizeof(mapped))) {
		snprintf(out, ADDR_TEXT_MAX, "::ffff:%u.%u.%u.%u", b[12], b[13], b[14], b[15]);
		return;
	}
	unsigned words[8];
	for (int i = 0; i < 8; i++)
		words[i] = (unsigned)b[2 * i] << 8 | b[2 * i + 1];

	/* The first longest run of two or more zero fields becomes "::"; a
	 * lone zero field stays "0" (RFC 5952 §4.2.2). */
	int best = -1, best_len = 1;
	for (int i = 0; i < 8;) {
		if (words[i]) {
			i++;
			continue;
		}
		int j = i;
		while (j < 8 && !words[j])
			j++;
		if (j - i > best_len) {
			best = i;
			best_len = j - i;
		}
		i = j;
	}

	size_t n = 0;
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			n += (size_t)snprintf(out + n, ADDR_TEXT_MAX - n, "::");
			i += best_len - 1;
			continue;
		}
		if (i > 0 && i != best + best_len)
			out[n++] = ':';
		n += (size_t)snprintf(out + n, ADDR_TEXT_MAX - n, "%x", words[i]);
	}
	out[n] = '\0';
}

void addr_format(char out[ADDR_TEXT_MAX], const struct ip_addr *addr)
{
	if (addr->family == 4)
		snprintf(out, ADDR_TEXT_MAX, "%u.%u.%u.%u", addr->bytes[0],
			 addr->bytes[1], addr->bytes[2], addr->bytes[3]);
	else
		format_v6(out, addr->bytes);
}

void prefix_format(char out[ADDR_TEXT_MAX], const struct ip_prefix *prefix)
{
	addr_format(out, &prefix->addr);
	if (prefix->len < full_length(&prefix->addr)) {
		size_t n = strlen(out);
		snprintf(out + n, ADDR_TEXT_MAX - n, "/%u", prefix->len);
	}
}

int addr_compare(const struct ip_addr *a, const struct ip_addr *b)
{
	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	int c = memcmp(a->bytes, b->bytes, sizeof(a->bytes));
	return (c > 0) - (c < 0);
}

bool prefix_contains(const struct ip_prefix *prefix, const struct ip_addr *addr)
{
	return prefix->addr.family == addr->family &&
	       bits_equal(prefix->addr.bytes, addr->bytes, prefix->len);
}

struct range {
	uint8_t bytes[4];
	unsigned len;
};

static bool v4_is_public(const uint8_t *b)
{
	/* Documentation networks (RFC 5737) are deliberately absent: fixtures
	 * use them as stand-ins for real public space. */
	static const struct range private_v4[] = {
		{{0, 0, 0, 0}, 8},          /* "this network", RFC 1122 */
		{{10, 0, 0, 0}, 8},         /* RFC 1918 */
		{{100, 64, 0, 0}, 10},      /* shared address space, RFC 6598 */
		{{127, 0, 0, 0}, 8},        /* loopback */
		{{169, 254, 0, 0}, 16},     /* link-local, RFC 3927 */
		{{172, 16, 0, 0}, 12},      /* RFC 1918 */
		{{192, 168, 0, 0}, 16},     /* RFC 1918 */
	};
	for (size_t i = 0; i < ARRAY_LEN(private_v4); i++)
		if (bits_equal(b, private_v4[i].bytes, private_v4[i].len))
			return false;
	return true;
}

bool addr_is_public(const struct ip_addr *addr)
{
	if (addr->family == 4)
		return v4_is_public(addr->bytes);

	static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	static const uint8_t loopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
	static const uint8_t unspecified[16] = {0};
	static const uint8_t link_local[2] = {0xfe, 0x80};    /* fe80::/10 */
	static const uint8_t unique_local[1] = {0xfc};        /* fc00::/7, RFC 4193 */
	const uint8_t *b = addr->bytes;

	if (!memcmp(b, mapped, sizeof(mapped)))
		return v4_is_public(b + 12);
	if (!memcmp(b, loopback, 16) || !memcmp(b, unspecified, 16))
		return false;
	if (bits_equal(b, link_local, 10) || bits_equal(b, unique_local, 7))
		return false;
	return true;
}

/* Label start offsets of a wire name; false if it is malformed. */
struct labels {
	const uint8_t *at[128];
	size_t count;
};

static bool split_labels(const uint8_t *wire, struct labels *out)
{
	size_t pos = 0;
	out->count = 0;
	while (wire[pos]) {
		size_t len = wire[pos];
		if (len > 63 || pos + 1 + len + 1 > NAME_WIRE_MAX)
			return false;
		out->at[out->count++] = wire + pos;
		pos += 1 + len;
	}
	return true;
}

static bool label_is(const uint8_t *label, const char *text)
{
	size_t len = strlen(text);
	if (label[0] != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (ascii_lower(label[1 + i]) != (unsigned char)text[i])
			return false;
	return true;
}

static enum name_tree tree_of_labels(const struct labels *l)
{
	if (l->count < 2 || !label_is(l->at[l->count - 1], "arpa"))
		return TREE_FORWARD;
	if (label_is(l->at[l->count - 2], "in-addr"))
		return TREE_V4;
	if (label_is(l->at[l->count - 2], "ip6"))
		return TREE_V6;
	return TREE_FORWARD;
}

enum name_tree name_tree_of(const uint8_t *wire)
{
	struct labels l;
	if (!split_labels(wire, &l))
		return TREE_FORWARD;
	return tree_of_labels(&l);
}

static size_t put_label(uint8_t *out, size_t pos, const char *text)
{
	size_t len = strlen(text);
	out[pos] = (uint8_t)len;
	memcpy(out + pos + 1, text, len);
	return pos + 1 + len;
}

size_t addr_to_reverse(uint8_t out[NAME_WIRE_MAX], const struct ip_addr *addr)
{
	static const char hex[] = "0123456789abcdef";
	size_t pos = 0;
	if (addr->family == 4) {
		/* digits by hand: snprintf was a tenth of host-ptr-missing's time */
		for (int i = 3; i >= 0; i--) {
			unsigned v = addr->bytes[i];
			uint8_t *label = &out[pos++];
			if (v >= 100)
				out[pos++] = (uint8_t)('0' + v / 100);
			if (v >= 10)
				out[pos++] = (uint8_t)('0' + v / 10 % 10);
			out[pos++] = (uint8_t)('0' + v % 10);
			*label = (uint8_t)(&out[pos] - label - 1);
		}
		pos = put_label(out, pos, "in-addr");
	} else {
		for (int i = 15; i >= 0; i--) {
			out[pos++] = 1;
			out[pos++] = (uint8_t)hex[addr->bytes[i] & 0xf];
			out[pos++] = 1;
			out[pos++] = (uint8_t)hex[addr->bytes[i] >> 4];
		}
		pos = put_label(out, pos, "ip6");
	}
	pos = put_label(out, pos, "arpa");
	out[pos++] = 0;
	return pos;
}

/*
 * Messages that quote a label are built in this buffer: *why stays valid
 * until the next call in the same thread, which is as long as a caller
 * needs to copy it into a finding.
 */
static _Thread_local char why_buf[320];

/* The label as it would appear in a message: printable bytes as they are,
 * the rest as \DDD, so odd bytes cannot corrupt the output. */
static void quote_label(char *out, size_t size, const uint8_t *label)
{
	size_t n = 0;
	for (size_t i = 0; i < label[0] && n + 5 < size; i++) {
		unsigned char c = ascii_lower(label[1 + i]);
		if (c >= 0x21 && c <= 0x7e && c != '\'' && c != '\\')
			out[n++] = (char)c;
		else
			n += (size_t)snprintf(out + n, size - n, "\\%03u", c);
	}
	out[n] = '\0';
}

static const char *why_label(const char *fmt, const uint8_t *label)
{
	char quoted[64 * 4 + 1];
	quote_label(quoted, sizeof(quoted), label);
	snprintf(why_buf, sizeof(why_buf), fmt, quoted);
	return why_buf;
}

/* A decimal 0..255 written as DNS reverse names require it. */
static bool parse_octet(const uint8_t *text, size_t len, const uint8_t *label,
			unsigned *out, const char **why)
{
	bool digits_only = len > 0;
	for (size_t i = 0; i < len; i++)
		if (text[i] < '0' || text[i] > '9')
			digits_only = false;
	if (!digits_only) {
		*why = why_label("label '%s' is not an octet", label);
		return false;
	}
	if (len > 1 && text[0] == '0') {
		char digits[64];
		memcpy(digits, text, len);
		digits[len] = '\0';
		snprintf(why_buf, sizeof(why_buf), "leading zero in octet '%s'", digits);
		*why = why_buf;
		return false;
	}
	if (len > 3) {
		char digits[64];
		memcpy(digits, text, len);
		digits[len] = '\0';
		snprintf(why_buf, sizeof(why_buf), "octet %s is greater than 255", digits);
		*why = why_buf;
		return false;
	}
	unsigned v = 0;
	for (size_t i = 0; i < len; i++)
		v = v * 10 + (unsigned)(text[i] - '0');
	if (v > 255) {
		snprintf(why_buf, sizeof(why_buf), "octet %u is greater than 255", v);
		*why = why_buf;
		return false;
	}
	*out = v;
	return true;
}

/*
 * Shaped like an RFC 2317 label: digits, one '-' or '/', digits. Telling
 * these apart from other garbage gives a better message when one stands in
 * the wrong place.
 */
static bool classless_shaped(const uint8_t *label, size_t *sep)
{
	size_t len = label[0], found = 0;
	bool have = false;
	for (size_t i = 0; i < len; i++) {
		uint8_t c = label[1 + i];
		if (c == '-' || c == '/') {
			if (have || i == 0 || i + 1 == len)
				return false;
			have = true;
			found = i;
		} else if (c < '0' || c > '9') {
			return false;
		}
	}
	*sep = found;
	return have;
}

/* A prefix length written after '/' or '-': digits, no leading zero. */
static bool parse_prefix_length(const uint8_t *text, size_t len, unsigned *bits)
{
	if (!len || len > 2 || (len > 1 && text[0] == '0'))
		return false;
	*bits = 0;
	for (size_t i = 0; i < len; i++) {
		if (text[i] < '0' || text[i] > '9')
			return false;
		*bits = *bits * 10 + (unsigned)(text[i] - '0');
	}
	return true;
}

/* Do a..b make one CIDR block: a power-of-two count, aligned at a? */
static bool is_cidr_block(unsigned a, unsigned b)
{
	unsigned size = b - a + 1;
	return a <= b && !(size & (size - 1)) && a % size == 0;
}

/*
 * SPEC §4: "A-B" is a range when A <= B and A..B is one CIDR block
 * ("0-63", "64-127"); otherwise, and for "A/B", it is the block A/B
 * ("64-26", "0-25", "128/25"). RFC 2317 only shows examples, and real
 * zones align their blocks loosely, so a block may start at any octet and
 * runs to the end of the /24 at most: a false alarm here would be worse
 * than a missed oddity.
 */
static bool parse_classless(const uint8_t *label, size_t sep, unsigned *low,
			    unsigned *high, const char **why)
{
	const uint8_t *text = label + 1;
	const uint8_t *rest = text + sep + 1;
	size_t rest_len = label[0] - sep - 1;
	unsigned a, b, bits;
	if (!parse_octet(text, sep, label, &a, why))
		return false;
	bool dash = text[sep] == '-';
	if (dash && parse_octet(rest, rest_len, label, &b, why) && is_cidr_block(a, b)) {
		*low = a;
		*high = b;
		return true;
	}
	if (!parse_prefix_length(rest, rest_len, &bits) || bits < 24 || bits > 32) {
		*why = why_label(dash ? "RFC 2317 label '%s' is neither a range that is one "
					"CIDR block nor a block with a prefix length of 24 to 32"
				      : "prefix length in '%s' is not 24 to 32", label);
		return false;
	}
	unsigned size = 1u << (32 - bits);
	*low = a;
	*high = a + size - 1 > 255 ? 255 : a + size - 1;
	return true;
}

bool classless_label(const uint8_t *label, unsigned *low, unsigned *high)
{
	size_t sep;
	unsigned lo, hi;
	const char *why;
	if (!classless_shaped(label, &sep) || !parse_classless(label, sep, &lo, &hi, &why))
		return false;
	if (low)
		*low = lo;
	if (high)
		*high = hi;
	return true;
}

struct reverse {
	enum reverse_kind kind;
	enum name_tree tree;
	uint8_t bytes[16];
	unsigned depth;              /* octets or nibbles read */
	bool classless;              /* an RFC 2317 label below three octets */
	unsigned class_low, class_high;
	const char *why;
};

static void parse_v4(const struct labels *l, struct reverse *r)
{
	size_t n = l->count - 2;
	for (size_t i = n; i-- > 0;) {
		const uint8_t *label = l->at[i];
		size_t sep;
		if (r->depth == 4) {
			r->why = "more than 4 octets";
			r->kind = REVERSE_INVALID;
			return;
		}
		if (classless_shaped(label, &sep)) {
			if (r->depth != 3 || r->classless) {
				r->why = why_label("misplaced RFC 2317 label '%s'", label);
				r->kind = REVERSE_INVALID;
				return;
			}
			if (!parse_classless(label, sep, &r->class_low,
					     &r->class_high, &r->why)) {
				r->kind = REVERSE_INVALID;
				return;
			}
			r->classless = true;
			continue;
		}
		unsigned v;
		if (!parse_octet(label + 1, label[0], label, &v, &r->why)) {
			r->kind = REVERSE_INVALID;
			return;
		}
		if (r->classless && (v < r->class_low || v > r->class_high)) {
			snprintf(why_buf, sizeof(why_buf),
				 "octet %u is outside the classless range %u-%u",
				 v, r->class_low, r->class_high);
			r->why = why_buf;
			r->kind = REVERSE_INVALID;
			return;
		}
		r->bytes[r->depth++] = (uint8_t)v;
	}
	r->kind = r->depth == 4 ? REVERSE_ADDRESS : REVERSE_PARTIAL;
}

static int hex_value(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = ascii_lower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static void parse_v6(const struct labels *l, struct reverse *r)
{
	size_t n = l->count - 2;
	for (size_t i = n; i-- > 0;) {
		const uint8_t *label = l->at[i];
		if (r->depth == 32) {
			r->why = "more than 32 nibbles";
			r->kind = REVERSE_INVALID;
			return;
		}
		int v = label[0] == 1 ? hex_value(label[1]) : -1;
		if (v < 0) {
			r->why = why_label("label '%s' is not one hex digit", label);
			r->kind = REVERSE_INVALID;
			return;
		}
		if (r->depth % 2 == 0)
			r->bytes[r->depth / 2] = (uint8_t)(v << 4);
		else
			r->bytes[r->depth / 2] |= (uint8_t)v;
		r->depth++;
	}
	r->kind = r->depth == 32 ? REVERSE_ADDRESS : REVERSE_PARTIAL;
}

static void parse_reverse(const uint8_t *wire, struct reverse *r)
{
	memset(r, 0, sizeof(*r));
	struct labels l;
	if (!split_labels(wire, &l))
		return;
	r->tree = tree_of_labels(&l);
	if (r->tree == TREE_V4)
		parse_v4(&l, r);
	else if (r->tree == TREE_V6)
		parse_v6(&l, r);
}

enum reverse_kind reverse_to_addr(const uint8_t *wire, struct ip_addr *addr,
				  const char **why)
{
	struct reverse r;
	parse_reverse(wire, &r);
	if (r.kind == REVERSE_INVALID && why)
		*why = r.why;
	if ((r.kind == REVERSE_ADDRESS || r.kind == REVERSE_PARTIAL) && addr) {
		memset(addr, 0, sizeof(*addr));
		addr->family = r.tree == TREE_V4 ? 4 : 6;
		memcpy(addr->bytes, r.bytes, sizeof(addr->bytes));
	}
	return r.kind;
}

bool reverse_zone_range(const uint8_t *wire, struct ip_addr *low,
			struct ip_addr *high)
{
	struct reverse r;
	parse_reverse(wire, &r);
	if (r.kind != REVERSE_ADDRESS && r.kind != REVERSE_PARTIAL)
		return false;
	struct ip_addr lo, hi;
	memset(&lo, 0, sizeof(lo));
	lo.family = r.tree == TREE_V4 ? 4 : 6;
	memcpy(lo.bytes, r.bytes, sizeof(lo.bytes));
	hi = lo;
	if (r.tree == TREE_V4 && r.classless && r.depth == 3) {
		lo.bytes[3] = (uint8_t)r.class_low;
		hi.bytes[3] = (uint8_t)r.class_high;
	} else if (r.tree == TREE_V4) {
		for (unsigned i = r.depth; i < 4; i++)
			hi.bytes[i] = 0xff;
	} else {
		if (r.depth % 2)
			hi.bytes[r.depth / 2] |= 0x0f;
		for (unsigned i = (r.depth + 1) / 2; i < 16; i++)
			hi.bytes[i] = 0xff;
	}
	*low = lo;
	*high = hi;
	return true;
}

bool range_contains(const struct ip_addr *low, const struct ip_addr *high,
		    const struct ip_addr *addr)
{
	return addr->family == low->family && addr_compare(low, addr) <= 0 &&
	       addr_compare(addr, high) <= 0;
}
