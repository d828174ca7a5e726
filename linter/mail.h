/*
 * mail.h — the mail analysis (SPEC §5), computed once per run by mail.c
 * when an enabled rule has RULE_READS_MAIL: which names are mail hosts
 * (MX targets, mail.hosts, mail.patterns), which addresses send mail
 * (mail.senders, SPF), who shares each address, and the iprev result of
 * each. Rules read it through ctx->mail; the message helpers the mail-*
 * rules share are at the end (mail_text.c).
 */
#ifndef PTRLINT_MAIL_H
#define PTRLINT_MAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "index.h"
#include "iprev.h"

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

/* Is this address one a mail-* rule judged (so host-ptr-missing stays quiet)? */
bool mail_covers_address(const struct mail_analysis *mail, const struct ip_addr *addr);
/* The first mail address entry for addr (a host's before a sender's), or NULL. */
struct mail_address *mail_find_address(const struct mail_analysis *mail,
				       const struct ip_addr *addr);

void mail_analyse(struct mail_analysis *out, struct index *ix, const struct config *cfg,
		  const struct public_names *pub);
void mail_analysis_free(struct mail_analysis *mail);

struct check_ctx;
struct finding_spec;
/* For the mail-* rules (mail_text.c): point spec at what a finding about
 * mail address a concerns when it is not a PTR — the A/AAAA, else the
 * mail.senders line, else the SPF record — and set its name and address. */
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

#endif
