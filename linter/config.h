/*
 * config.h — the effective configuration: built-in defaults, then
 * .ptrlint.yaml (SPEC §7, read with libyaml), then command-line overrides.
 *
 * Only config.c knows libyaml. Every string and regex in struct config
 * belongs to it and is released by config_free().
 */
#ifndef PTRLINT_CONFIG_H
#define PTRLINT_CONFIG_H

#include <regex.h>
#include <stdio.h>
#include <stdbool.h>
#include <stddef.h>

#include "addr.h"
#include "rule.h"

struct zone_spec {
	char *file;              /* relative to the root; or NULL when glob is set */
	char *glob;              /* a pattern where a double star spans directories */
	char *origin;            /* absolute, lower-case, final dot; NULL = infer */
	unsigned line;           /* config line of the entry */
};

struct include_rewrite {
	char *from;              /* prefix as written in $INCLUDE */
	char *to;                /* directory relative to the root ("" = the root) */
};

struct sender {
	struct ip_addr addr;
	char *helo;              /* absolute, lower-case, final dot; or NULL */
	unsigned line;           /* config line of the entry */
};

struct ignore_entry {
	rule_set rules;          /* 0 = every rule */
	char **names;            /* absolute, lower-case; "*.x." matches below x. */
	size_t nnames;
	struct ip_prefix *addresses;
	size_t naddresses;
	char *reason;
	char *expires;           /* "YYYY-MM-DD" or NULL */
	bool expired;            /* expires is before today: the entry no longer applies */
	unsigned line;
};

struct config {
	char *path;              /* the file as given or found; NULL = built-in defaults */
	char *root;              /* the linted root (absolute); see SPEC §4 */

	struct zone_spec *zones;
	size_t nzones;
	char *include_base;      /* relative to the root, or NULL */
	char *baseline;          /* relative to the root, normalised, or NULL */
	struct include_rewrite *include_map;
	size_t ninclude_map;
	char **zone_patterns;    /* file name globs for directory search */
	size_t nzone_patterns;

	bool mail_mx;
	bool mail_spf;
	bool mail_spf_ranges;
	char **mail_hosts;       /* absolute, lower-case, final dot */
	size_t nmail_hosts;
	char **mail_pattern_text;
	regex_t *mail_patterns;  /* REG_EXTENDED|REG_NOSUB|REG_ICASE, on the lower-case absolute name */
	struct regex_set mail_pattern_set;   /* the same patterns, for matching */
	size_t nmail_patterns;
	struct sender *senders;
	size_t nsenders;
	unsigned mail_line;      /* config line of "mail:" (0 = none) */

	char **tlds;             /* extra top-level domains, lower-case, no dot */
	size_t ntlds;

	enum severity severity[RULE_COUNT];
	struct option_value *options[RULE_COUNT];   /* parallel to the rule's declaration */

	struct ignore_entry *ignores;
	size_t nignores;

	enum severity fail_on;
	unsigned long generate_limit;   /* records one $GENERATE may make */
	unsigned long record_limit;     /* records (and load problems) one loaded revision may make */
};

/* SPEC §9: one budget over every record a run loads, whatever makes it
 * (lines, $GENERATE, the same $INCLUDE read again and again). */
#define RECORD_DEFAULT_LIMIT 10000000ul

/* A bigger config (file or git blob) is refused: "FILE: config file larger
 * than 10 MiB", the number spelled from CONFIG_MAX_MIB. */
#define CONFIG_MAX_MIB 10u
#define CONFIG_MAX_BYTES (CONFIG_MAX_MIB * 1024 * 1024)

/* Defaults of SPEC §7 and every rule's declared options. */
void config_init_defaults(struct config *cfg);
/* Read path over the defaults already in cfg: each key given replaces the
 * value before it (lists are replaced, not merged). On error returns -1 and
 * sets *err to "FILE:LINE:COL: message" (caller frees); errors about the
 * whole file have no position ("FILE: config file larger than 10 MiB",
 * "cannot open 'FILE': reason"). After an error cfg may be half updated
 * but config_free() still releases it. */
int config_load_file(struct config *cfg, const char *path, char **err);
/* The same, from a buffer (git sources, fuzzing); display_path names it. */
int config_load_buffer(struct config *cfg, const char *display_path,
		       const char *data, size_t len, char **err);
/* The option of rule by name (must be declared). */
const struct option_value *config_option(const struct config *cfg,
					 enum rule_id rule, const char *name);
/* The effective configuration as YAML (--print-config; config_print.c). */
void config_print(const struct config *cfg, FILE *out);
void config_free(struct config *cfg);

#endif
