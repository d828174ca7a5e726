/*
 * spf.c — see spf.h. The grammar is RFC 7208 §12's: a record is
 * "v=spf1" and terms separated by spaces; a term is a modifier
 * (name=value) or a directive (an optional qualifier, then one of eight
 * mechanisms). A term that is neither, or a mechanism whose argument does
 * not read, makes receivers answer permerror for the whole record
 * (§4.6.1), so the reader says what is wrong in terms a DNS admin can act on.
 */
#include "spf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

bool spf_record_candidate(const struct index *ix, const struct record *r)
{
	return r->type == TYPE_TXT && !(r->flags & REC_INACTIVE) &&
	       ix->zones[r->zone].tree == TREE_FORWARD;
}

/* The concatenated character-strings of a TXT record (RFC 7208 §3.3). */
static char *txt_text(const struct record *r)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < r->rdlen;) {
		size_t n = r->rdata[i++];
		if (i + n > r->rdlen)
			break;
		strbuf_add(&sb, r->rdata + i, n);
		i += n;
	}
	return strbuf_detach(&sb);
}

bool spf_open_text(struct spf_reader *reader, const char *text)
{
	memset(reader, 0, sizeof(*reader));
	/* the version ends at a space or at the end (RFC 7208 §4.5) */
	if (strncasecmp(text, "v=spf1", 6) || (text[6] && text[6] != ' '))
		return false;
	reader->text = xstrdup(text);
	reader->next = reader->text + 6;
	return true;
}

bool spf_open(struct spf_reader *reader, const struct record *r)
{
	char *text = txt_text(r);
	bool is_spf = spf_open_text(reader, text);
	free(text);
	return is_spf;
}

void spf_close(struct spf_reader *reader)
{
	free(reader->text);
	memset(reader, 0, sizeof(*reader));
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alnum(char c)
{
	return is_alpha(c) || is_digit(c);
}

static bool unreadable(struct spf_reader *reader, struct spf_term *term, const char *fmt, ...)
	PTRLINT_PRINTF(3, 4);
static bool unreadable(struct spf_reader *reader, struct spf_term *term, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reader->why, sizeof(reader->why), fmt, ap);
	va_end(ap);
	term->kind = SPF_UNREADABLE;
	term->why = reader->why;
	return false;
}

/* A macro-expand at s ("%{d}", "%{ir.}", "%%", "%_", "%-"; §7.1): its
 * length, or 0 with the reason in the reader. */
static size_t macro_length(struct spf_reader *reader, struct spf_term *term, const char *s)
{
	if (s[1] == '%' || s[1] == '_' || s[1] == '-')
		return 2;
	if (s[1] != '{') {
		unreadable(reader, term, "'%%' must begin a macro (%%{...}, %%%%, %%_ or %%-)");
		return 0;
	}
	size_t i = 2;
	if (!s[i] || !strchr("slodiphcrtvSLODIPHCRTV", s[i])) {
		unreadable(reader, term, "'%%{' must be followed by a macro letter (s, l, o, d, i, "
					 "p, h, c, r, t, v)");
		return 0;
	}
	for (i++; is_digit(s[i]); i++)
		;
	if (s[i] == 'r' || s[i] == 'R')
		i++;
	while (s[i] && strchr(".-+,/_=", s[i]))
		i++;
	if (s[i] != '}') {
		unreadable(reader, term, "macro '%%{' is not closed by '}' after its letter, digits, "
					 "'r' and delimiters");
		return 0;
	}
	return i + 1;
}

/* A label that ends a domain (§12 toplabel): letters, digits and inner
 * hyphens, not all digits — so that an address is never read as a name. */
static bool toplabel_ok(const char *s, size_t len)
{
	if (!len || !is_alnum(s[0]) || !is_alnum(s[len - 1]))
		return false;
	bool letter_or_hyphen = false;
	for (size_t i = 0; i < len; i++) {
		if (!is_alnum(s[i]) && s[i] != '-')
			return false;
		letter_or_hyphen |= !is_digit(s[i]);
	}
	return letter_or_hyphen;
}

/* A domain-spec (§7.1, §12): a macro-string that ends in "." and a
 * toplabel, or in a macro. what names the term's part for the message. */
