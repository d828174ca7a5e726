/*
 * engine.h — running the rules: engine_run() runs every enabled rule over
 * a finished index and leaves a sorted, de-duplicated findings list; what
 * a rule itself sees is check.h.
 */
#ifndef PTRLINT_ENGINE_H
#define PTRLINT_ENGINE_H

#include "config.h"
#include "findings.h"
#include "index.h"

/* Run every enabled rule; the list comes back sorted and de-duplicated.
 * base is the --since base's index (for soa-serial-not-incremented), or NULL.
 * ix->threads (-j) 1 runs every rule on the calling thread; otherwise (0 =
 * one per core) the rules are shared out over that many threads, the
 * costliest first, on sets of 50,000 records or more. The findings are the
 * same either way. */
void engine_run(struct findings *out, struct index *ix, const struct index *base,
		const struct config *cfg);
/* --since: drop from target every finding equal to one in base — same rule,
 * zone, name and address (and message, when there is neither name nor
 * address) — and count them in target->hidden. Both lists sorted. */
void findings_subtract(struct findings *target, const struct findings *base);

#endif
