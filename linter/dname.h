/*
 * dname.h — small operations on uncompressed wire-format domain names that
 * ldns has no cheap equivalent for: lower-casing in place, label walking,
 * suffix tests without allocation, and presentation text for messages.
 * Owns nothing.
 */
#ifndef PTRLINT_DNAME_H
#define PTRLINT_DNAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NAME_TEXT_MAX 1024       /* 255 octets, each up to "\DDD" */

/* Length of the wire name at wire (including the root label), or 0 if it
 * is malformed or longer than 255 octets. */
size_t dname_length(const uint8_t *wire, size_t max);
void dname_lower(uint8_t *wire);
size_t dname_label_count(const uint8_t *wire);       /* root: 0 */
/* The name without its first label (the root stays the root). */
static inline const uint8_t *dname_parent(const uint8_t *wire)
{
	return wire[0] ? wire + 1 + wire[0] : wire;
}
/* True if name equals suffix or lies below it (both lower-case). */
bool dname_is_at_or_below(const uint8_t *name, const uint8_t *suffix);
bool dname_equal(const uint8_t *a, const uint8_t *b);
/* Presentation form with the final dot, lower-case, RFC 1035 escapes. */
void dname_to_text(char out[NAME_TEXT_MAX], const uint8_t *wire);
/* Parse an absolute or relative name (relative to origin, which may be
 * NULL for "must be absolute"); "@" is the origin. Lower-cases. Returns the
 * length, 0 if invalid. */
size_t dname_from_text(uint8_t out[256], const char *text, const uint8_t *origin);
/* Canonical order of RFC 4034 §6.1 (for sorting and range search). */
int dname_canonical_compare(const uint8_t *a, const uint8_t *b);

#endif