static bool domain_spec_ok(struct spf_reader *reader, struct spf_term *term, const char *s,
			   size_t len, const char *what)
{
	if (!len)
		return unreadable(reader, term, "%s names no domain", what);
	bool ends_in_macro = false;
	for (size_t i = 0; i < len;) {
		if (s[i] == '%') {
			size_t n = macro_length(reader, term, s + i);
			if (!n)
				return false;
			i += n;
			ends_in_macro = i == len;
			continue;
		}
		if ((unsigned char)s[i] < 0x21 || (unsigned char)s[i] > 0x7e)
			return unreadable(reader, term, "%s holds a byte that is not visible ASCII",
					  what);
		i++;
	}
	if (ends_in_macro)
		return true;
	size_t end = len;
	if (s[end - 1] == '.')
		end--;
	size_t start = end;
	while (start > 0 && s[start - 1] != '.')
		start--;
	char text[ADDR_TEXT_MAX];
	struct ip_addr addr;
	if (len < sizeof(text)) {
		memcpy(text, s, len);
		text[len] = '\0';
		if (addr_parse(&addr, text))
			return unreadable(reader, term, "%s is an address, not a domain: write %s:%s",
					  text, addr.family == 4 ? "ip4" : "ip6", text);
	}
	if (!start || !toplabel_ok(s + start, end - start))
		return unreadable(reader, term, "%s '%.*s' does not end in a top-level label "
						"(a dot, then letters, digits and hyphens, not all digits)",
				  what, (int)len, s);
	return true;
}

/* A CIDR length (§5.6): "0", or digits without a leading zero, at most max. */
static bool cidr_ok(struct spf_reader *reader, struct spf_term *term, const char *s,
		    size_t len, unsigned max, unsigned *out)
{
	if (!len)
		return unreadable(reader, term, "'/' without a prefix length");
	unsigned value = 0;
	for (size_t i = 0; i < len; i++) {
		if (!is_digit(s[i]))
			return unreadable(reader, term, "prefix length '%.*s' is not a number",
					  (int)len, s);
		if (value <= 1000)
			value = value * 10 + (unsigned)(s[i] - '0');
	}
	if (len > 1 && s[0] == '0')
		return unreadable(reader, term, "prefix length '%.*s' has a leading zero", (int)len, s);
	if (value > max)
		return unreadable(reader, term, "prefix length /%.*s is past %u", (int)len, s, max);
	*out = value;
	return true;
}

/* The first '/' outside a macro's braces (a macro delimiter may be '/'). */
static const char *cidr_start(const char *s)
{
	bool in_macro = false;
	for (; *s; s++) {
		if (s[0] == '%' && s[1] == '{')
			in_macro = true;
		else if (*s == '}')
			in_macro = false;
		else if (*s == '/' && !in_macro)
			return s;
	}
	return NULL;
}

/* a and mx (§5.3, §5.4): [":" domain-spec] [ip4-cidr] ["//" ip6-cidr]. */
static bool read_host_mechanism(struct spf_reader *reader, struct spf_term *term,
				const char *name, const char *rest)
{
	const char *slash = cidr_start(rest);
	size_t domain_len = slash ? (size_t)(slash - rest) : strlen(rest);
	if (domain_len) {
		if (rest[0] != ':')
			return unreadable(reader, term, "'%s' takes ':' and a domain, or a prefix "
							"length, nothing else", name);
		char what[32];
		snprintf(what, sizeof(what), "'%s:'", name);
		if (!domain_spec_ok(reader, term, rest + 1, domain_len - 1, what))
			return false;
	}
	if (!slash)
		return true;
	unsigned len;
	const char *v6 = strstr(slash, "//");
	if (v6 != slash) {
		size_t n = v6 ? (size_t)(v6 - slash - 1) : strlen(slash + 1);
		if (!cidr_ok(reader, term, slash + 1, n, 32, &len))
			return false;
	}
	if (v6 && !cidr_ok(reader, term, v6 + 2, strlen(v6 + 2), 128, &len))
		return false;
	return true;
}

/* ip4 and ip6 (§5.6): ":" network ["/" length]; host bits past the
 * length are ignored by receivers, and cleared here. */
static bool read_ip_mechanism(struct spf_reader *reader, struct spf_term *term, int family,
			      const char *rest)
{
	if (rest[0] != ':' || !rest[1])
		return unreadable(reader, term, "'ip%d' takes ':' and an address", family);
	const char *network = rest + 1;
	const char *slash = strchr(network, '/');
	size_t addr_len = slash ? (size_t)(slash - network) : strlen(network);
	char text[ADDR_TEXT_MAX];
	struct ip_addr addr;
	bool parsed = false;
	if (addr_len < sizeof(text)) {
		memcpy(text, network, addr_len);
		text[addr_len] = '\0';
		parsed = addr_parse(&addr, text);
	}
	if (!parsed)
		return unreadable(reader, term, "'%.*s' is not an IPv%d address", (int)addr_len,
				  network, family);
	if (addr.family != family)
		return unreadable(reader, term, "%s is an IPv%d address: write ip%d:%s", text,
				  addr.family, addr.family, network);
	unsigned max = family == 4 ? 32 : 128, len = max;
	if (slash && !cidr_ok(reader, term, slash + 1, strlen(slash + 1), max, &len))
		return false;
	for (unsigned bit = len; bit < max; bit++)
		addr.bytes[bit / 8] &= (uint8_t)~(0x80 >> (bit % 8));
	term->kind = SPF_IP;
	term->prefix.addr = addr;
	term->prefix.len = (uint8_t)len;
	return true;
}

