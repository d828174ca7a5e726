/*
 * index_query.c — see index_query.h.
 */
#include "index_query.h"

#include <string.h>

void record_address(const struct record *r, struct ip_addr *out)
{
	memset(out, 0, sizeof(*out));
	out->family = r->type == TYPE_A ? 4 : 6;
	memcpy(out->bytes, r->rdata, r->rdlen <= 16 ? r->rdlen : 16);
}
