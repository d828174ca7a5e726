/*
 * mail.c — the mail side of SPEC §5, computed once per run for every mail
 * rule: which names are mail hosts (MX targets, mail.hosts,
 * mail.patterns), which addresses send mail (mail.senders, SPF), and the
 * iprev result of each address. Rules only read the result.
 */
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dname.h"
#include "index_query.h"
#include "mail.h"
#include "spf.h"

/* Which name ids are mail hosts already: a bitmap indexed by name id keeps
 * a million MX records linear. */
struct host_marks {
	uint8_t *bits;
	size_t cap;
};

static bool host_marked(const struct host_marks *marks, name_id name)
{
	return name / 8 < marks->cap && (marks->bits[name / 8] & (1u << (name % 8)));
}

static void host_mark(struct host_marks *marks, name_id name)
{
	if (name / 8 >= marks->cap) {
		size_t cap = (name / 8 + 1) * 2;
		marks->bits = xrealloc(marks->bits, cap);
		memset(marks->bits + marks->cap, 0, cap - marks->cap);
		marks->cap = cap;
	}
	marks->bits[name / 8] |= (uint8_t)(1u << (name % 8));
}

static void add_host(struct mail_analysis *m, struct host_marks *marks, name_id name,
		     enum mail_host_source source, uint32_t record)
{
	if (host_marked(marks, name))
		return;
	host_mark(marks, name);
	struct mail_host *h = ARRAY_PUSH(m->hosts, m->nhosts, m->hosts_cap);
	memset(h, 0, sizeof(*h));
	h->name = name;
	h->source = source;
	h->record = record;
}

static uint32_t addr_hash(const struct ip_addr *addr)
{
	return hash_bytes(addr, sizeof(*addr));
}

/* Open addressing over indexes into m->addresses (+1; 0 = empty). */
static void address_set_rebuild(struct mail_analysis *m)
{
	size_t cap = 64;
	while (cap < m->naddresses * 2 + 2)
		cap *= 2;
	free(m->address_slots);
	m->address_slots = xcalloc(cap, sizeof(*m->address_slots));
	m->address_slots_cap = cap;
	for (size_t i = 0; i < m->naddresses; i++) {
		size_t k = addr_hash(&m->addresses[i].addr) & (cap - 1);
		while (m->address_slots[k])
			k = (k + 1) & (cap - 1);
		m->address_slots[k] = (uint32_t)i + 1;
	}
}

bool mail_covers_address(const struct mail_analysis *mail, const struct ip_addr *addr)
{
	return mail && mail_find_address(mail, addr) != NULL;
}

struct mail_address *mail_find_address(const struct mail_analysis *m,
					 const struct ip_addr *addr)
{
	if (!m->address_slots_cap)
		return NULL;
	size_t mask = m->address_slots_cap - 1;
	for (size_t k = addr_hash(addr) & mask; m->address_slots[k]; k = (k + 1) & mask) {
		struct mail_address *a = &m->addresses[m->address_slots[k] - 1];
		if (!addr_compare(&a->addr, addr))
			return a;
	}
	return NULL;
}

static struct mail_address *new_address(struct mail_analysis *m, const struct ip_addr *addr)
{
	struct mail_address *a = ARRAY_PUSH(m->addresses, m->naddresses, m->addresses_cap);
	memset(a, 0, sizeof(*a));
	a->addr = *addr;
	if (m->naddresses * 2 > m->address_slots_cap) {
		address_set_rebuild(m);
	} else {
		size_t mask = m->address_slots_cap - 1;
		size_t k = addr_hash(addr) & mask;
		while (m->address_slots[k])
			k = (k + 1) & mask;
		m->address_slots[k] = (uint32_t)m->naddresses;
	}
	a->record = UINT32_MAX;
	a->spf_record = UINT32_MAX;
	return a;
}

/* The first A/AAAA (file order) holding addr, or UINT32_MAX. */
static uint32_t first_host_record(const struct index *ix, const struct ip_addr *addr)
{
	size_t n;
	const struct addr_ref *refs = index_hosts_of(ix, addr, &n);
	return n ? refs[0].record : UINT32_MAX;   /* sorted by record id */
}

static void add_sharer(struct mail_analysis *m, const struct mail_address *a, name_id name,
		       enum mail_role role)
{
	struct mail_sharer *sh = ARRAY_PUSH(m->sharers, m->nsharers, m->sharers_cap);
	*sh = (struct mail_sharer){name, role, (uint32_t)(a - m->addresses), (uint32_t)m->nsharers};
}

/* A sender's name (SPEC §5): its helo (interned by mail_analyse), else the
 * owner of the first A/AAAA holding its address, else 0. */
static name_id sender_name_id(const struct index *ix, const struct sender *sender,
			      uint32_t record)
{
	if (sender && sender->helo) {
		uint8_t wire[NAME_WIRE_MAX + 1];
		size_t len = dname_from_text(wire, sender->helo, NULL);
		return len ? index_find(ix, wire, len) : 0;
	}
	return record != UINT32_MAX ? ix->records[record].owner : 0;
}

