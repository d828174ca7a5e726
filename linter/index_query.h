/*
 * index_query.h — facts read from a finished index that several rules and
 * the mail analysis need, each computed in one place (issue 18): a record's
 * address, a type's name for a message. Only reads; index.h builds.
 */
#ifndef PTRLINT_INDEX_QUERY_H
#define PTRLINT_INDEX_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "index.h"

/* The address an A or AAAA record holds. */
void record_address(const struct record *r, struct ip_addr *out);

#endif
