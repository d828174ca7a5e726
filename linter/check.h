/*
 * check.h — what a rule sees (rule.h has the registry and the threading
 * contract): the check context, report() and where a finding points, the
 * message helpers, and through the headers it includes the index and its
 * readers (index.h, index_query.h), the config with the rules' options
 * (config.h) and the mail analysis (mail.h). A rule includes this and
 * nothing of the engine.
 */
#ifndef PTRLINT_CHECK_H
#define PTRLINT_CHECK_H

#include "config.h"
#include "findings.h"
#include "ignore.h"
#include "index.h"
#include "index_query.h"
#include "iprev.h"
#include "mail.h"
#include "rule.h"

struct check_ctx {
	const struct index *ix;
	const struct index *base;        /* --since: the base revision's index, else NULL */
	const struct config *cfg;
	const struct mail_analysis *mail;
	const struct public_names *pub;
	struct findings *findings;
	enum rule_id rule;       /* the rule running now */
	/* The running rule's option values, indexed like its rule_option
	 * table: ctx->options[OPTION_MAX] (rule.h); NULL for a rule without. */
	const struct option_value *options;
	uint64_t *reported_lines;        /* open-addressing set for once_per_line */
	size_t reported_lines_cap, nreported_lines;
	const struct ignore_index *ignores;   /* the config's, built once per run */
	struct made_table *made;         /* findings made so far (engine.c, report()) */
};

/* Where a finding points and what it is about. */
struct finding_spec {
	const struct record *at;         /* the record to change; or NULL and: */
	uint32_t file;                   /*   index file id, or FILE_CONFIG */
	uint32_t line;
	uint32_t zone;                   /*   NO_ZONE for none */
	name_id name;                    /* or name_text */
	const char *name_text;
	const struct ip_addr *address;
	uint8_t prefix_len;              /* 0: a single address */
	enum iprev_result iprev;
	enum severity severity;          /* SEV_OFF: the rule's configured severity */
	/* One finding per file and line for this rule: a fragment that several
	 * zones $INCLUDE holds one mistake, not one per zone. */
	bool once_per_line;
};
/* Besides once_per_line, report() makes a finding once when the rule made
 * one with the same file, line and message already (a file that several
 * zones read, as $INCLUDE or as one file listed with two origins, says the
 * same thing once), and folds a rule's findings about the records of one
 * $GENERATE in one zone into the first, with a count: "...; the same in 20
 * of the 20 records this $GENERATE makes" (SPEC §4: one mistake, one
 * finding). */
#define FILE_CONFIG UINT32_MAX

void report(struct check_ctx *ctx, const struct finding_spec *spec,
	    const char *fmt, ...) PTRLINT_PRINTF(3, 4);

/* Helpers for messages: a name's text and an address's text in static
 * rotating buffers (valid for a few calls: enough for one message). */
const char *name_str(const struct check_ctx *ctx, name_id name);
const char *addr_str(const struct ip_addr *addr);
const char *zone_str(const struct check_ctx *ctx, uint32_t zone);
/* Where record r stands, for a message about ref: "line 12", or
 * "db.inc:12" when r is in another file than ref. */
const char *record_place(const struct index *ix, const struct record *r,
			 const struct record *ref, char *buf, size_t cap);

#endif