static void add_sender(struct mail_analysis *m, const struct index *ix,
		       const struct ip_addr *addr, const struct sender *sender,
		       uint32_t spf_record)
{
	enum mail_role role = sender ? MAIL_ROLE_SENDER : MAIL_ROLE_SPF;
	struct mail_address *a = mail_find_address(m, addr);
	if (a) {
		/* judged once, under the mail host or the first sender entry;
		 * this one is named beside it */
		add_sharer(m, a, sender_name_id(ix, sender, first_host_record(ix, addr)), role);
		return;
	}
	a = new_address(m, addr);
	a->sender = sender;
	a->spf_record = spf_record;
	a->record = first_host_record(ix, addr);
	a->sender_id = sender_name_id(ix, sender, a->record);
	if (sender && sender->helo)
		a->sender_name = xstrdup(sender->helo);
	else if (a->record != UINT32_MAX) {
		char text[NAME_TEXT_MAX];
		dname_to_text(text, index_wire(ix, ix->records[a->record].owner));
		a->sender_name = xstrdup(text);
	}
}

/* SPF ip4:/ip6: mechanisms that authorise (SPEC §5): single addresses,
 * and with mail.spf-ranges the A/AAAA addresses inside ranges. Terms the
 * reader cannot read add nothing here; spf-syntax reports them. */
static void add_spf_senders(struct mail_analysis *m, const struct index *ix,
			    const struct config *cfg, uint32_t rec_id)
{
	struct spf_reader reader;
	if (!spf_open(&reader, &ix->records[rec_id]))
		return;
	struct spf_term term;
	while (spf_next(&reader, &term)) {
		if (term.kind != SPF_IP || term.qualifier != '+')
			continue;
		struct ip_prefix prefix = term.prefix;
		unsigned full = prefix.addr.family == 4 ? 32 : 128;
		if (prefix.len == full) {
			add_sender(m, ix, &prefix.addr, NULL, rec_id);
			continue;
		}
		if (!cfg->mail_spf_ranges)
			continue;
		/* every A/AAAA of a loaded forward zone inside the range: they
		 * lie together in the sorted addresses, from the first one not
		 * below the range's first address (walking all of them for each
		 * range made SPF ranges times addresses) */
		size_t lo = 0, hi = ix->nhost_addrs;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (addr_compare(&ix->host_addrs[mid].addr, &prefix.addr) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t i = lo; i < ix->nhost_addrs &&
		     prefix_contains(&prefix, &ix->host_addrs[i].addr); i++)
			add_sender(m, ix, &ix->host_addrs[i].addr, NULL, rec_id);
	}
	spf_close(&reader);
}

/* An MX record by preference, then file order: the order mail hosts are
 * named in when they share an address (SPEC §5). */
struct mx_rank {
	uint16_t preference;
	uint32_t record;
};

static int compare_mx_rank(const void *pa, const void *pb)
{
	const struct mx_rank *a = pa, *b = pb;
	if (a->preference != b->preference)
		return a->preference < b->preference ? -1 : 1;
	return (a->record > b->record) - (a->record < b->record);
}

/* MX targets, lowest preference first; a null MX ("MX 0 .") names no
 * mail host. */
static void add_mx_hosts(struct mail_analysis *m, struct host_marks *marks,
			 const struct index *ix)
{
	struct mx_rank *mx = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < ix->nrecords; i++) {
		const struct record *r = &ix->records[i];
		if (r->type != TYPE_MX || (r->flags & REC_INACTIVE) || !r->target ||
		    !index_wire(ix, r->target)[0])
			continue;
		*ARRAY_PUSH(mx, n, cap) = (struct mx_rank){r->preference, (uint32_t)i};
	}
	if (n)
		qsort(mx, n, sizeof(*mx), compare_mx_rank);
	for (size_t i = 0; i < n; i++)
		add_host(m, marks, ix->records[mx[i].record].target, MAIL_FROM_MX, mx[i].record);
	free(mx);
}

static int compare_sharers_by_name(const void *pa, const void *pb)
{
	const struct mail_sharer *a = pa, *b = pb;
	if (a->address != b->address)
		return a->address < b->address ? -1 : 1;
	if (a->name != b->name)
		return a->name < b->name ? -1 : 1;
	return (a->rank > b->rank) - (a->rank < b->rank);
}

static int compare_sharers_by_rank(const void *pa, const void *pb)
{
	const struct mail_sharer *a = pa, *b = pb;
	if (a->address != b->address)
		return a->address < b->address ? -1 : 1;
	return (a->rank > b->rank) - (a->rank < b->rank);
}

/* Each address's sharers: each name once (its first role), without the
 * name the address is judged under and without nameless senders, in the
 * order they were found. */
