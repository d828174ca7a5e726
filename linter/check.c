/*
 * check.c — the message helpers of check.h: names, addresses, zones and
 * record places as text for the findings rules make.
 */
#include "check.h"

#include <stdio.h>
#include <string.h>

#include "dname.h"

#define ROTATING 8

const char *name_str(const struct check_ctx *ctx, name_id name)
{
	/* per thread: a rule may run beside the others (engine_run) */
	static _Thread_local char bufs[ROTATING][NAME_TEXT_MAX];
	static _Thread_local unsigned next;
	char *buf = bufs[next++ % ROTATING];
	if (!name)
		return strcpy(buf, "(none)");
	dname_to_text(buf, index_wire(ctx->ix, name));
	return buf;
}

const char *addr_str(const struct ip_addr *addr)
{
	static _Thread_local char bufs[ROTATING][ADDR_TEXT_MAX];
	static _Thread_local unsigned next;
	char *buf = bufs[next++ % ROTATING];
	addr_format(buf, addr);
	return buf;
}

const char *zone_str(const struct check_ctx *ctx, uint32_t zone)
{
	if (zone == NO_ZONE || !ctx->ix->zones[zone].origin)
		return "(no zone)";
	return name_str(ctx, ctx->ix->zones[zone].origin);
}

const char *record_place(const struct index *ix, const struct record *r,
			 const struct record *ref, char *buf, size_t cap)
{
	if (r->file == ref->file)
		snprintf(buf, cap, "line %u", r->line);
	else
		snprintf(buf, cap, "%s:%u", ix->files[r->file], r->line);
	return buf;
}
