/* mail-ptr-generic — see docs/rules/mail-ptr-generic.md. Receivers treat a
 * PTR name that spells the address or says "dsl"/"dynamic" as a consumer
 * pool (SpamAssassin RDNS_DYNAMIC, rspamd hfilter, Gmail/Yahoo sender rules). */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "dname.h"

enum { OPTION_WORDS, OPTIONS_END };
static const struct rule_option options[] = {
	[OPTION_WORDS] = {"words", OPT_WORDS,
			  "dynamic\ndyn\ndhcp\npool\ndsl\nadsl\ncable\ndial\ndialup\nppp\npppoe\nclient\ncust\ncustomer\nbroadband\nip\nhost\nstatic\nunassigned",
			  "tokens that mark a host name as generic or dynamic"},
	[OPTIONS_END] = {NULL, 0, NULL, NULL},
};

/* Second-level labels under which, with a two-letter TLD, registrations
 * sit one level deeper (example.co.uk., example.com.tr.). Only used when
 * the zone holding a PTR name is not loaded: an approximation of the
 * public suffix list, which ptrlint does not carry. */
static const char *const second_levels[] = {
	"ac", "co", "com", "edu", "go", "gob", "gov", "mil", "ne", "net", "or", "org",
};

/* The labels of a name left of its domain, in two spellings: text for
 * messages, and plain lower-case bytes where anything but a letter or a
 * digit is a separator (labels joined with '.'). */
struct host_part {
	char text[NAME_TEXT_MAX];
	char plain[NAME_WIRE_MAX + 1];
	size_t len;
	size_t labels;
};

/* A maximal run of letters or of digits in host_part.plain. */
struct token {
	uint16_t start, len;
	bool digits;
};
struct tokens {
	struct token t[NAME_WIRE_MAX];
	size_t n;
};

struct generic_why {
	char spelled[NAME_WIRE_MAX + 1];   /* the address as the name writes it, or "" */
	const char *word;                  /* the word found, or NULL */
};