static void finish_sharers(struct mail_analysis *m)
{
	if (!m->nsharers)
		return;
	qsort(m->sharers, m->nsharers, sizeof(*m->sharers), compare_sharers_by_name);
	size_t out = 0;
	for (size_t i = 0; i < m->nsharers; i++) {
		const struct mail_sharer *sh = &m->sharers[i];
		const struct mail_address *a = &m->addresses[sh->address];
		name_id lead = a->host ? a->host : a->sender_id;
		if (!sh->name || sh->name == lead ||
		    (out && m->sharers[out - 1].address == sh->address &&
		     m->sharers[out - 1].name == sh->name))
			continue;
		m->sharers[out++] = *sh;
	}
	m->nsharers = out;
	if (out)
		qsort(m->sharers, out, sizeof(*m->sharers), compare_sharers_by_rank);
	for (size_t i = 0; i < out; i++) {
		struct mail_address *a = &m->addresses[m->sharers[i].address];
		if (!a->nsharers)
			a->first_sharer = (uint32_t)i;
		a->nsharers++;
	}
}

void mail_analyse(struct mail_analysis *m, struct index *ix, const struct config *cfg,
		  const struct public_names *pub)
{
	struct host_marks marks = {NULL, 0};
	if (cfg->mail_mx)
		add_mx_hosts(m, &marks, ix);
	for (size_t i = 0; i < cfg->nmail_hosts; i++) {
		uint8_t wire[256];
		size_t len = dname_from_text(wire, cfg->mail_hosts[i], NULL);
		if (len)
			add_host(m, &marks, index_intern(ix, wire, len), MAIL_FROM_CONFIG, UINT32_MAX);
	}
	/* each name is asked once, at its first record, however many it owns */
	struct host_marks asked = {NULL, 0};
	if (cfg->nmail_patterns) {
		for (size_t i = 0; i < ix->nrecords; i++) {
			const struct record *r = &ix->records[i];
			if ((r->type != TYPE_A && r->type != TYPE_AAAA && r->type != TYPE_CNAME) ||
			    (r->flags & REC_INACTIVE) || host_marked(&marks, r->owner) ||
			    host_marked(&asked, r->owner))
				continue;
			host_mark(&asked, r->owner);
			char text[NAME_TEXT_MAX];
			dname_to_text(text, index_wire(ix, r->owner));
			if (regex_set_match(&cfg->mail_pattern_set, text))
				add_host(m, &marks, r->owner, MAIL_FROM_PATTERN, (uint32_t)i);
		}
	}
	free(asked.bits);
	free(marks.bits);

	/* each host's addresses, the hosts in the order SPEC §5 names them:
	 * MX targets by lowest preference then file order, mail.hosts, then
	 * mail.patterns in file order */
	uint32_t *ids = NULL;
	size_t cap = 0;
	for (size_t h = 0; h < m->nhosts; h++) {
		struct mail_host *host = &m->hosts[h];
		size_t n = 0;
		if (index_zone_of(ix, index_wire(ix, host->name)) == NO_ZONE)
			continue;   /* somebody else's mail host: nothing to check */
		enum host_lookup status = index_host_addresses(ix, host->name, &ids, &n, &cap,
							       &host->via_cname);
		if (status != HOST_OK && status != HOST_UNREADABLE)
			continue;
		/* a record of it that did not load may be its address: what
		 * loaded is judged, what it lacks is not */
		host->in_scope = status == HOST_OK;
		for (size_t i = 0; i < n; i++) {
			struct ip_addr addr;
			record_address(&ix->records[ids[i]], &addr);
			host->naddresses++;
			/* an address is judged once (one mistake, one finding), under
			 * the first host; the others are named beside it */
			struct mail_address *a = mail_find_address(m, &addr);
			if (!a) {
				a = new_address(m, &addr);
				a->host = host->name;
				a->record = ids[i];
				a->host_via_cname = host->via_cname;
			}
			add_sharer(m, a, host->name, MAIL_ROLE_HOST);
		}
	}
	free(ids);

	/* a sender's helo is its name (SPEC §5), a name to list beside others */
	for (size_t i = 0; i < cfg->nsenders; i++) {
		uint8_t wire[NAME_WIRE_MAX + 1];
		size_t len = cfg->senders[i].helo ? dname_from_text(wire, cfg->senders[i].helo, NULL) : 0;
		if (len)
			index_intern(ix, wire, len);
	}
	/* senders: the config's first, then SPF in file order */
	for (size_t i = 0; i < cfg->nsenders; i++)
		add_sender(m, ix, &cfg->senders[i].addr, &cfg->senders[i], UINT32_MAX);
	for (size_t i = 0; cfg->mail_spf && i < ix->nrecords; i++) {
		const struct record *r = &ix->records[i];
		if (spf_record_candidate(ix, r))
			add_spf_senders(m, ix, cfg, (uint32_t)i);
	}

	finish_sharers(m);

	for (size_t i = 0; i < m->naddresses; i++)
		iprev_evaluate(&m->addresses[i].eval, ix, pub, &m->addresses[i].addr);
}

void mail_analysis_free(struct mail_analysis *m)
{
	for (size_t i = 0; i < m->naddresses; i++) {
		iprev_eval_free(&m->addresses[i].eval);
		free(m->addresses[i].sender_name);
	}
	free(m->addresses);
	free(m->address_slots);
	free(m->sharers);
	free(m->hosts);
	memset(m, 0, sizeof(*m));
}
