/*
 * addr.h — IP addresses, prefixes and the reverse trees (in-addr.arpa,
 * ip6.arpa): text <-> binary, address <-> reverse name, RFC 2317 classless
 * labels, and which address space is public.
 *
 * Names here are uncompressed wire format (length-prefixed labels ending
 * with the root label), lower-case. Owns nothing: callers pass buffers.
 */
#ifndef PTRLINT_ADDR_H
#define PTRLINT_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ADDR_TEXT_MAX 64     /* enough for an IPv6 address with "/128" */
#define NAME_WIRE_MAX 255    /* RFC 1035 §2.3.4 */

struct ip_addr {
	uint8_t family;          /* 4 or 6 */
	uint8_t bytes[16];       /* IPv4 uses bytes[0..3]; the rest stays zero */
};

struct ip_prefix {
	struct ip_addr addr;     /* host bits are zero */
	uint8_t len;             /* 0..32 or 0..128 */
};

/* Dotted quad or IPv6 text; false if it is neither. */
bool addr_parse(struct ip_addr *out, const char *text);
/* "192.0.2.0/24", "2001:db8::/32" or a single address (full length).
 * False, with *why set to a static message, if malformed or host bits set. */
bool prefix_parse(struct ip_prefix *out, const char *text, const char **why);
/* IPv4 dotted quad or IPv6 in RFC 5952 form. */
void addr_format(char out[ADDR_TEXT_MAX], const struct ip_addr *addr);
/* "192.0.2.0/24"; a full-length prefix prints as the bare address. */
void prefix_format(char out[ADDR_TEXT_MAX], const struct ip_prefix *prefix);
/* Total order: IPv4 before IPv6, then bytes. */
int addr_compare(const struct ip_addr *a, const struct ip_addr *b);
bool prefix_contains(const struct ip_prefix *prefix, const struct ip_addr *addr);
/* False for RFC 1918, RFC 6598, loopback, link-local, ULA, unspecified. */
bool addr_is_public(const struct ip_addr *addr);

enum name_tree {
	TREE_FORWARD = 0,
	TREE_V4,                 /* at or below in-addr.arpa. */
	TREE_V6,                 /* at or below ip6.arpa. */
};
enum name_tree name_tree_of(const uint8_t *wire);

/* Full-depth reverse name of addr (4 labels + in-addr.arpa, or 32 nibbles
 * + ip6.arpa) into out; returns its length. */
size_t addr_to_reverse(uint8_t out[NAME_WIRE_MAX], const struct ip_addr *addr);

enum reverse_kind {
	REVERSE_NOT = 0,         /* not in a reverse tree */
	REVERSE_ADDRESS,         /* a whole address: *addr is set */
	REVERSE_PARTIAL,         /* valid but shorter than an address (a zone apex, a non-terminal) */
	REVERSE_INVALID,         /* *why says what is wrong */
};
/* What an owner name in a reverse tree stands for. RFC 2317 labels
 * ("0-63", "0/26", "64/26") may stand between the network labels and the
 * last octet: 25.0/26.2.0.192.in-addr.arpa. is 192.0.2.25. *why is a
 * static message such as "octet 256 is greater than 255". */
enum reverse_kind reverse_to_addr(const uint8_t *wire, struct ip_addr *addr,
				  const char **why);

/* Is label (wire form: length byte, then text) an RFC 2317 label? "0-63"
 * and "64-127" are ranges (A <= B, one CIDR block); "64/26", "64-26" and
 * "0-25" are blocks (start octet, prefix length 24 to 32). When it is one,
 * the last octets it stands for are *low..*high (either may be NULL). The
 * one test of this: everything that asks whether a label is classless
 * asks here. */
bool classless_label(const uint8_t *label, unsigned *low, unsigned *high);

/* The addresses a reverse zone's origin covers, as an inclusive range:
 * 2.0.192.in-addr.arpa. -> 192.0.2.0..192.0.2.255, 0/26.2.0.192... ->
 * 192.0.2.0..192.0.2.63, 8.b.d.0.1.0.0.2.ip6.arpa. -> 2001:db8::/32.
 * False when the origin is not a valid reverse zone name. */
bool reverse_zone_range(const uint8_t *wire, struct ip_addr *low,
			struct ip_addr *high);
bool range_contains(const struct ip_addr *low, const struct ip_addr *high,
		    const struct ip_addr *addr);

#endif
