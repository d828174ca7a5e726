/*
 * iprev.h — RFC 8601 §3 iprev, evaluated offline over the index exactly as
 * SPEC §5 describes, plus the "publicly unresolvable" test it depends on.
 */
#ifndef PTRLINT_IPREV_H
#define PTRLINT_IPREV_H

#include "findings.h"
#include "index.h"

#define IPREV_MAX_TARGETS 10     /* RFC 8601 §3: at most 10 PTR names are tried */

/* What makes a name unreachable from the public DNS (SPEC §5). Build it
 * with public_names_init (the suffixes are parsed once, not per name). */
struct public_names {
	uint8_t (*suffixes)[256];                      /* ptr-target-internal's suffixes, wire */
	size_t nsuffixes;
	char *const *extra_tlds;                       /* config tlds */
	size_t nextra_tlds;
	/* hash sets over the two lists: every PTR target is asked about, and
	 * each list may be as long as a 10 MiB config makes it */
	uint32_t *suffix_slots;                        /* index + 1; 0 = empty */
	size_t suffix_slots_cap;
	struct strmap tld_set;
};
void public_names_init(struct public_names *pub, const struct option_value *suffixes,
		       char *const *extra_tlds, size_t nextra_tlds);
void public_names_free(struct public_names *pub);
/* ptr-target-internal's test: a non-public suffix, a single label, or an
 * address written as a name. *why is a static phrase for messages. */
bool name_is_internal(const struct public_names *pub, const uint8_t *wire, const char **why);
/* name_is_internal, or a top-level label that is not a delegated TLD. */
bool name_publicly_unresolvable(const struct public_names *pub, const uint8_t *wire,
				const char **why);
/* An address written as a name: "192.0.2.1.", "[192.0.2.1]", a first
 * label that is an IPv6 address, or four octet labels in front. */
bool name_is_address_literal(const uint8_t *wire);

struct iprev_eval {
	enum iprev_result result;
	uint32_t *ptrs;              /* PTR record ids for the address, file order */
	size_t nptrs;
	uint32_t passing;            /* the PTR that passed, or UINT32_MAX */
	bool covered;                /* a loaded reverse zone covers the address */
	uint32_t incomplete_zone;    /* unverifiable because this zone lacks an $INCLUDEd
				      * file (the PTR or the target's address may be in it),
				      * else NO_ZONE */
	name_id unreadable;          /* unverifiable because a record of this name did not
				      * load (index.h): the reverse name, whose PTRs are not
				      * all known, or a PTR target, whose addresses are not;
				      * else 0 */
};

void iprev_evaluate(struct iprev_eval *out, const struct index *ix,
		    const struct public_names *pub, const struct ip_addr *addr);
void iprev_eval_free(struct iprev_eval *eval);

/*
 * SPEC §5 step 5: what to add so that the reverse lookup of an address
 * that found no PTR (step 1 or 2) finds one, through the RFC 2317
 * delegation of its block where there is one.
 */
enum reverse_fix_kind {
	REVERSE_FIX_NONE,        /* no loaded reverse zone covers the address */
	REVERSE_FIX_PTR,         /* a PTR at child_name in child_zone: its own reverse
				  * name, the end of its CNAMEs, or its name in the one
				  * classless zone loaded */
	REVERSE_FIX_CNAME,       /* child_zone holds the PTR at child_name, but
				  * parent_zone has no CNAME from rev to it */
	REVERSE_FIX_CNAME_AND_PTR, /* neither: the block's zone child_zone is loaded */
	REVERSE_FIX_CNAME_DELEGATED, /* the CNAME in parent_zone, the PTR in the delegated
				  * zone (delegation), which is not loaded */
	REVERSE_FIX_CHILD_UNLOADED, /* rev is a CNAME to child_name, in no loaded zone:
				  * step 1 cannot see the PTR */
};

struct reverse_fix {
	enum reverse_fix_kind kind;
	uint8_t rev[NAME_WIRE_MAX];        /* the address's reverse name */
	uint8_t child_name[NAME_WIRE_MAX]; /* where the PTR is or belongs */
	uint32_t parent_zone;              /* the zone of rev, or NO_ZONE */
	uint32_t child_zone;               /* the zone of child_name, or NO_ZONE */
	name_id delegation;                /* REVERSE_FIX_CNAME_DELEGATED: the delegated name */
	bool via_cname;                    /* REVERSE_FIX_PTR: rev is a CNAME to child_name */
};

/* Only meaningful for an address whose reverse lookup found no PTR. */
void reverse_fix_find(struct reverse_fix *out, const struct index *ix, const struct ip_addr *addr);
/* A finding's words for fix: *why is what the zones lack, to follow "but no
 * PTR record" (empty, or ": ..."); *advice is what to add, in which zone
 * and file ("add \"70 CNAME 70.64-26.113.0.203.in-addr.arpa.\" to zone
 * 113.0.203.in-addr.arpa. (file db.203.0.113)"), with host as the PTR's
 * name. Both are appended to. */
void reverse_fix_text(struct strbuf *why, struct strbuf *advice, const struct index *ix,
		      const struct reverse_fix *fix, const char *host);

/* Does PTR target name lead back to addr (A/AAAA after CNAMEs)? Sets
 * *in_scope when the name and its chain are in loaded zones — and, when it
 * does not lead back, its zone is complete (an $INCLUDE of it that was not
 * read may hold the address) and no name of the chain is unreadable (a
 * record of it that did not load may hold the address). */
bool target_has_address(const struct index *ix, name_id target,
			const struct ip_addr *addr, bool *in_scope);

#endif