/* The length of a modifier's name at s (ALPHA *(ALPHA / DIGIT / "-" /
 * "_" / ".") then "="), or 0 when s is no modifier. */
static size_t modifier_name_length(const char *s)
{
	if (!is_alpha(s[0]))
		return 0;
	size_t i = 1;
	while (is_alnum(s[i]) || s[i] == '-' || s[i] == '_' || s[i] == '.')
		i++;
	return s[i] == '=' ? i : 0;
}

static bool read_directive(struct spf_reader *reader, struct spf_term *term, const char *s,
			   bool qualified)
{
	if (!*s)
		return unreadable(reader, term, "a qualifier without a mechanism");
	size_t name_len = 0;
	while (is_alnum(s[name_len]))
		name_len++;
	char name[16];
	if (name_len && name_len < sizeof(name)) {
		for (size_t i = 0; i < name_len; i++)
			name[i] = (char)ascii_lower((unsigned char)s[i]);
		name[name_len] = '\0';
	} else {
		name[0] = '\0';
	}
	const char *rest = s + name_len;
	if (!strcmp(name, "ip4") || !strcmp(name, "ip6"))
		return read_ip_mechanism(reader, term, name[2] == '4' ? 4 : 6, rest);
	if (!strcmp(name, "all")) {
		if (*rest)
			return unreadable(reader, term, "'all' takes no argument");
		return true;
	}
	if (!strcmp(name, "include") || !strcmp(name, "exists") || !strcmp(name, "ptr")) {
		bool optional = name[0] == 'p';
		if (!*rest && optional)
			return true;
		if (rest[0] != ':')
			return unreadable(reader, term, "'%s' takes ':' and a domain", name);
		char what[32];
		snprintf(what, sizeof(what), "'%s:'", name);
		return domain_spec_ok(reader, term, rest + 1, strlen(rest + 1), what);
	}
	if (!strcmp(name, "a") || !strcmp(name, "mx"))
		return read_host_mechanism(reader, term, name, rest);
	bool looks_like_modifier = s[strcspn(s, ":/=")] == '=';
	if (looks_like_modifier && qualified && modifier_name_length(s))
		return unreadable(reader, term, "a modifier (name=value) takes no qualifier");
	if (looks_like_modifier)
		return unreadable(reader, term, "modifier name '%.*s' must start with a letter and "
						"hold only letters, digits, '-', '_' and '.'",
				  (int)strcspn(s, "="), s);
	return unreadable(reader, term, "'%.*s' is no SPF mechanism (all, include, a, mx, ptr, "
					"ip4, ip6, exists) nor a modifier (name=value)",
			  (int)(name_len ? name_len : strcspn(s, ":/")), s);
}

/* name "=" macro-string (§4.6.1, §6): redirect= and exp= name a domain
 * and may appear once each; other names are ignored by receivers. */
static bool read_modifier(struct spf_reader *reader, struct spf_term *term, const char *s,
			  size_t name_len)
{
	const char *value = s + name_len + 1;
	bool redirect = name_len == 8 && !strncasecmp(s, "redirect", 8);
	bool exp = name_len == 3 && !strncasecmp(s, "exp", 3);
	if (redirect || exp) {
		bool *seen = redirect ? &reader->seen_redirect : &reader->seen_exp;
		if (*seen)
			return unreadable(reader, term, "a second '%s=' (RFC 7208 §6: at most one)",
					  redirect ? "redirect" : "exp");
		*seen = true;
		return domain_spec_ok(reader, term, value, strlen(value),
				      redirect ? "'redirect='" : "'exp='");
	}
	for (size_t i = 0; value[i];) {
		if (value[i] == '%') {
			size_t n = macro_length(reader, term, value + i);
			if (!n)
				return false;
			i += n;
		} else if ((unsigned char)value[i] < 0x21 || (unsigned char)value[i] > 0x7e) {
			return unreadable(reader, term, "the value holds a byte that is not visible ASCII");
		} else {
			i++;
		}
	}
	return true;
}

bool spf_next(struct spf_reader *reader, struct spf_term *term)
{
	char *s = reader->next;
	if (!s)
		return false;
	while (*s == ' ')
		s++;
	if (!*s) {
		reader->next = NULL;
		return false;
	}
	char *end = strchr(s, ' ');
	if (end)
		*end++ = '\0';
	reader->next = end;
	memset(term, 0, sizeof(*term));
	term->text = s;
	term->kind = SPF_OTHER;
	size_t modifier = modifier_name_length(s);
	if (modifier) {
		read_modifier(reader, term, s, modifier);
		return true;
	}
	term->qualifier = '+';
	bool qualified = strchr("+-~?", s[0]) != NULL;
	if (qualified)
		term->qualifier = *s++;
	read_directive(reader, term, s, qualified);
	return true;
}
