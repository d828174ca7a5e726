/*
 * index.h — the one in-memory view of every loaded zone (SPEC §4): interned
 * names, records as written (file and first line kept), zones with their
 * cuts, load problems and inline suppressions; and, after index_finish(),
 * the lookups rules need: a name's records, which loaded zone is
 * authoritative for a name, whether a name exists, the A/AAAA records and
 * the PTRs of an address.
 *
 * The index owns all of it; index_free() releases it in a few calls (names
 * and rdata live in arenas). ldns objects never outlive the loader.
 *
 * This header is what readers (the engine, rules, reports) need: the types
 * and the lookups. Making an index — adding files, zones, records and
 * problems, the loader's speed-ups, index_finish() — is index_build.h's.
 */
#ifndef PTRLINT_INDEX_H
#define PTRLINT_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "rule.h"
#include "util.h"

typedef uint32_t name_id;        /* 0 = no name */
#define NO_ZONE UINT32_MAX
/* The one limit on following a CNAME chain (index_host_addresses, iprev,
 * cname_chain_end): a loop or an overlong chain stops after this many links. */
#define CNAME_MAX_LINKS 8

/* DNS types ptrlint looks at by number (RFC 1035, 2535, 3596, 4034, 5155,
 * 6672): the one table; index_query.h's type_name() names any type. */
enum {
	TYPE_A = 1, TYPE_NS = 2, TYPE_CNAME = 5, TYPE_SOA = 6, TYPE_PTR = 12,
	TYPE_MX = 15, TYPE_TXT = 16, TYPE_SIG = 24, TYPE_KEY = 25, TYPE_AAAA = 28,
	TYPE_DNAME = 39, TYPE_RRSIG = 46, TYPE_NSEC = 47, TYPE_NSEC3 = 50,
};

/* Why a record feeds no rule but the one that reports it (SPEC §4: one
 * mistake, one finding). */
enum record_flag {
	REC_OUT_OF_ZONE = 1 << 0,    /* owner not at or below the zone's origin */
	REC_WRONG_TREE = 1 << 1,     /* PTR outside the reverse trees, A/AAAA/MX inside one */
	REC_GLUE = 1 << 2,           /* at or below a zone cut of its own zone (not the NS itself) */
	REC_DUPLICATE = 1 << 3,      /* a later copy of an identical record */
	REC_BAD_REVERSE_OWNER = 1 << 4, /* PTR whose owner is not an address */
	REC_GENERATED = 1 << 5,      /* made by $GENERATE */
	REC_TRANSFER_END = 1 << 6,   /* the closing copy of the SOA in a `dig axfr` dump (SPEC §4) */
	REC_INACTIVE = REC_OUT_OF_ZONE | REC_WRONG_TREE | REC_GLUE | REC_DUPLICATE |
		       REC_BAD_REVERSE_OWNER | REC_TRANSFER_END,
};

struct record {
	name_id owner;
	uint32_t zone;               /* index in zones */
	uint32_t file;               /* index in files: where it is written */
	uint32_t line;               /* first line (of the $GENERATE for generated records) */
	uint32_t ttl;
	uint16_t type;
	uint16_t flags;              /* enum record_flag */
	name_id target;              /* PTR, CNAME, NS, MX, DNAME: the target; else 0 */
	uint16_t preference;         /* MX */
	uint16_t rdlen;
	const uint8_t *rdata;        /* wire rdata, names lower-cased; A/AAAA: the address;
				      * NULL (rdlen 0) when target holds it all */
};

/* Order of two records' type and data (target and preference, or wire
 * rdata): 0 means the same data. */
int record_data_compare(const struct record *a, const struct record *b);

/* Where a zone's origin came from (SPEC §4, first match wins). */
enum origin_source {
	ORIGIN_NONE,                 /* none found: the zone is not loaded */
	ORIGIN_CONFIG,
	ORIGIN_SOA,
	ORIGIN_DOLLAR,               /* a $ORIGIN before the first record */
	ORIGIN_FILE_NAME,
};
/* "config", "SOA", "$ORIGIN", "file name", "none". */
const char *origin_source_name(enum origin_source source);

struct zone {
	name_id origin;
	enum origin_source origin_source;
	uint32_t file;               /* the zone's own file */
	uint32_t first_record;       /* records [first_record, end_record) */
	uint32_t end_record;
	uint32_t soa;                /* record index of the first SOA, or UINT32_MAX */
	enum name_tree tree;
	bool loaded;                 /* false: skipped (SPEC §4 '@' in an owner); its names are unverifiable */
	bool incomplete;             /* an $INCLUDE of it was not read: a name or record it
				      * lacks may be in that file, so absence proves nothing */
	bool has_range;              /* reverse zone with a valid origin */
	uint32_t ncuts;              /* NS records below the apex (delegations) */
	struct ip_addr range_low, range_high;
	bool load_errors;            /* index_finish(): a record or directive of it failed to
				      * load (zone-syntax error): like incomplete, what the
				      * zone lacks may be in what failed */
};

