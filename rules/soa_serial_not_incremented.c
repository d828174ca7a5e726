/* soa-serial-not-incremented — see docs/rules/soa-serial-not-incremented.md.
 * Secondaries transfer a zone only when its serial grows (RFC 1034 §4.3.5,
 * RFC 1982 serial arithmetic): a change without a bump never reaches them. */
#include <string.h>

#include "check.h"
#include "dname.h"

/* RFC 1982 §3.2: s1 < s2 in 32-bit serial arithmetic. */
static bool serial_less(uint32_t s1, uint32_t s2)
{
	return (s1 < s2 && s2 - s1 < 0x80000000u) || (s1 > s2 && s1 - s2 > 0x80000000u);
}

/* Offset of the serial in SOA wire rdata (after MNAME and RNAME), or -1. */
static long serial_offset(const struct record *soa)
{
	size_t a = dname_length(soa->rdata, soa->rdlen);
	if (!a || a >= soa->rdlen)
		return -1;
	size_t b = dname_length(soa->rdata + a, soa->rdlen - a);
	if (!b || a + b + 20 > soa->rdlen)
		return -1;
	return (long)(a + b);
}

static uint32_t soa_serial(const struct record *soa, long off)
{
	const uint8_t *p = soa->rdata + off;
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	return h ^ (h >> 33);
}

/* An order-independent digest of a zone's records (a sum of per-record
 * hashes, so moving records or files around is no change), the SOA serial
 * left out. Owner, type, TTL and rdata count; file and line do not. */
static uint64_t zone_digest(const struct index *ix, const struct zone *z)
{
	uint64_t sum = 0;
	for (uint32_t i = z->first_record; i < z->end_record; i++) {
		const struct record *r = &ix->records[i];
		const uint8_t *owner = index_wire(ix, r->owner);
		uint64_t h = hash_bytes(owner, dname_length(owner, NAME_WIRE_MAX));
		h = mix(h ^ ((uint64_t)r->type << 32 | r->ttl));
		long off = r->type == TYPE_SOA ? serial_offset(r) : -1;
		if (r->target) {
			/* the data of PTR, CNAME, NS, DNAME, MX is the target */
			const uint8_t *t = index_wire(ix, r->target);
			h = mix(h ^ hash_bytes(t, dname_length(t, NAME_WIRE_MAX)) ^ r->preference);
		} else if (off >= 0) {
			h = mix(h ^ hash_bytes(r->rdata, (size_t)off));
			h = mix(h ^ hash_bytes(r->rdata + off + 4, r->rdlen - (size_t)off - 4));
		} else {
			h = mix(h ^ hash_bytes(r->rdata, r->rdlen));
		}
		sum += h;
	}
	return sum;
}

static const struct zone *zone_by_origin(const struct index *ix, const uint8_t *origin)
{
	for (size_t z = 0; z < ix->nzones; z++)
		if (ix->zones[z].loaded && ix->zones[z].origin &&
		    dname_equal(index_wire(ix, ix->zones[z].origin), origin))
			return &ix->zones[z];
	return NULL;
}

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix, *base = ctx->base;
	if (!base)
		return;
	for (size_t z = 0; z < ix->nzones; z++) {
		const struct zone *now = &ix->zones[z];
		if (!now->loaded || !now->origin || now->soa == UINT32_MAX)
			continue;
		const struct zone *before = zone_by_origin(base, index_wire(ix, now->origin));
		if (!before || before->soa == UINT32_MAX)
			continue;   /* a new zone is no finding */
		const struct record *soa_now = &ix->records[now->soa];
		const struct record *soa_before = &base->records[before->soa];
		long off_now = serial_offset(soa_now), off_before = serial_offset(soa_before);
		if (off_now < 0 || off_before < 0)
			continue;
		if (zone_digest(ix, now) == zone_digest(base, before))
			continue;
		uint32_t s_now = soa_serial(soa_now, off_now), s_before = soa_serial(soa_before, off_before);
		if (serial_less(s_before, s_now))
			continue;
		if (s_now == s_before)
			report(ctx, &(struct finding_spec){.at = soa_now, .name = soa_now->owner},
			       "zone %s changed since the base revision but its SOA serial is "
			       "still %u; increase it so secondaries pick up the change",
			       name_str(ctx, now->origin), s_now);
		else
			report(ctx, &(struct finding_spec){.at = soa_now, .name = soa_now->owner},
			       "zone %s changed since the base revision but its SOA serial went "
			       "from %u to %u, which is not an increase in RFC 1982 arithmetic; "
			       "use a serial greater than %u", name_str(ctx, now->origin),
			       s_before, s_now, s_before);
	}
}

const struct rule_impl rule_soa_serial_not_incremented = {check, NULL};
