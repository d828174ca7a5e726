/*
 * tlds.h — the top-level domains of the root zone, from IANA's list
 * (data/iana-tlds.txt, compiled in by tools/gen-tlds.sh). A name under a
 * label that is not here gets NXDOMAIN from every public resolver.
 */
#ifndef PTRLINT_TLDS_H
#define PTRLINT_TLDS_H

#include <stdbool.h>
#include <stddef.h>

/* The list's version, e.g. "2024110800". */
const char *tld_list_version(void);
/* True if label (len octets, no dot, any case) is a top-level domain;
 * "example" and "test" (RFC 2606) count although IANA does not list them. */
bool tld_is_delegated(const char *label, size_t len);

#endif
