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
#include "engine.h"
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

static void add_sender(struct mail_analysis *m, const struct index *ix,
		       const struct ip_addr *addr, const struct sender *sender,
		       uint32_t spf_record)
{
	if (mail_find_address(m, addr))
		return;   /* judged once: under the mail host, or the first sender entry */
	struct mail_address *a = new_address(m, addr);
	a->sender = sender;
	a->spf_record = spf_record;
	a->record = first_host_record(ix, addr);
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

static int compare_hosts(const void *a, const void *b, const struct index *ix)
{
	const struct mail_host *x = a, *y = b;
	return dname_canonical_compare(index_wire(ix, x->name), index_wire(ix, y->name));
}

static const struct index *sort_index;
static int compare_hosts_qsort(const void *a, const void *b)
{
	return compare_hosts(a, b, sort_index);
}

void mail_analyse(struct mail_analysis *m, struct index *ix, const struct config *cfg,
		  const struct public_names *pub)
{
	struct host_marks marks = {NULL, 0};
	/* MX targets; a null MX ("MX 0 .") names no mail host */
	for (size_t i = 0; cfg->mail_mx && i < ix->nrecords; i++) {
		const struct record *r = &ix->records[i];
		if (r->type != TYPE_MX || (r->flags & REC_INACTIVE) || !r->target)
			continue;
		if (!index_wire(ix, r->target)[0])
			continue;
		add_host(m, &marks, r->target, MAIL_FROM_MX, (uint32_t)i);
	}
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
	sort_index = ix;
	if (m->nhosts)
		qsort(m->hosts, m->nhosts, sizeof(*m->hosts), compare_hosts_qsort);

	/* each host's addresses */
	uint32_t *ids = NULL;
	size_t cap = 0;
	for (size_t h = 0; h < m->nhosts; h++) {
		struct mail_host *host = &m->hosts[h];
		size_t n = 0;
		if (index_zone_of(ix, index_wire(ix, host->name)) == NO_ZONE)
			continue;   /* somebody else's mail host: nothing to check */
		enum host_lookup status = index_host_addresses(ix, host->name, &ids, &n, &cap,
							       &host->via_cname);
		if (status != HOST_OK)
			continue;
		host->in_scope = true;
		for (size_t i = 0; i < n; i++) {
			struct ip_addr addr;
			record_address(&ix->records[ids[i]], &addr);
			host->naddresses++;
			/* an address is judged once (one mistake, one finding): under
			 * the first host that owns it directly, else the first that
			 * reaches it through a CNAME */
			struct mail_address *seen = mail_find_address(m, &addr);
			if (seen && seen->host_via_cname && !host->via_cname) {
				seen->host = host->name;
				seen->record = ids[i];
				seen->host_via_cname = false;
			}
			if (seen)
				continue;
			struct mail_address *a = new_address(m, &addr);
			a->host = host->name;
			a->record = ids[i];
			a->host_via_cname = host->via_cname;
		}
	}
	free(ids);

	/* senders: the config's first, then SPF in file order */
	for (size_t i = 0; i < cfg->nsenders; i++)
		add_sender(m, ix, &cfg->senders[i].addr, &cfg->senders[i], UINT32_MAX);
	for (size_t i = 0; cfg->mail_spf && i < ix->nrecords; i++) {
		const struct record *r = &ix->records[i];
		if (spf_record_candidate(ix, r))
			add_spf_senders(m, ix, cfg, (uint32_t)i);
	}

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
	free(m->hosts);
	memset(m, 0, sizeof(*m));
}
