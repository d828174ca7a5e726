/*
 * registry.c — the rule table, generated from rules/rules.def, and lookups
 * by id. The rule implementations live in rules/; their documentation is
 * embedded from docs/rules/ at build time (build/rule_docs.c).
 */
#include <string.h>

#include "rule.h"
#include "suggest.h"

#define RULE(symbol, id, severity, flags, summary) extern const struct rule_impl rule_##symbol;
#include "../rules/rules.def"
#undef RULE

const struct rule rule_table[RULE_COUNT] = {
#define RULE(symbol, id, severity, flags, summary) \
	[RULE_##symbol] = {id, severity, flags, summary, &rule_##symbol},
#include "../rules/rules.def"
#undef RULE
};

/* build/rule_docs.c: one entry per rule in rules.def order, NULL if the
 * page is missing (make check fails then). */
extern const char *const rule_docs[RULE_COUNT];

int rule_lookup(const char *id)
{
	for (int i = 0; i < RULE_COUNT; i++)
		if (!strcmp(rule_table[i].id, id))
			return i;
	return -1;
}

const char *rule_suggest(const char *id)
{
	const char *ids[RULE_COUNT];
	for (int i = 0; i < RULE_COUNT; i++)
		ids[i] = rule_table[i].id;
	return suggest_closest(id, strlen(id), ids, RULE_COUNT);
}

int rule_option_lookup(enum rule_id rule, const char *name)
{
	const struct rule_option *opt = rule_table[rule].impl->options;
	for (int i = 0; opt && opt[i].name; i++)
		if (!strcmp(opt[i].name, name))
			return i;
	return -1;
}

const char *rule_doc(enum rule_id rule)
{
	return rule_docs[rule];
}

static const char *const severity_names[] = {
	[SEV_OFF] = "off",
	[SEV_INFO] = "info",
	[SEV_WARNING] = "warning",
	[SEV_ERROR] = "error",
	[SEV_NEVER] = "never",
};

const char *severity_name(enum severity severity)
{
	return severity_names[severity];
}

bool severity_parse(const char *text, enum severity *out)
{
	for (int s = SEV_OFF; s <= SEV_ERROR; s++)
		if (!strcmp(text, severity_names[s])) {
			*out = (enum severity)s;
			return true;
		}
	return false;
}
