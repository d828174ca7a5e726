/*
 * strict.h — record fields as the name servers read them (SPEC §4 "Strict
 * fields"). ldns 1.8.3 reads numbers with strtol/strtoul and stores them
 * in their field's width, so SOA serial 20240116000001 becomes 2230101249
 * and MX 65537 becomes a null MX with preference 1. BIND refuses these
 * ("out of range", "not a valid number"); so does ptrlint, by reading the
 * text of the numeric fields itself before ldns sees them.
 *
 * Nothing here allocates: a check fills a caller's buffer with its
 * message (lower-case, no final stop, the offending value quoted).
 */
#ifndef PTRLINT_STRICT_H
#define PTRLINT_STRICT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "split.h"

#define STRICT_WHY_MAX 192

enum strict_ttl {
	STRICT_TTL_OK,
	STRICT_TTL_SYNTAX,       /* not a number with BIND's units */
	STRICT_TTL_RANGE,        /* more than 2^32 - 1 seconds */
};

/* A TTL as BIND reads it: "3600", "1h", "1w2d3h4m5s" (units in any case,
 * a bare number only alone: "1h30" is not one). */
enum strict_ttl strict_ttl(const char *s, size_t len, uint32_t *out);

/* Checks the rdata tokens of a record whose type is written type_text
 * (case-insensitive mnemonic): numeric fields within their width, TXT and
 * SPF strings of at most 255 bytes and at most 65510 in all (BIND's limit). False with
 * why when a field is wrong. Types without a row pass untouched. (ldns
 * reads BIND's units in the SOA timers itself: "1w2d" needs no help.) */
bool strict_rdata(const char *type_text, const struct split_token *rdata, size_t n,
		  char *why, size_t size);

/* Why an A or AAAA rdata that ldns refused is not an address ("'2001:db8::1'
 * is an IPv6 address, not IPv4"); false when type is neither or nothing
 * more precise can be said. */
bool strict_address_why(const char *type_text, const char *rdata, char *why, size_t size);

#endif
