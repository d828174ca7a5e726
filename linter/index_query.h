/*
 * index_query.h — facts read from a finished index that several rules and
 * the mail analysis need, each computed in one place (issue 18): a record's
 * address, a type's name for a message, a name's CNAME and the end of its
 * chain. Only reads; index_build.h builds.
 */
#ifndef PTRLINT_INDEX_QUERY_H
#define PTRLINT_INDEX_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "index.h"

/* The address an A or AAAA record holds. */
void record_address(const struct record *r, struct ip_addr *out);

/* A type as master files write it ("A", "RRSIG"; ldns's table), or
 * "TYPE<number>" (RFC 3597) in buf for one ldns does not know. */
#define TYPE_NAME_MAX 16
const char *type_name(uint16_t type, char buf[TYPE_NAME_MAX]);

/* The target of the first active CNAME at name (file order), or 0: one
 * link of a chain. */
name_id cname_target_of(const struct index *ix, name_id name);
/* Where name's CNAME chain ends: the name reached after following at most
 * max_links CNAMEs (name itself when it has none). Callers pass
 * CNAME_MAX_LINKS (index.h), the one limit, so that a loop or an
 * overlong chain stops where iprev stops. */
name_id cname_chain_end(const struct index *ix, name_id name, int max_links);

#endif
