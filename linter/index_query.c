/*
 * index_query.c — see index_query.h.
 */
#include "index_query.h"

#include <stdio.h>
#include <string.h>

#include <ldns/ldns.h>

void record_address(const struct record *r, struct ip_addr *out)
{
	memset(out, 0, sizeof(*out));
	out->family = r->type == TYPE_A ? 4 : 6;
	memcpy(out->bytes, r->rdata, r->rdlen <= 16 ? r->rdlen : 16);
}

const char *type_name(uint16_t type, char buf[TYPE_NAME_MAX])
{
	const ldns_rr_descriptor *d = ldns_rr_descript(type);
	if (d && d->_type == type && d->_name)
		return d->_name;
	snprintf(buf, TYPE_NAME_MAX, "TYPE%u", type);
	return buf;
}

name_id cname_target_of(const struct index *ix, name_id name)
{
	size_t n;
	const uint32_t *ids = index_records_at(ix, name, &n);
	for (size_t k = 0; k < n; k++) {
		const struct record *r = &ix->records[ids[k]];
		if (r->type == TYPE_CNAME && !(r->flags & REC_INACTIVE))
			return r->target;
	}
	return 0;
}

name_id cname_chain_end(const struct index *ix, name_id name, int max_links)
{
	for (int links = 0; links < max_links; links++) {
		name_id next = cname_target_of(ix, name);
		if (!next)
			break;
		name = next;
	}
	return name;
}
