/*
 * engine.h — what a rule sees: the check context, the shared mail
 * analysis (SPEC §5: mail hosts, sending addresses, their iprev), and
 * report(). The engine runs every enabled rule over a finished index and
 * leaves a sorted, de-duplicated findings list.
 */
#ifndef PTRLINT_ENGINE_H
#define PTRLINT_ENGINE_H

#include "config.h"
#include "findings.h"
#include "ignore.h"
#include "index.h"
#include "iprev.h"
#include "rule.h"

enum mail_host_source {
	MAIL_FROM_MX,            /* an MX target */
	MAIL_FROM_CONFIG,        /* mail.hosts */
	MAIL_FROM_PATTERN,       /* a name matching mail.patterns */
};

struct mail_host {
	name_id name;
	enum mail_host_source source;
	uint32_t record;         /* the MX naming it, or the first record of the name; UINT32_MAX = none */
	bool in_scope;           /* a loaded zone is authoritative for it (and its CNAME chain),
				  * and no name of the chain is unreadable (index.h) */
	bool via_cname;
	size_t naddresses;
};

/* A mail host or sender that uses an address (SPEC §5: an address is
 * judged once, and its findings name every one of them). */
enum mail_role {
	MAIL_ROLE_HOST,          /* a mail host with this address */
	MAIL_ROLE_SENDER,        /* a mail.senders entry */
	MAIL_ROLE_SPF,           /* an address an SPF record authorises */
};
struct mail_sharer {
	name_id name;
	enum mail_role role;
	uint32_t address;        /* its mail_address (index in addresses) */
	uint32_t rank;           /* the order it was found in: hosts by MX preference
				  * and file order, then mail.senders, then SPF */
};

struct mail_address {
	struct ip_addr addr;
	name_id host;            /* the mail host, or 0 for a sender */
	bool host_via_cname;     /* host reaches the address through a CNAME */
	/* a sender's name: its helo, else the owner of its first A/AAAA, else none */
	char *sender_name;
	name_id sender_id;       /* sender_name interned, or 0 */
	/* every host and sender with this address but the one named above,
	 * each name once, first mail hosts by lowest MX preference then file
	 * order, then senders: sharers[first_sharer .. + nsharers] */
	uint32_t first_sharer, nsharers;
	const struct sender *sender;   /* config entry, or NULL */
	uint32_t spf_record;     /* the SPF TXT that authorises it, or UINT32_MAX */
	uint32_t record;         /* the A/AAAA holding it (for a host: of that host), or UINT32_MAX */
	struct iprev_eval eval;
};

struct mail_analysis {
	struct mail_host *hosts;
	size_t nhosts, hosts_cap;
	struct mail_address *addresses;
	size_t naddresses, addresses_cap;
	uint32_t *address_slots;         /* hash set over addresses (mail.c) */
	size_t address_slots_cap;
	struct mail_sharer *sharers;     /* see mail_address */
	size_t nsharers, sharers_cap;
};

struct check_ctx {
	const struct index *ix;
	const struct index *base;        /* --since: the base revision's index, else NULL */
	const struct config *cfg;
	const struct mail_analysis *mail;
	const struct public_names *pub;
	struct findings *findings;
	enum rule_id rule;       /* the rule running now */
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
/* The A or AAAA record's address. */
void record_address(const struct record *r, struct ip_addr *out);
/* Is this address one a mail-* rule judged (so host-ptr-missing stays quiet)? */
bool mail_covers_address(const struct mail_analysis *mail, const struct ip_addr *addr);
/* The first mail address entry for addr (a host's before a sender's), or NULL. */
struct mail_address *mail_find_address(const struct mail_analysis *mail,
				       const struct ip_addr *addr);

void mail_analyse(struct mail_analysis *out, struct index *ix, const struct config *cfg,
		  const struct public_names *pub);
void mail_analysis_free(struct mail_analysis *mail);

/* For the mail-* rules (rules/mail_ptr_missing.c): point spec at what a
 * finding about mail address a concerns when it is not a PTR — the A/AAAA,
 * else the mail.senders line, else the SPF record — and set its name and
 * address. */
void mail_finding_location(const struct check_ctx *ctx, const struct mail_address *a,
			   struct finding_spec *spec);
/* Who uses mail address a, and the verb: "mail host NAME has", "mail
 * sender NAME (mail.senders) has", "SPF-authorised sender NAME has", or
 * for a shared address "mail host A, mail host B and mail sender C
 * (mail.senders) have" (up to MAIL_NAMES_MAX names, then "and N more"). A
 * buffer of the calling thread, valid until its next call. */
#define MAIL_NAMES_MAX 8
const char *mail_subject_has(const struct check_ctx *ctx, const struct mail_address *a);
/* The names a PTR for a may name to pass iprev: the hosts and senders of
 * a that own an A/AAAA with the address (publicly resolvable, for a public
 * address), in the order above, else the owner of a->record. Up to
 * MAIL_NAMES_MAX into out; returns how many. */
size_t mail_ptr_names(const struct check_ctx *ctx, const struct mail_address *a,
		      name_id out[MAIL_NAMES_MAX]);
/* "a.example.com.", "a.example.com. or b.example.com.", ... joined with
 * ", " and "or": a buffer of the calling thread. */
const char *mail_names_or(const struct check_ctx *ctx, const name_id *names, size_t n);

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