/* A zone-syntax finding the loader already knows. */
struct load_problem {
	uint32_t file;
	uint32_t line;               /* 0 = the file as a whole */
	uint32_t zone;               /* NO_ZONE when the file belongs to none */
	name_id owner;               /* 0 if unknown */
	enum rule_id rule;           /* zone_syntax, or another rule the loader decides (e.g. an unknown rule in a comment) */
	enum severity severity;      /* SEV_OFF = the rule's configured severity */
	char *message;
};

/* `; ptrlint-disable RULE,...` (line > 0) and `; ptrlint-disable-file` (line 0). */
struct suppression {
	uint32_t file;
	uint32_t line;
	rule_set rules;
};

/* The owner of a record that did not load (zone-syntax), in its zone. */
struct unreadable_name {
	name_id name;
	uint32_t zone;
};

struct name_entry;               /* private to index.c */
struct name_chunk;               /* private to index.c */
struct apex_slot;                /* private to index.c */
struct name_slot;                /* private to index.c */

struct index {
	/* names */
	struct name_entry *names;    /* [0] is unused: name_id 0 = none */
	size_t nnames, names_cap;
	struct name_slot *name_slots; /* open-addressing hash table of name ids */
	size_t name_slots_cap;
	size_t name_slots_prefaulted; /* the table size index_room_ahead() last handed out */
	struct name_chunk *name_chunks; /* wire bytes of the names, sorted by address */
	size_t nname_chunks, name_chunks_cap;
	uint8_t *name_fill, *name_fill_end; /* free room in the newest chunk */

	struct record *records;
	size_t nrecords, records_cap;
	struct arena rdata_arena;

	struct zone *zones;
	size_t nzones, zones_cap;

	char **files;                /* paths relative to the root */
	size_t nfiles, files_cap;
	struct strmap file_ids;      /* path -> index in files */
	size_t nzone_files;          /* files actually read (for the summary) */

	struct load_problem *problems;
	size_t nproblems, problems_cap;

	struct suppression *suppressions;
	size_t nsuppressions, suppressions_cap;

	struct unreadable_name *unreadable;  /* owners of records that did not load */
	size_t nunreadable, unreadable_cap;

	/* built by index_finish() */
	uint32_t *by_owner;          /* record ids grouped by owner, in record order */
	uint32_t *owner_first;       /* name id -> its group in by_owner (index.c) */
	size_t nowner_first;
	struct addr_ref *host_addrs; /* active A/AAAA, sorted by address then record */
	size_t nhost_addrs;
	struct addr_ref *ptr_addrs;  /* active PTRs at address owners, sorted by address then record */
	size_t nptr_addrs;
	uint32_t *ptr_slot_of;       /* record -> its entry in ptr_addrs, UINT32_MAX: none */
	struct apex_slot *apex_slots; /* hash set of loaded apexes and zone cuts */
	size_t napex, apex_cap;
	size_t apex_depth;           /* most labels of any name in it */
	struct classless_zone *classless_zones; /* RFC 2317 zones (origin with a classless
						 * label), sorted by first address */
	size_t nclassless_zones, classless_zones_cap;
	struct classless_cut *classless_cuts; /* RFC 2317 delegations, sorted by first address */
	size_t nclassless_cuts;
	bool wildcard_ptrs;          /* a served PTR has a "*" owner in a reverse tree */
	bool finished;
	int threads;                 /* -j, set once by the caller after index_init(): load_zones(),
				      * index_finish() and the rules use it; 1 = the calling
				      * thread only, 0 = one per core */
};

struct addr_ref {
	struct ip_addr addr;
	uint32_t record;
};

/* A loaded zone of an RFC 2317 block: 64/26.2.0.192.in-addr.arpa. */
struct classless_zone {
	struct ip_addr low, high;    /* the addresses it covers */
	uint32_t zone;
};

/* A delegation of an RFC 2317 block: "64/26 NS ..." in 2.0.192.in-addr.arpa. */
struct classless_cut {
	struct ip_addr low, high;    /* the addresses the block covers */
	name_id cut;                 /* the delegated name, 64/26.2.0.192.in-addr.arpa. */
	uint32_t zone;               /* the zone that delegates it */
	uint32_t record;             /* its first NS record */
};

/* Names: intern a lower-case wire name; find without interning (0 if the
 * name was never seen). Interning is the one change a reader may make (the
 * mail analysis gives the config's host names ids); a name interned after
 * index_finish() owns no records and has no flags. */
name_id index_intern(struct index *ix, const uint8_t *wire, size_t len);
name_id index_find(const struct index *ix, const uint8_t *wire, size_t len);
const uint8_t *index_wire(const struct index *ix, name_id name);
/* Presentation text (lower-case, final dot). */
void index_name_text(const struct index *ix, name_id name, char out[1024]);


/* Sort, flag and build the lookups below. Call once, after loading. */
void index_finish(struct index *ix);

/* The rules inline comments suppress at file:line (its own line's and the
 * file's ptrlint-disable-file ones); after index_finish(), a binary search. */