static bool is_letter(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int hex_value(unsigned char c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Labels of the registered domain of wire (approximate, see second_levels). */
static size_t registered_labels(const uint8_t *wire)
{
	size_t n = dname_label_count(wire);
	if (n < 3)
		return 2;
	const uint8_t *sld = wire;
	for (size_t i = 0; i + 2 < n; i++)
		sld = dname_parent(sld);
	const uint8_t *tld = dname_parent(sld);
	if (tld[0] != 2)
		return 2;
	for (size_t i = 0; i < ARRAY_LEN(second_levels); i++)
		if (strlen(second_levels[i]) == sld[0] &&
		    !memcmp(second_levels[i], sld + 1, sld[0]))
			return 3;
	return 2;
}

/* The host part of wire: left of the loaded zone that holds it, else left
 * of its registered domain (ix may be NULL: no zone is loaded). Sets
 * *domain to where the domain starts in wire. False when nothing is left. */
static bool host_part_of(struct host_part *out, const struct index *ix, const uint8_t *wire,
			 const uint8_t **domain)
{
	size_t total = dname_label_count(wire);
	size_t domain_labels = registered_labels(wire);
	uint32_t zone = ix ? index_zone_of(ix, wire) : NO_ZONE;
	if (zone != NO_ZONE)
		domain_labels = dname_label_count(index_wire(ix, ix->zones[zone].origin));
	memset(out, 0, sizeof(*out));
	*domain = wire;
	if (total <= domain_labels)
		return false;
	out->labels = total - domain_labels;

	uint8_t host_wire[NAME_WIRE_MAX + 1];
	size_t wpos = 0;
	const uint8_t *p = wire;
	for (size_t i = 0; i < out->labels; i++) {
		memcpy(host_wire + wpos, p, (size_t)p[0] + 1);
		wpos += (size_t)p[0] + 1;
		for (size_t k = 1; k <= p[0]; k++) {
			unsigned char c = ascii_lower(p[k]);
			out->plain[out->len++] = (is_letter(c) || is_digit(c)) ? (char)c : '-';
		}
		if (i + 1 < out->labels)
			out->plain[out->len++] = '.';
		p = dname_parent(p);
	}
	host_wire[wpos] = 0;
	*domain = p;
	dname_to_text(out->text, host_wire);
	size_t tl = strlen(out->text);
	if (tl && out->text[tl - 1] == '.')
		out->text[tl - 1] = '\0';
	return true;
}

/* Split at every byte that is not a letter or digit, and between letters
 * and digits: "dsl.static851056487" -> dsl, static, 851056487. */
static void tokenize(const char *plain, size_t len, struct tokens *out)
{
	out->n = 0;
	for (size_t i = 0; i < len && out->n < ARRAY_LEN(out->t);) {
		unsigned char c = (unsigned char)plain[i];
		bool digit = is_digit(c);
		if (!digit && !is_letter(c)) {
			i++;
			continue;
		}
		size_t start = i;
		while (i < len && (digit ? is_digit((unsigned char)plain[i])
				   : is_letter((unsigned char)plain[i])))
			i++;
		out->t[out->n++] = (struct token){(uint16_t)start, (uint16_t)(i - start), digit};
	}
}

static bool token_equals(const char *plain, const struct token *t, const char *s)
{
	return strlen(s) == t->len && !memcmp(plain + t->start, s, t->len);
}

/* A digit token of 1-3 digits ("040" too) with this value. */
static bool token_is_octet(const char *plain, const struct token *t, unsigned value)
{
	if (!t->digits || t->len > 3)
		return false;
	unsigned v = 0;
	for (size_t i = 0; i < t->len; i++)
		v = v * 10 + (unsigned)(plain[t->start + i] - '0');
	return v == value;
}

static void copy_span(char *out, size_t cap, const char *plain, size_t start, size_t end)
{
	size_t n = end - start < cap - 1 ? end - start : cap - 1;
	memcpy(out, plain + start, n);
	out[n] = '\0';
}

/* Four address bytes as their eight hex digits ("c0000228"), the last
 * spelling match_v4() and match_v6() try (an IPv4 address, or the low 32
 * bits of an IPv6 one). */
static bool match_hex32(const struct host_part *h, const uint8_t b[4], char *spelled,
			size_t cap)
{
	char hex[9];
	snprintf(hex, sizeof(hex), "%02x%02x%02x%02x", b[0], b[1], b[2], b[3]);
	const char *at = strstr(h->plain, hex);
	if (!at)
		return false;
	copy_span(spelled, cap, h->plain, (size_t)(at - h->plain), (size_t)(at - h->plain) + 8);
	return true;
}

/* The four octets in any common spelling: as four number tokens in order
 * or reversed ("192-0-2-40", "40.2.0.192"); one number that concatenates
 * them plainly or zero-padded, in either order ("1920240", "192000002040");
 * the address as one decimal number; or its eight hex digits ("c0000228"). */
static bool match_v4(const struct host_part *h, const struct tokens *tk, const uint8_t b[4],
		     char *spelled, size_t cap)
{
	for (size_t i = 0; i + 4 <= tk->n; i++) {
		bool fwd = true, rev = true;
		for (size_t k = 0; k < 4; k++) {
			fwd = fwd && token_is_octet(h->plain, &tk->t[i + k], b[k]);
			rev = rev && token_is_octet(h->plain, &tk->t[i + k], b[3 - k]);
		}
		if (fwd || rev) {
			copy_span(spelled, cap, h->plain, tk->t[i].start,
				  (size_t)tk->t[i + 3].start + tk->t[i + 3].len);
			return true;
		}
	}
	char forms[5][16];
	snprintf(forms[0], sizeof(forms[0]), "%u%u%u%u", b[0], b[1], b[2], b[3]);
	snprintf(forms[1], sizeof(forms[1]), "%u%u%u%u", b[3], b[2], b[1], b[0]);
	snprintf(forms[2], sizeof(forms[2]), "%03u%03u%03u%03u", b[0], b[1], b[2], b[3]);
	snprintf(forms[3], sizeof(forms[3]), "%03u%03u%03u%03u", b[3], b[2], b[1], b[0]);
	snprintf(forms[4], sizeof(forms[4]), "%lu",
		 (unsigned long)b[0] << 24 | (unsigned long)b[1] << 16 |
		 (unsigned long)b[2] << 8 | b[3]);
	for (size_t i = 0; i < tk->n; i++) {
		if (!tk->t[i].digits)
			continue;
		for (size_t f = 0; f < ARRAY_LEN(forms); f++)
			if (token_equals(h->plain, &tk->t[i], forms[f])) {
				copy_span(spelled, cap, h->plain, tk->t[i].start,
					  (size_t)tk->t[i].start + tk->t[i].len);
				return true;
			}
	}
	return match_hex32(h, b, spelled, cap);
}

/* Segments of plain between separators, empty ones kept ("2001-db8--25"
 * has four): hex groups and nibbles are not split at letters. */
struct segments {
	uint16_t start[NAME_WIRE_MAX + 1], len[NAME_WIRE_MAX + 1];
	size_t n;
};

static void segment(const char *plain, size_t len, struct segments *out)
{
	out->n = 0;
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		unsigned char c = i < len ? (unsigned char)plain[i] : '.';
		if (is_letter(c) || is_digit(c))
			continue;
		out->start[out->n] = (uint16_t)start;
		out->len[out->n] = (uint16_t)(i - start);
		out->n++;
		start = i + 1;
	}
}

/* 1-4 hex digits: the group's value, else -1. */
static long hex_group(const char *s, size_t len)
{
	if (!len || len > 4)
		return -1;
	long v = 0;
	for (size_t i = 0; i < len; i++) {
		int d = hex_value((unsigned char)s[i]);
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* The address's last nibbles or groups: the whole address as groups
 * ("2001-db8--25", "2001-db8-0-0-0-0-0-25"), its last four groups
 * ("0-0-0-25"), its last four or more nibbles as single-digit labels in
 * either order ("5.2.0.0" as ip6.arpa writes them), or its last eight
 * nibbles as hex digits ("00000025", so the full 32 digits too). */
static bool match_v6(const struct host_part *h, const uint8_t b[16], char *spelled, size_t cap)
{
	struct segments sg;
	segment(h->plain, h->len, &sg);
	long groups[8];
	int nib[32];
	for (int i = 0; i < 8; i++)
		groups[i] = (long)b[2 * i] << 8 | b[2 * i + 1];
	for (int i = 0; i < 16; i++) {
		nib[2 * i] = b[i] >> 4;
		nib[2 * i + 1] = b[i] & 15;
	}
	for (size_t s = 0; s < sg.n; s++) {
		size_t from = (size_t)sg.start[s];
		/* whole address: windows of up to ten segments (eight groups and "::") */
		char text[NAME_WIRE_MAX + 1];
		size_t tl = 0;
		for (size_t e = s; e < sg.n && e < s + 10; e++) {
			if (sg.len[e] > 4 || (sg.len[e] && hex_group(h->plain + sg.start[e], sg.len[e]) < 0))
				break;
			if (e > s)
				text[tl++] = ':';
			memcpy(text + tl, h->plain + sg.start[e], sg.len[e]);
			tl += sg.len[e];
			text[tl] = '\0';
			struct ip_addr parsed;
			if (e > s && addr_parse(&parsed, text) && parsed.family == 6 &&
			    !memcmp(parsed.bytes, b, 16)) {
				copy_span(spelled, cap, h->plain, from,
					  (size_t)sg.start[e] + sg.len[e]);
				return true;
			}
		}
		/* last four groups, last four nibbles (both orders) */
		if (s + 4 <= sg.n) {
			bool grp = true, fwd = true, rev = true;
			for (size_t k = 0; k < 4; k++) {
				const char *p = h->plain + sg.start[s + k];
				size_t n = sg.len[s + k];
				grp = grp && hex_group(p, n) == groups[4 + k];
				bool one = n == 1 && hex_value((unsigned char)p[0]) >= 0;
				fwd = fwd && one && hex_value((unsigned char)p[0]) == nib[28 + k];
				rev = rev && one && hex_value((unsigned char)p[0]) == nib[31 - k];
			}
			if (grp || fwd || rev) {
				copy_span(spelled, cap, h->plain, from,
					  (size_t)sg.start[s + 3] + sg.len[s + 3]);
				return true;
			}
		}
	}
	return match_hex32(h, b + 12, spelled, cap);
}

/* A word matches whole tokens: "dsl" matches "dsl-85-105", not "dslam";
 * a word with digits ("ip6") matches the same run of tokens. */
static const char *match_word(const struct host_part *h, const struct tokens *tk,
			      const struct option_value *words)
{
	for (size_t w = 0; words && w < words->count; w++) {
		const char *word = words->words[w];
		size_t wl = strlen(word);
		if (!wl || wl > NAME_WIRE_MAX)
			continue;
		struct tokens wt;
		tokenize(word, wl, &wt);
		if (!wt.n)
			continue;
		for (size_t i = 0; i + wt.n <= tk->n; i++) {
			size_t k = 0;
			while (k < wt.n && tk->t[i + k].len == wt.t[k].len &&
			       !memcmp(h->plain + tk->t[i + k].start, word + wt.t[k].start, wt.t[k].len))
				k++;
			if (k == wt.n)
				return word;
		}
	}
	return NULL;
}

/* Does the PTR name wire look generic for addr? ix may be NULL (tests):
 * then the host part is taken left of the registered domain. */
static bool ptr_looks_generic(const struct index *ix, const uint8_t *wire,
			      const struct ip_addr *addr, const struct option_value *words,
			      struct host_part *host, struct generic_why *why)
{
	const uint8_t *domain;
	memset(why, 0, sizeof(*why));
	if (!host_part_of(host, ix, wire, &domain))
		return false;
	struct tokens tk;
	tokenize(host->plain, host->len, &tk);
	if (addr->family == 4)
		match_v4(host, &tk, addr->bytes, why->spelled, sizeof(why->spelled));
	else
		match_v6(host, addr->bytes, why->spelled, sizeof(why->spelled));
	why->word = match_word(host, &tk, words);
	return why->spelled[0] || why->word;
}

/* The name to suggest for the PTR: the first host or sender of the
 * address that owns it (SPEC §5 orders them) and is not generic itself,
 * else the owner of the address's A/AAAA when it is not generic, else
 * mail. in the PTR name's domain. */
static void suggest_name(const struct check_ctx *ctx, const struct mail_address *a,
			 const struct record *ptr, const struct option_value *words,
			 char out[NAME_TEXT_MAX + 8])
{
	const struct index *ix = ctx->ix;
	struct host_part host;
	struct generic_why why;
	name_id names[MAIL_NAMES_MAX];
	size_t n = mail_ptr_names(ctx, a, names);
	for (size_t i = 0; i < n; i++)
		if (names[i] != ptr->target &&
		    !ptr_looks_generic(ix, index_wire(ix, names[i]), &a->addr, words, &host, &why)) {
			dname_to_text(out, index_wire(ix, names[i]));
			return;
		}
	if (a->record != UINT32_MAX) {
		name_id owner = ix->records[a->record].owner;
		if (owner != ptr->target &&
		    !ptr_looks_generic(ix, index_wire(ix, owner), &a->addr, words, &host, &why)) {
			dname_to_text(out, index_wire(ix, owner));
			return;
		}
	}
	const uint8_t *domain;
	host_part_of(&host, ix, index_wire(ix, ptr->target), &domain);
	char text[NAME_TEXT_MAX];
	dname_to_text(text, domain);
	snprintf(out, NAME_TEXT_MAX + 8, "mail.%s", text[0] == '.' ? "example.com." : text);
}

static void check(struct check_ctx *ctx)
{
	const struct index *ix = ctx->ix;
	const struct option_value *words = &ctx->options[OPTION_WORDS];
	for (size_t i = 0; i < ctx->mail->naddresses; i++) {
		const struct mail_address *a = &ctx->mail->addresses[i];
		/* a passing PTR is the name receivers see; else any of them may be */
		const uint32_t *ids = a->eval.ptrs;
		size_t n = a->eval.nptrs;
		if (a->eval.passing != UINT32_MAX) {
			ids = &a->eval.passing;
			n = 1;
		}
		for (size_t k = 0; k < n; k++) {
			const struct record *ptr = &ix->records[ids[k]];
			struct host_part host;
			struct generic_why why;
			if (!ptr->target ||
			    !ptr_looks_generic(ix, index_wire(ix, ptr->target), &a->addr, words,
					       &host, &why))
				continue;
			char detail[2 * NAME_WIRE_MAX + 64];
			if (why.spelled[0] && why.word)
				snprintf(detail, sizeof(detail), "spells the address as '%s' and has "
					 "the word '%s'", why.spelled, why.word);
			else if (why.spelled[0])
				snprintf(detail, sizeof(detail), "spells the address as '%s'",
					 why.spelled);
			else
				snprintf(detail, sizeof(detail), "has the word '%s'", why.word);
			char suggestion[NAME_TEXT_MAX + 8];
			suggest_name(ctx, a, ptr, words, suggestion);
			struct finding_spec spec = {.iprev = a->eval.result};
			mail_finding_location(ctx, a, &spec);
			spec.at = ptr;   /* the PTR is what to change */
			report(ctx, &spec,
			       "%s address %s whose PTR names %s, which looks generic: its host "
			       "part '%s' %s, and receivers score such names as dynamic or "
			       "residential; make the PTR name the mail host, e.g. %s",
			       mail_subject_has(ctx, a), addr_str(&a->addr), name_str(ctx, ptr->target),
			       host.text, detail, suggestion);
			break;   /* one finding per address */
		}
	}
}

const struct rule_impl rule_mail_ptr_generic = {check, options};