rule_set index_suppressed_rules(const struct index *ix, uint32_t file, uint32_t line);

/* The length of r's rdata in wire form, as a name server holds it (a
 * record with only a target keeps no wire copy: the name is its data). */
size_t record_rdata_length(const struct index *ix, const struct record *r);

/* The records owned by name, in record (file) order. */
const uint32_t *index_records_at(const struct index *ix, name_id name, size_t *count);
/* True if name owns a record of type (active records only). */
bool index_has_type(const struct index *ix, name_id name, uint16_t type);

/* Is zone (an index in zones, or NO_ZONE) loaded but missing an $INCLUDEd
 * file? Rules then report what its records show, never what they lack. */
static inline bool index_zone_incomplete(const struct index *ix, uint32_t zone)
{
	return zone != NO_ZONE && ix->zones[zone].incomplete;
}

/* The loaded zone authoritative for a wire name (SPEC §4 zone cuts: the
 * delegation point and everything below it belong to the child, in scope
 * only if the child is loaded), or NO_ZONE. */
uint32_t index_zone_of(const struct index *ix, const uint8_t *wire);
/* The wildcard owner ("*.x") that synthesises wire per RFC 4592, or 0. */
name_id index_wildcard_match(const struct index *ix, const uint8_t *wire);
/* Does the name exist in its zone: owns an active record, is an empty
 * non-terminal, is matched by a wildcard (RFC 4592), or is unreadable
 * (below)? */
bool index_name_exists(const struct index *ix, const uint8_t *wire);
/* Does the name own an active record or lie above one (an empty
 * non-terminal)? Then no wildcard answers for it (RFC 4592 §2.2). */
bool index_name_is_node(const struct index *ix, name_id name);

/*
 * Unreadable names (SPEC §4, one mistake, one finding). A record that did
 * not load is a zone-syntax finding; its owner still exists, with content
 * nobody can know: `www A 198.51.100.400` leaves www.example.com. without
 * the address it was given, and a PTR to www is not stale. So a name that
 * owns a record that failed to parse — or that a failed $GENERATE would
 * have made — in a loaded zone at or below whose origin it lies:
 *   - exists (index_name_exists() says so; its ancestors are empty
 *     non-terminals), so rules that report a name's absence stay silent;
 *   - is unreadable: a rule that reports what the name lacks or holds (no
 *     address, no PTR, the wrong address, not an alias) asks
 *     index_name_unreadable() and stays silent too; the iprev of an
 *     address that needs it is `unverifiable`, not `fail` or `permerror`
 *     (index_host_addresses() says HOST_UNREADABLE).
 * A name that owns records that loaded as well as one that did not is
 * unreadable: what it holds is known only in part. The answer is for the
 * name itself; a wildcard that matches it is not asked.
 */
bool index_name_unreadable(const struct index *ix, name_id name);

/* RFC 2317: the first loaded classless zone (in zone order) whose range
 * holds addr, or NO_ZONE; and the first delegation of a block holding addr
 * in zone (file order), or NULL. */
uint32_t index_classless_zone_of(const struct index *ix, const struct ip_addr *addr);
const struct classless_cut *index_classless_cut(const struct index *ix, uint32_t zone,
						const struct ip_addr *addr);

/* The owner of an active DNAME at a proper ancestor of wire in its zone
 * (RFC 6672: the name is synthesised below it), or 0. */
name_id index_dname_above(const struct index *ix, const uint8_t *wire);

/* Active A/AAAA records holding addr, and active PTRs whose owner is addr's
 * reverse name (or an RFC 2317 name standing for it): ranges into the
 * sorted arrays above. */
const struct addr_ref *index_hosts_of(const struct index *ix,
				      const struct ip_addr *addr, size_t *count);
const struct addr_ref *index_ptrs_of(const struct index *ix,
				     const struct ip_addr *addr, size_t *count);
/* The address the owner of PTR record stands for, as reverse_to_addr()
 * gives it, parsed once by index_finish(): true for exactly the active
 * PTRs whose owner is REVERSE_ADDRESS. */
bool index_ptr_addr(const struct index *ix, uint32_t record, struct ip_addr *addr);

/* The addresses of a host name, following a CNAME chain of at most 8 links
 * where every link is in scope of a loaded zone. Appends A/AAAA record ids
 * to *out (a growable array). Returns HOST_OK, or why nothing can be said. */
enum host_lookup {
	HOST_OK,                 /* in scope; *out may still be empty */
	HOST_OUT_OF_SCOPE,       /* the name, or a link of its chain, is in no loaded zone */
	HOST_CHAIN_TOO_LONG,     /* more than 8 CNAME links, or a loop */
	HOST_UNREADABLE,         /* in scope, but a name of the chain is unreadable: the
				  * addresses in *out are those that loaded, maybe not all */
};
enum host_lookup index_host_addresses(const struct index *ix, name_id name,
				      uint32_t **out, size_t *count, size_t *cap,
				      bool *via_cname);

#endif
