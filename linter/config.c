/*
 * config.c — the effective configuration (config.h): built-in defaults and
 * .ptrlint.yaml read with libyaml (SPEC §7). --print-config writes it back
 * (config_print.c).
 *
 * Owns every string, list and compiled regex in struct config (compiled
 * through regex_cost.c, which keeps regcomp cheap). The only module that
 * knows libyaml. Reading is two passes over the text: an event
 * pass that refuses what the document API would turn into a trap (aliases,
 * several documents, deep nesting), then the document API for the schema.
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

#include "dname.h"
#include "generate.h"
#include "regex_cost.h"
#include "source.h"
#include "suggest.h"
#include "util.h"

/* Every block and flow collection costs libyaml a simple-key slot that it
 * rescans on every token, so 30000 nested '[' take seconds and a few
 * million take hours; the schema needs four levels. */
#define CONFIG_MAX_DEPTH 32

static const char *const default_zone_patterns[] = {
	"*.zone", "*.db", "db.*", "*.rev", "*.arpa",
};

/* ---- freeing ---- */

static void strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void option_value_clear(struct option_value *v)
{
	for (size_t i = 0; i < v->count; i++) {
		free(v->words[i]);
		if (v->regexes)
			regfree(&v->regexes[i]);
	}
	free(v->words);
	free(v->regexes);
	regex_set_free(&v->set);
	memset(v, 0, sizeof(*v));
}

static void zones_clear(struct config *cfg)
{
	for (size_t i = 0; i < cfg->nzones; i++) {
		free(cfg->zones[i].file);
		free(cfg->zones[i].glob);
		free(cfg->zones[i].origin);
	}
	free(cfg->zones);
	cfg->zones = NULL;
	cfg->nzones = 0;
}

static void include_map_clear(struct config *cfg)
{
	for (size_t i = 0; i < cfg->ninclude_map; i++) {
		free(cfg->include_map[i].from);
		free(cfg->include_map[i].to);
	}
	free(cfg->include_map);
	cfg->include_map = NULL;
	cfg->ninclude_map = 0;
}

static void mail_patterns_clear(struct config *cfg)
{
	for (size_t i = 0; i < cfg->nmail_patterns; i++) {
		free(cfg->mail_pattern_text[i]);
		regfree(&cfg->mail_patterns[i]);
	}
	free(cfg->mail_pattern_text);
	free(cfg->mail_patterns);
	regex_set_free(&cfg->mail_pattern_set);
	cfg->mail_pattern_text = NULL;
	cfg->mail_patterns = NULL;
	cfg->nmail_patterns = 0;
}

static void senders_clear(struct config *cfg)
{
	for (size_t i = 0; i < cfg->nsenders; i++)
		free(cfg->senders[i].helo);
	free(cfg->senders);
	cfg->senders = NULL;
	cfg->nsenders = 0;
}

static void ignore_entry_free(struct ignore_entry *e)
{
	strv_free(e->names, e->nnames);
	free(e->addresses);
	free(e->reason);
	free(e->expires);
	memset(e, 0, sizeof(*e));
}

static void ignores_clear(struct config *cfg)
{
	for (size_t i = 0; i < cfg->nignores; i++)
		ignore_entry_free(&cfg->ignores[i]);
	free(cfg->ignores);
	cfg->ignores = NULL;
	cfg->nignores = 0;
}

#define STRV_CLEAR(v, n) (strv_free((v), (n)), (v) = NULL, (n) = 0)

void config_free(struct config *cfg)
{
	free(cfg->path);
	free(cfg->root);
	zones_clear(cfg);
	free(cfg->include_base);
	free(cfg->baseline);
	include_map_clear(cfg);
	strv_free(cfg->zone_patterns, cfg->nzone_patterns);
	strv_free(cfg->mail_hosts, cfg->nmail_hosts);
	mail_patterns_clear(cfg);
	senders_clear(cfg);
	strv_free(cfg->tlds, cfg->ntlds);
	for (int r = 0; r < RULE_COUNT; r++) {
		const struct rule_option *decl = rule_table[r].impl->options;
		for (size_t i = 0; cfg->options[r] && decl[i].name; i++)
			option_value_clear(&cfg->options[r][i]);
		free(cfg->options[r]);
	}
	ignores_clear(cfg);
	memset(cfg, 0, sizeof(*cfg));
}

#define OPTION_REGEX_FLAGS (REG_EXTENDED | REG_NOSUB | REG_ICASE)
#define MAIL_REGEX_FLAGS (REG_EXTENDED | REG_NOSUB | REG_ICASE)

/* ---- defaults ---- */

static size_t option_count(enum rule_id rule)
{
	const struct rule_option *decl = rule_table[rule].impl->options;
	size_t n = 0;
	while (decl && decl[n].name)
		n++;
	return n;
}

static void lower_in_place(char *s)
{
	for (; *s; s++)
		*s = (char)ascii_lower((unsigned char)*s);
}

static void option_push(struct option_value *v, size_t *cap, size_t *rcap, char *text,
			const regex_t *re)
{
	grow_array((void **)&v->words, cap, v->count + 1, sizeof(*v->words));
	if (re) {
		grow_array((void **)&v->regexes, rcap, v->count + 1, sizeof(*v->regexes));
		v->regexes[v->count] = *re;
	}
	v->words[v->count++] = text;
}

/* A rule's declared default; a default that does not compile is a bug in
 * the rule, not in anyone's config. */
static void option_set_default(struct option_value *v, const struct rule *rule,
			       const struct rule_option *decl)
{
	memset(v, 0, sizeof(*v));
	if (decl->type == OPT_COUNT || decl->type == OPT_POSITIVE) {
		v->number = strtol(decl->default_value, NULL, 10);
		return;
	}
	size_t cap = 0, rcap = 0;
	const char *p = decl->default_value;
	while (*p) {
		size_t n = strcspn(p, "\n");
		if (n) {
			char *word = xstrndup(p, n);
			if (decl->type == OPT_WORDS) {
				lower_in_place(word);
				option_push(v, &cap, &rcap, word, NULL);
			} else {
				regex_t re;
				char *why = NULL;
				size_t unlimited = SIZE_MAX;
				if (!regex_compile(&re, word, OPTION_REGEX_FLAGS, &unlimited, &why)) {
					fprintf(stderr, "ptrlint: rule '%s': default of '%s' does not compile: %s\n",
						rule->id, decl->name, why);
					abort();
				}
				option_push(v, &cap, &rcap, word, &re);
			}
		}
		p += n;
		if (*p)
			p++;
	}
	if (decl->type == OPT_REGEXES)
		regex_set_build(&v->set, v->words, v->count, OPTION_REGEX_FLAGS);
}

void config_init_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->mail_mx = true;
	cfg->mail_spf = true;
	cfg->mail_spf_ranges = false;
	cfg->fail_on = SEV_ERROR;
	cfg->generate_limit = GENERATE_DEFAULT_LIMIT;
	cfg->record_limit = RECORD_DEFAULT_LIMIT;
	cfg->nzone_patterns = ARRAY_LEN(default_zone_patterns);
	cfg->zone_patterns = xcalloc(cfg->nzone_patterns, sizeof(char *));
	for (size_t i = 0; i < cfg->nzone_patterns; i++)
		cfg->zone_patterns[i] = xstrdup(default_zone_patterns[i]);
	for (int r = 0; r < RULE_COUNT; r++) {
		cfg->severity[r] = rule_table[r].severity;
		size_t n = option_count((enum rule_id)r);
		if (!n)
			continue;
		cfg->options[r] = xcalloc(n, sizeof(struct option_value));
		for (size_t i = 0; i < n; i++)
			option_set_default(&cfg->options[r][i], &rule_table[r],
					   &rule_table[r].impl->options[i]);
	}
}

const struct option_value *config_option(const struct config *cfg,
					 enum rule_id rule, const char *name)
{
	int i = rule_option_lookup(rule, name);
	if (i < 0 || !cfg->options[rule]) {
		fprintf(stderr, "ptrlint: rule '%s' declares no option '%s'\n",
			rule_table[rule].id, name);
		abort();
	}
	return &cfg->options[rule][i];
}

/* ---- small parsers ---- */

static bool leap_year(unsigned y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* "YYYY-MM-DD" naming a day that exists. */
static bool date_valid(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	unsigned y = (unsigned)((s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'));
	unsigned m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	unsigned d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	static const unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12 || d < 1)
		return false;
	return d <= days[m - 1] + (m == 2 && leap_year(y));
}

/* PTRLINT_TODAY lets tests pin the date that decides 'expires'. */
static void today_text(char out[11])
{
	const char *env = getenv("PTRLINT_TODAY");
	if (env && date_valid(env)) {
		memcpy(out, env, 11);
		return;
	}
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm) || !strftime(out, 11, "%Y-%m-%d", &tm))
		strcpy(out, "1970-01-01");
}

/* Decimal digits only ("0x10", "1e3", "-1", "1_000" are not numbers here),
 * at most 18 so the value fits a long. */
static bool decimal_parse(const char *s, long *out)
{
	size_t n = strspn(s, "0123456789");
	if (!n || s[n] || n > 18)
		return false;
	long v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	*out = v;
	return true;
}

/* The absolute lower-case presentation form of a name written in the
 * config; a missing final dot is implied, since nothing in a config is
 * relative to a zone. With wildcard, a leading "*." is kept. NULL if the
 * name is invalid or has a '*' label anywhere else. */
static char *name_normalise(const char *text, bool wildcard)
{
	static const uint8_t root[1] = {0};
	const char *prefix = "";
	if (wildcard && !strncmp(text, "*.", 2)) {
		prefix = "*.";
		text += 2;
		if (!*text || !strcmp(text, "."))
			return NULL;
	}
	uint8_t wire[256];
	if (!dname_from_text(wire, text, root))
		return NULL;
	for (size_t pos = 0; wire[pos]; pos += 1 + wire[pos])
		if (wire[pos] == 1 && wire[pos + 1] == '*')
			return NULL;
	char buf[NAME_TEXT_MAX];
	dname_to_text(buf, wire);
	return xasprintf("%s%s", prefix, buf);
}

/* A top-level label as the tlds list stores it: lower-case, no dot. */
static char *tld_normalise(const char *text)
{
	size_t n = strlen(text);
	if (n && text[0] == '.') {
		text++;
		n--;
	}
	if (n && text[n - 1] == '.')
		n--;
	if (!n || n > 63)
		return NULL;
	char *out = xstrndup(text, n);
	lower_in_place(out);
	for (const char *p = out; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-')) {
			free(out);
			return NULL;
		}
	return out;
}

/* ---- the loader ---- */

struct loader {
	struct config *cfg;
	const char *path;            /* as shown in messages */
	const char *data;
	size_t len;
	yaml_document_t doc;
	char *err;
	char today[11];
	size_t regex_budget;         /* positions left for the config's patterns */
	struct strbuf shown[4];      /* quoted subjects of the message being built */
	unsigned next_shown;
};

PTRLINT_PRINTF(3, 4)
static int fail_at(struct loader *ld, yaml_mark_t mark, const char *fmt, ...)
{
	if (ld->err)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	ld->err = xasprintf("%s:%zu:%zu: %s", ld->path, mark.line + 1, mark.column + 1, msg);
	free(msg);
	return -1;
}

#define fail(ld, node, ...) fail_at((ld), (node)->start_mark, __VA_ARGS__)

/* User text fit for a message: control characters escaped, long text cut
 * (a subject may be a whole 10 MiB scalar). Valid until the next three
 * calls. */
static const char *show(struct loader *ld, const char *text, size_t len)
{
	struct strbuf *sb = &ld->shown[ld->next_shown++ % ARRAY_LEN(ld->shown)];
	strbuf_reset(sb);
	size_t max = len > 80 ? 72 : len;
	while (max < len && ((unsigned char)text[max] & 0xc0) == 0x80)
		max--;      /* do not cut a UTF-8 sequence */
	for (size_t i = 0; i < max; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c < 0x20 || c == 0x7f)
			strbuf_addf(sb, "\\x%02x", c);
		else
			strbuf_addch(sb, (char)c);
	}
	if (max < len)
		strbuf_addstr(sb, "...");
	return sb->data ? sb->data : "";
}

static const char *scalar_text(const yaml_node_t *node)
{
	return (const char *)node->data.scalar.value;
}

static const char *show_node(struct loader *ld, const yaml_node_t *node)
{
	return show(ld, scalar_text(node), node->data.scalar.length);
}

static yaml_node_t *node_at(struct loader *ld, int index)
{
	return yaml_document_get_node(&ld->doc, index);
}

/* An empty value, "~" or "null": YAML's null, which no key accepts. */
static bool is_null(const yaml_node_t *node)
{
	if (node->type != YAML_SCALAR_NODE || node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	const char *s = scalar_text(node);
	return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
	       !strcmp(s, "NULL");
}

/* The subject of a type message: the key for a value ("'mx' must be ..."),
 * or "each 'hosts' entry" for a list item. */
struct what {
	const char *key;
	bool item;
};
#define VALUE_OF(k) ((struct what){(k), false})
#define ITEM_OF(k) ((struct what){(k), true})

/* "'KEY' must be MUST" or "each 'KEY' entry must be MUST". */
static int fail_type(struct loader *ld, const yaml_node_t *node, struct what what,
		     const char *must)
{
	if (what.item)
		return fail(ld, node, "each '%s' entry must be %s", what.key, must);
	return fail(ld, node, "'%s' must be %s", what.key, must);
}

static int get_string(struct loader *ld, const yaml_node_t *node, struct what what,
		      const char **out)
{
	*out = NULL;
	if (node->type != YAML_SCALAR_NODE || is_null(node))
		return fail_type(ld, node, what, "a string");
	if (strlen(scalar_text(node)) != node->data.scalar.length)
		return fail_type(ld, node, what, "a string without NUL characters");
	*out = scalar_text(node);
	return 0;
}

static int get_nonempty_string(struct loader *ld, const yaml_node_t *node, struct what what,
			       const char **out)
{
	if (get_string(ld, node, what, out))
		return -1;
	if (!**out)
		return fail_type(ld, node, what, "a non-empty string");
	return 0;
}

/* YAML 1.1's spellings too: configs written for other tools use them. */
static int get_bool(struct loader *ld, const yaml_node_t *node, const char *key, bool *out)
{
	static const char *const yes[] = {"true", "yes", "on"};
	static const char *const no[] = {"false", "no", "off"};
	if (node->type == YAML_SCALAR_NODE) {
		const char *s = scalar_text(node);
		for (size_t i = 0; i < ARRAY_LEN(yes); i++) {
			if (!ascii_strcasecmp(s, yes[i])) {
				*out = true;
				return 0;
			}
			if (!ascii_strcasecmp(s, no[i])) {
				*out = false;
				return 0;
			}
		}
	}
	return fail(ld, node, "'%s' must be true or false", key);
}

static int get_number(struct loader *ld, const yaml_node_t *node, const char *key,
		      long min, long *out)
{
	const char *kind = min > 0 ? "a positive integer" : "a non-negative integer";
	*out = 0;
	if (node->type != YAML_SCALAR_NODE || !decimal_parse(scalar_text(node), out) || *out < min)
		return fail(ld, node, "'%s' must be %s", key, kind);
	return 0;
}

static int get_list(struct loader *ld, const yaml_node_t *node, const char *key)
{
	if (node->type != YAML_SEQUENCE_NODE)
		return fail(ld, node, "'%s' must be a list", key);
	return 0;
}

static int get_mapping(struct loader *ld, const yaml_node_t *node, struct what what)
{
	if (node->type != YAML_MAPPING_NODE)
		return fail_type(ld, node, what, "a mapping");
	return 0;
}

static size_t list_len(const yaml_node_t *list)
{
	return (size_t)(list->data.sequence.items.top - list->data.sequence.items.start);
}

static yaml_node_t *list_item(struct loader *ld, const yaml_node_t *list, size_t i)
{
	return node_at(ld, list->data.sequence.items.start[i]);
}

/* Walks a mapping whose keys come from a fixed list, in document order,
 * refusing unknown and repeated keys as it meets them. */
#define MAP_MAX_KEYS 32
struct map_iter {
	const yaml_node_t *map;
	const yaml_node_pair_t *pair;
	const char *const *keys;
	size_t nkeys;
	const char *rule;            /* the keys are this rule's options */
	bool seen[MAP_MAX_KEYS];
};

static void map_iter_init(struct map_iter *it, const yaml_node_t *map,
			  const char *const *keys, size_t nkeys, const char *rule)
{
	memset(it, 0, sizeof(*it));
	it->map = map;
	it->pair = map->data.mapping.pairs.start;
	it->keys = keys;
	it->nkeys = nkeys < MAP_MAX_KEYS ? nkeys : MAP_MAX_KEYS;
	it->rule = rule;
}

static int key_text(struct loader *ld, const yaml_node_t *key, const char **out)
{
	*out = NULL;
	if (key->type != YAML_SCALAR_NODE || is_null(key) ||
	    strlen(scalar_text(key)) != key->data.scalar.length)
		return fail(ld, key, "a key must be a string");
	*out = scalar_text(key);
	return 0;
}

/* 1 and the next pair, 0 at the end, -1 on error. */
static int map_next(struct loader *ld, struct map_iter *it, size_t *index,
		    const yaml_node_t **key, const yaml_node_t **value)
{
	if (it->pair >= it->map->data.mapping.pairs.top)
		return 0;
	const yaml_node_pair_t *pair = it->pair++;
	*key = node_at(ld, pair->key);
	*value = node_at(ld, pair->value);
	const char *name;
	if (key_text(ld, *key, &name))
		return -1;
	for (size_t i = 0; i < it->nkeys; i++) {
		if (strcmp(name, it->keys[i]))
			continue;
		if (it->seen[i])
			return fail(ld, *key, "duplicate key '%s'", name);
		it->seen[i] = true;
		*index = i;
		return 1;
	}
	const char *near = suggest_closest(name, strlen(name), it->keys, it->nkeys);
	struct strbuf msg = STRBUF_INIT;
	if (it->rule)
		strbuf_addf(&msg, "unknown option '%s' for rule '%s'", show(ld, name, strlen(name)),
			    it->rule);
	else
		strbuf_addf(&msg, "unknown key '%s'", show(ld, name, strlen(name)));
	if (near)
		strbuf_addf(&msg, ", did you mean '%s'?", near);
	fail(ld, *key, "%s", msg.data);
	strbuf_release(&msg);
	return -1;
}

static int rule_id_parse(struct loader *ld, const yaml_node_t *node, const char *text,
			 enum rule_id *out)
{
	int r = rule_lookup(text);
	if (r >= 0) {
		*out = (enum rule_id)r;
		return 0;
	}
	const char *near = rule_suggest(text);
	if (near)
		return fail(ld, node, "unknown rule '%s', did you mean '%s'?",
			    show(ld, text, strlen(text)), near);
	return fail(ld, node, "unknown rule '%s'", show(ld, text, strlen(text)));
}

static int name_parse(struct loader *ld, const yaml_node_t *node, struct what what,
		      bool wildcard, char **out)
{
	const char *text;
	if (get_string(ld, node, what, &text))
		return -1;
	*out = name_normalise(text, wildcard);
	if (!*out)
		return fail(ld, node, "invalid name '%s'", show_node(ld, node));
	return 0;
}

static int regex_parse(struct loader *ld, const yaml_node_t *node, const char *key,
		       int flags, regex_t *out, const char **text)
{
	if (get_string(ld, node, ITEM_OF(key), text))
		return -1;
	char *why = NULL;
	if (!regex_compile(out, *text, flags, &ld->regex_budget, &why)) {
		fail(ld, node, "invalid regular expression '%s': %s", show_node(ld, node), why);
		free(why);
		return -1;
	}
	return 0;
}

/* ---- the schema ---- */

static const char *const zone_keys[] = {"file", "glob", "origin"};
enum { ZONE_FILE, ZONE_GLOB, ZONE_ORIGIN };

static int read_zone(struct loader *ld, const yaml_node_t *item, struct zone_spec *z)
{
	if (get_mapping(ld, item, ITEM_OF("zones")))
		return -1;
	const yaml_node_t *key, *value, *glob_key = NULL, *origin_key = NULL;
	const char *text;
	size_t k;
	int rc;
	struct map_iter it;
	map_iter_init(&it, item, zone_keys, ARRAY_LEN(zone_keys), NULL);
	while ((rc = map_next(ld, &it, &k, &key, &value)) > 0) {
		if (k == ZONE_ORIGIN) {
			origin_key = key;
			if (name_parse(ld, value, VALUE_OF("origin"), false, &z->origin))
				return -1;
			continue;
		}
		if (get_nonempty_string(ld, value, VALUE_OF(zone_keys[k]), &text))
			return -1;
		if (k == ZONE_FILE) {
			z->file = xstrdup(text);
		} else {
			glob_key = key;
			z->glob = xstrdup(text);
		}
	}
	if (rc < 0)
		return -1;
	if (!z->file && !z->glob)
		return fail(ld, item, "a zone needs a 'file' or a 'glob'");
	if (z->file && z->glob)
		return fail(ld, glob_key, "a zone has a 'file' or a 'glob', not both");
	/* One origin cannot fit every file a glob finds. */
	if (z->glob && origin_key)
		return fail(ld, origin_key, "'origin' needs a 'file', not a 'glob'");
	z->line = (unsigned)item->start_mark.line + 1;
	return 0;
}

static int read_zones(struct loader *ld, const yaml_node_t *list)
{
	struct config *cfg = ld->cfg;
	if (get_list(ld, list, "zones"))
		return -1;
	zones_clear(cfg);
	size_t cap = 0;
	for (size_t i = 0; i < list_len(list); i++) {
		struct zone_spec z;
		memset(&z, 0, sizeof(z));
		if (read_zone(ld, list_item(ld, list, i), &z)) {
			free(z.file);
			free(z.glob);
			free(z.origin);
			return -1;
		}
		*ARRAY_PUSH(cfg->zones, cfg->nzones, cap) = z;
	}
	return 0;
}

static int read_string_list(struct loader *ld, const yaml_node_t *list, const char *key,
			    char ***strings, size_t *count)
{
	if (get_list(ld, list, key))
		return -1;
	STRV_CLEAR(*strings, *count);
	size_t cap = 0;
	for (size_t i = 0; i < list_len(list); i++) {
		const char *text;
		if (get_nonempty_string(ld, list_item(ld, list, i), ITEM_OF(key), &text))
			return -1;
		*ARRAY_PUSH(*strings, *count, cap) = xstrdup(text);
	}
	return 0;
}

static int read_name_list(struct loader *ld, const yaml_node_t *list, const char *key,
			  bool wildcard, char ***names, size_t *count)
{
	if (get_list(ld, list, key))
		return -1;
	STRV_CLEAR(*names, *count);
	size_t cap = 0;
	for (size_t i = 0; i < list_len(list); i++) {
		char *name;
		if (name_parse(ld, list_item(ld, list, i), ITEM_OF(key), wildcard, &name))
			return -1;
		*ARRAY_PUSH(*names, *count, cap) = name;
	}
	return 0;
}

/* Hash set of scalar nodes, by text: a 10 MiB include-map must not cost
 * a quadratic duplicate search. */
struct key_set {
	const yaml_node_t **slots;
	size_t mask;
};

static bool key_set_add(struct key_set *set, const yaml_node_t *key)
{
	size_t len = key->data.scalar.length;
	size_t i = hash_bytes(key->data.scalar.value, len) & set->mask;
	for (; set->slots[i]; i = (i + 1) & set->mask)
		if (set->slots[i]->data.scalar.length == len &&
		    !memcmp(set->slots[i]->data.scalar.value, key->data.scalar.value, len))
			return false;
	set->slots[i] = key;
	return true;
}

static int read_include_map(struct loader *ld, const yaml_node_t *map)
{
	struct config *cfg = ld->cfg;
	if (get_mapping(ld, map, VALUE_OF("include-map")))
		return -1;
	include_map_clear(cfg);
	size_t n = (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
	size_t size = 16;
	while (size < 2 * n)
		size *= 2;
	struct key_set seen = {xcalloc(size, sizeof(*seen.slots)), size - 1};
	size_t cap = 0;
	int rc = 0;
	for (const yaml_node_pair_t *pair = map->data.mapping.pairs.start;
	     pair < map->data.mapping.pairs.top && !rc; pair++) {
		const yaml_node_t *key = node_at(ld, pair->key), *value = node_at(ld, pair->value);
		const char *from, *to;
		rc = key_text(ld, key, &from);
		if (!rc && !*from)
			rc = fail(ld, key, "an 'include-map' prefix must not be empty");
		if (!rc && !key_set_add(&seen, key))
			rc = fail(ld, key, "duplicate key '%s'", show_node(ld, key));
		if (!rc)
			rc = get_string(ld, value, VALUE_OF(show_node(ld, key)), &to);
		if (!rc) {
			struct include_rewrite *m = ARRAY_PUSH(cfg->include_map, cfg->ninclude_map, cap);
			m->from = xstrdup(from);
			m->to = xstrdup(to);
		}
	}
	free(seen.slots);
	return rc;
}

static int read_patterns(struct loader *ld, const yaml_node_t *list)
{
	struct config *cfg = ld->cfg;
	if (get_list(ld, list, "patterns"))
		return -1;
	mail_patterns_clear(cfg);
	size_t cap = 0, text_cap = 0;
	for (size_t i = 0; i < list_len(list); i++) {
		regex_t re;
		const char *text;
		if (regex_parse(ld, list_item(ld, list, i), "patterns", MAIL_REGEX_FLAGS, &re, &text))
			return -1;
		size_t n = cfg->nmail_patterns;
		grow_array((void **)&cfg->mail_patterns, &cap, n + 1, sizeof(regex_t));
		grow_array((void **)&cfg->mail_pattern_text, &text_cap, n + 1, sizeof(char *));
		cfg->mail_patterns[n] = re;
		cfg->mail_pattern_text[n] = xstrdup(text);
		cfg->nmail_patterns++;
	}
	regex_set_build(&cfg->mail_pattern_set, cfg->mail_pattern_text, cfg->nmail_patterns,
			MAIL_REGEX_FLAGS);
	return 0;
}

static int read_sender(struct loader *ld, const yaml_node_t *item, struct sender *s)
{
	static const char *const keys[] = {"address", "helo"};
	if (get_mapping(ld, item, ITEM_OF("senders")))
		return -1;
	const yaml_node_t *key, *value;
	size_t k;
	int rc;
	bool have_address = false;
	struct map_iter it;
	map_iter_init(&it, item, keys, ARRAY_LEN(keys), NULL);
	while ((rc = map_next(ld, &it, &k, &key, &value)) > 0) {
		if (k == 1) {
			if (name_parse(ld, value, VALUE_OF("helo"), false, &s->helo))
				return -1;
			continue;
		}
		const char *text;
		if (get_string(ld, value, VALUE_OF("address"), &text))
			return -1;
		if (!addr_parse(&s->addr, text))
			return fail(ld, value, "invalid address '%s'", show_node(ld, value));
		have_address = true;
	}
	if (rc < 0)
		return -1;
	if (!have_address)
		return fail(ld, item, "a sender needs an 'address'");
	s->line = (unsigned)item->start_mark.line + 1;
	return 0;
}

static int read_senders(struct loader *ld, const yaml_node_t *list)
{
	struct config *cfg = ld->cfg;
	if (get_list(ld, list, "senders"))
		return -1;
	senders_clear(cfg);
	size_t cap = 0;
	for (size_t i = 0; i < list_len(list); i++) {
		struct sender s;
		memset(&s, 0, sizeof(s));
		if (read_sender(ld, list_item(ld, list, i), &s)) {
			free(s.helo);
			return -1;
		}
		*ARRAY_PUSH(cfg->senders, cfg->nsenders, cap) = s;
	}
	return 0;
}

static const char *const mail_keys[] = {"mx", "spf", "spf-ranges", "hosts", "patterns", "senders"};
enum { MAIL_MX, MAIL_SPF, MAIL_SPF_RANGES, MAIL_HOSTS, MAIL_PATTERNS, MAIL_SENDERS };

static int read_mail(struct loader *ld, const yaml_node_t *mail)
{
	struct config *cfg = ld->cfg;
	if (get_mapping(ld, mail, VALUE_OF("mail")))
		return -1;
	const yaml_node_t *key, *value;
	size_t k;
	int rc;
	struct map_iter it;
	map_iter_init(&it, mail, mail_keys, ARRAY_LEN(mail_keys), NULL);
	while ((rc = map_next(ld, &it, &k, &key, &value)) > 0) {
		switch (k) {
		case MAIL_MX:
			rc = get_bool(ld, value, "mx", &cfg->mail_mx);
			break;
		case MAIL_SPF:
			rc = get_bool(ld, value, "spf", &cfg->mail_spf);
			break;
		case MAIL_SPF_RANGES:
			rc = get_bool(ld, value, "spf-ranges", &cfg->mail_spf_ranges);
			break;
		case MAIL_HOSTS:
			rc = read_name_list(ld, value, "hosts", false, &cfg->mail_hosts,
					    &cfg->nmail_hosts);
			break;
		case MAIL_PATTERNS:
			rc = read_patterns(ld, value);
			break;
		case MAIL_SENDERS:
			rc = read_senders(ld, value);
			break;
		}
		if (rc)
			return -1;
	}
	return rc;
}

static int read_tlds(struct loader *ld, const yaml_node_t *list)
{
	struct config *cfg = ld->cfg;
	if (get_list(ld, list, "tlds"))
		return -1;
	STRV_CLEAR(cfg->tlds, cfg->ntlds);
	size_t cap = 0;
	for (size_t i = 0; i < list_len(list); i++) {
		const yaml_node_t *item = list_item(ld, list, i);
		const char *text;
		if (get_string(ld, item, ITEM_OF("tlds"), &text))
			return -1;
		char *tld = tld_normalise(text);
		if (!tld)
			return fail(ld, item, "invalid top-level domain '%s'", show_node(ld, item));
		*ARRAY_PUSH(cfg->tlds, cfg->ntlds, cap) = tld;
	}
	return 0;
}

static int severity_get(struct loader *ld, const yaml_node_t *node, enum severity *out)
{
	char buf[16];
	const char *text = scalar_text(node);
	size_t n = node->data.scalar.length;
	if (n < sizeof(buf)) {
		for (size_t i = 0; i <= n; i++)
			buf[i] = (char)ascii_lower((unsigned char)text[i]);
		if (severity_parse(buf, out))
			return 0;
	}
	return fail(ld, node, "unknown severity '%s' (expected error, warning, info or off)",
		    show_node(ld, node));
}

static int read_option(struct loader *ld, const yaml_node_t *value,
		       const struct rule_option *decl, struct option_value *v)
{
	if (decl->type == OPT_COUNT || decl->type == OPT_POSITIVE)
		return get_number(ld, value, decl->name, decl->type == OPT_POSITIVE, &v->number);
	if (get_list(ld, value, decl->name))
		return -1;
	option_value_clear(v);
	size_t cap = 0, rcap = 0;
	for (size_t i = 0; i < list_len(value); i++) {
		const yaml_node_t *item = list_item(ld, value, i);
		const char *text;
		if (decl->type == OPT_WORDS) {
			if (get_nonempty_string(ld, item, ITEM_OF(decl->name), &text))
				return -1;
			char *word = xstrdup(text);
			lower_in_place(word);
			option_push(v, &cap, &rcap, word, NULL);
		} else {
			regex_t re;
			if (regex_parse(ld, item, decl->name, OPTION_REGEX_FLAGS, &re, &text))
				return -1;
			option_push(v, &cap, &rcap, xstrdup(text), &re);
		}
	}
	if (decl->type == OPT_REGEXES)
		regex_set_build(&v->set, v->words, v->count, OPTION_REGEX_FLAGS);
	return 0;
}

static int read_rule(struct loader *ld, enum rule_id rule, const yaml_node_t *value)
{
	struct config *cfg = ld->cfg;
	const char *id = rule_table[rule].id;
	if (value->type == YAML_SCALAR_NODE && !is_null(value))
		return severity_get(ld, value, &cfg->severity[rule]);
	if (value->type != YAML_MAPPING_NODE)
		return fail(ld, value, "'%s' must be a severity or a mapping", id);
	const struct rule_option *decl = rule_table[rule].impl->options;
	size_t nopt = option_count(rule);
	const char *keys[MAP_MAX_KEYS];
	keys[0] = "severity";
	for (size_t i = 0; i < nopt && i + 1 < MAP_MAX_KEYS; i++)
		keys[i + 1] = decl[i].name;
	const yaml_node_t *key, *v;
	size_t k;
	int rc;
	struct map_iter it;
	map_iter_init(&it, value, keys, nopt + 1, id);
	while ((rc = map_next(ld, &it, &k, &key, &v)) > 0) {
		if (k == 0) {
			if (v->type != YAML_SCALAR_NODE || is_null(v))
				return fail(ld, v, "'severity' must be error, warning, info or off");
			rc = severity_get(ld, v, &cfg->severity[rule]);
		} else {
			rc = read_option(ld, v, &decl[k - 1], &cfg->options[rule][k - 1]);
		}
		if (rc)
			return -1;
	}
	return rc;
}

static int read_rules(struct loader *ld, const yaml_node_t *map)
{
	if (get_mapping(ld, map, VALUE_OF("rules")))
		return -1;
	bool seen[RULE_COUNT] = {false};
	for (const yaml_node_pair_t *pair = map->data.mapping.pairs.start;
	     pair < map->data.mapping.pairs.top; pair++) {
		const yaml_node_t *key = node_at(ld, pair->key);
		const char *text;
		enum rule_id rule = RULE_COUNT;
		if (key_text(ld, key, &text) || rule_id_parse(ld, key, text, &rule))
			return -1;
		if (seen[rule])
			return fail(ld, key, "duplicate key '%s'", text);
		seen[rule] = true;
		if (read_rule(ld, rule, node_at(ld, pair->value)))
			return -1;
	}
	return 0;
}

static int read_ignore_rules(struct loader *ld, const yaml_node_t *list, rule_set *out)
{
	if (get_list(ld, list, "rules"))
		return -1;
	for (size_t i = 0; i < list_len(list); i++) {
		const yaml_node_t *item = list_item(ld, list, i);
		const char *text;
		enum rule_id rule = RULE_COUNT;
		if (get_string(ld, item, ITEM_OF("rules"), &text) ||
		    rule_id_parse(ld, item, text, &rule))
			return -1;
		*out |= RULE_BIT(rule);
	}
	return 0;
}

static int read_addresses(struct loader *ld, const yaml_node_t *list, struct ignore_entry *e)
{
	if (get_list(ld, list, "addresses"))
		return -1;
	size_t cap = 0;
	for (size_t i = 0; i < list_len(list); i++) {
		const yaml_node_t *item = list_item(ld, list, i);
		const char *text, *why = NULL;
		struct ip_prefix p;
		if (get_string(ld, item, ITEM_OF("addresses"), &text))
			return -1;
		if (!prefix_parse(&p, text, &why)) {
			if (strchr(text, '/'))
				return fail(ld, item, "invalid CIDR '%s': %s", show_node(ld, item),
					    why ? why : "not an IP prefix");
			return fail(ld, item, "invalid address '%s'", show_node(ld, item));
		}
		*ARRAY_PUSH(e->addresses, e->naddresses, cap) = p;
	}
	return 0;
}

static const char *const ignore_keys[] = {"rules", "names", "addresses", "reason", "expires"};
enum { IGNORE_RULES, IGNORE_NAMES, IGNORE_ADDRESSES, IGNORE_REASON, IGNORE_EXPIRES };

static int read_ignore_entry(struct loader *ld, const yaml_node_t *item, struct ignore_entry *e)
{
	if (get_mapping(ld, item, ITEM_OF("ignore")))
		return -1;
	const yaml_node_t *key, *value;
	const char *text;
	size_t k;
	int rc;
	struct map_iter it;
	map_iter_init(&it, item, ignore_keys, ARRAY_LEN(ignore_keys), NULL);
	while ((rc = map_next(ld, &it, &k, &key, &value)) > 0) {
		switch (k) {
		case IGNORE_RULES:
			rc = read_ignore_rules(ld, value, &e->rules);
			break;
		case IGNORE_NAMES:
			rc = read_name_list(ld, value, "names", true, &e->names, &e->nnames);
			break;
		case IGNORE_ADDRESSES:
			rc = read_addresses(ld, value, e);
			break;
		case IGNORE_REASON:
			if (!(rc = get_string(ld, value, VALUE_OF("reason"), &text)))
				e->reason = xstrdup(text);
			break;
		case IGNORE_EXPIRES:
			if ((rc = get_string(ld, value, VALUE_OF("expires"), &text)))
				break;
			if (!date_valid(text)) {
				rc = fail(ld, value, "invalid date '%s' (expected YYYY-MM-DD)",
					  show_node(ld, value));
				break;
			}
			e->expires = xstrdup(text);
			e->expired = strcmp(text, ld->today) < 0;
			break;
		}
		if (rc)
			return -1;
	}
	if (rc < 0)
		return -1;
	/* An entry that names nothing would silence every finding. */
	if (!e->rules && !e->nnames && !e->naddresses)
		return fail(ld, item, "an 'ignore' entry needs 'rules', 'names' or 'addresses'");
	e->line = (unsigned)item->start_mark.line + 1;
	return 0;
}

static int read_ignore(struct loader *ld, const yaml_node_t *list)
{
	struct config *cfg = ld->cfg;
	if (get_list(ld, list, "ignore"))
		return -1;
	ignores_clear(cfg);
	size_t cap = 0;
	for (size_t i = 0; i < list_len(list); i++) {
		struct ignore_entry e;
		memset(&e, 0, sizeof(e));
		if (read_ignore_entry(ld, list_item(ld, list, i), &e)) {
			ignore_entry_free(&e);
			return -1;
		}
		*ARRAY_PUSH(cfg->ignores, cfg->nignores, cap) = e;
	}
	return 0;
}

static int read_fail_on(struct loader *ld, const yaml_node_t *value)
{
	static const char *const levels[] = {"error", "warning", "info", "never"};
	static const enum severity sev[] = {SEV_ERROR, SEV_WARNING, SEV_INFO, SEV_NEVER};
	if (value->type == YAML_SCALAR_NODE)
		for (size_t i = 0; i < ARRAY_LEN(levels); i++)
			if (!ascii_strcasecmp(scalar_text(value), levels[i])) {
				ld->cfg->fail_on = sev[i];
				return 0;
			}
	if (value->type != YAML_SCALAR_NODE || is_null(value))
		return fail(ld, value, "'fail-on' must be error, warning, info or never");
	return fail(ld, value, "unknown level '%s' for 'fail-on' (expected error, warning, info or never)",
		    show_node(ld, value));
}

/* The baseline is read through the source, like a zone: a path in the
 * linted root, normalised here so that a climb out of it is a config
 * error with a position, not a surprise later. */
static int read_baseline_path(struct loader *ld, const yaml_node_t *value)
{
	const char *text;
	if (get_nonempty_string(ld, value, VALUE_OF("baseline"), &text))
		return -1;
	char *path = text[0] == '/' ? NULL : path_join_normalise("", text);
	if (!path || !*path) {
		free(path);
		return fail(ld, value, "'baseline' must name a file inside the linted root, not '%s'",
			    show_node(ld, value));
	}
	free(ld->cfg->baseline);
	ld->cfg->baseline = path;
	return 0;
}

static const char *const top_keys[] = {
	"zones", "zone-patterns", "include-base", "include-map", "generate-limit",
	"mail", "tlds", "rules", "ignore", "fail-on", "record-limit", "baseline",
};
enum {
	TOP_ZONES, TOP_ZONE_PATTERNS, TOP_INCLUDE_BASE, TOP_INCLUDE_MAP, TOP_GENERATE_LIMIT,
	TOP_MAIL, TOP_TLDS, TOP_RULES, TOP_IGNORE, TOP_FAIL_ON, TOP_RECORD_LIMIT, TOP_BASELINE,
};

static int read_root(struct loader *ld, const yaml_node_t *root)
{
	struct config *cfg = ld->cfg;
	if (!root || is_null(root))
		return 0;       /* an empty file: the defaults */
	if (root->type != YAML_MAPPING_NODE)
		return fail(ld, root, "the config must be a mapping (keys such as 'mail', 'rules', 'ignore')");
	const yaml_node_t *key, *value;
	const char *text;
	size_t k;
	long number;
	int rc;
	struct map_iter it;
	map_iter_init(&it, root, top_keys, ARRAY_LEN(top_keys), NULL);
	while ((rc = map_next(ld, &it, &k, &key, &value)) > 0) {
		switch (k) {
		case TOP_ZONES:
			rc = read_zones(ld, value);
			break;
		case TOP_ZONE_PATTERNS:
			rc = read_string_list(ld, value, "zone-patterns", &cfg->zone_patterns,
					      &cfg->nzone_patterns);
			break;
		case TOP_INCLUDE_BASE:
			if (!(rc = get_nonempty_string(ld, value, VALUE_OF("include-base"), &text))) {
				free(cfg->include_base);
				cfg->include_base = xstrdup(text);
			}
			break;
		case TOP_INCLUDE_MAP:
			rc = read_include_map(ld, value);
			break;
		case TOP_GENERATE_LIMIT:
			if (!(rc = get_number(ld, value, "generate-limit", 1, &number)))
				cfg->generate_limit = (unsigned long)number;
			break;
		case TOP_RECORD_LIMIT:
			if (!(rc = get_number(ld, value, "record-limit", 1, &number)))
				cfg->record_limit = (unsigned long)number;
			break;
		case TOP_BASELINE:
			rc = read_baseline_path(ld, value);
			break;
		case TOP_MAIL:
			cfg->mail_line = (unsigned)key->start_mark.line + 1;
			rc = read_mail(ld, value);
			break;
		case TOP_TLDS:
			rc = read_tlds(ld, value);
			break;
		case TOP_RULES:
			rc = read_rules(ld, value);
			break;
		case TOP_IGNORE:
			rc = read_ignore(ld, value);
			break;
		case TOP_FAIL_ON:
			rc = read_fail_on(ld, value);
			break;
		}
		if (rc)
			return -1;
	}
	return rc;
}

/* ---- libyaml ---- */

/* libyaml leaves problem_mark unset for an encoding error and gives a
 * byte offset instead; count lines and characters up to it. */
static yaml_mark_t mark_of_offset(const char *data, size_t len, size_t offset)
{
	yaml_mark_t mark = {0, 0, 0};
	if (offset > len)
		offset = len;
	for (size_t i = 0; i < offset; i++) {
		unsigned char c = (unsigned char)data[i];
		if (c == '\n' || (c == '\r' && (i + 1 >= len || data[i + 1] != '\n'))) {
			mark.line++;
			mark.column = 0;
		} else if ((c & 0xc0) != 0x80) {
			mark.column++;
		}
	}
	mark.index = offset;
	return mark;
}

static int parser_failed(struct loader *ld, const yaml_parser_t *parser)
{
	const char *problem = parser->problem ? parser->problem : "invalid YAML";
	switch (parser->error) {
	case YAML_MEMORY_ERROR:
		ld->err = xasprintf("%s: out of memory reading the config", ld->path);
		return -1;
	case YAML_READER_ERROR:
		return fail_at(ld, mark_of_offset(ld->data, ld->len, parser->problem_offset),
			       "%s", problem);
	default:
		return fail_at(ld, parser->problem_mark, "%s", problem);
	}
}

static bool parser_open(yaml_parser_t *parser, const struct loader *ld)
{
	if (!yaml_parser_initialize(parser))
		return false;
	yaml_parser_set_input_string(parser, (const unsigned char *)ld->data, ld->len);
	/* UTF-16 configs are not worth the guessing; a BOM-less UTF-16 file
	 * fails as bad UTF-8 with a position. */
	yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING);
	return true;
}

/* Refuse, before building any node, what the document API would make
 * dangerous or ambiguous: aliases (the loader shares the anchored node, so
 * a billion laughs costs little memory but a walk over it costs 10^9 steps,
 * and "&a [*a]" is a cycle), deep nesting, and several documents. */
static int prescan(struct loader *ld)
{
	yaml_parser_t parser;
	if (!parser_open(&parser, ld)) {
		ld->err = xasprintf("%s: out of memory reading the config", ld->path);
		return -1;
	}
	int rc = 0, depth = 0, documents = 0;
	bool done = false;
	while (!rc && !done) {
		yaml_event_t event;
		if (!yaml_parser_parse(&parser, &event)) {
			rc = parser_failed(ld, &parser);
			break;
		}
		switch (event.type) {
		case YAML_ALIAS_EVENT:
			rc = fail_at(ld, event.start_mark, "aliases are not supported");
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++documents > 1)
				rc = fail_at(ld, event.start_mark,
					     "a config holds one YAML document, this is a second one");
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (++depth > CONFIG_MAX_DEPTH)
				rc = fail_at(ld, event.start_mark, "nested more than %d levels deep",
					     CONFIG_MAX_DEPTH);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		default:
			break;
		}
		yaml_event_delete(&event);
	}
	yaml_parser_delete(&parser);
	return rc;
}

static int load(struct loader *ld)
{
	yaml_parser_t parser;
	if (!parser_open(&parser, ld)) {
		ld->err = xasprintf("%s: out of memory reading the config", ld->path);
		return -1;
	}
	int rc;
	if (!yaml_parser_load(&parser, &ld->doc)) {
		rc = parser_failed(ld, &parser);
	} else {
		rc = read_root(ld, yaml_document_get_root_node(&ld->doc));
		yaml_document_delete(&ld->doc);
	}
	yaml_parser_delete(&parser);
	return rc;
}

int config_load_buffer(struct config *cfg, const char *display_path,
		       const char *data, size_t len, char **err)
{
	*err = NULL;
	if (!display_path)
		display_path = "(config)";
	free(cfg->path);
	cfg->path = xstrdup(display_path);
	if (len > CONFIG_MAX_BYTES) {
		*err = xasprintf("%s: config file larger than %u MiB", display_path, CONFIG_MAX_MIB);
		return -1;
	}
	struct loader ld;
	memset(&ld, 0, sizeof(ld));
	ld.cfg = cfg;
	ld.path = display_path;
	ld.data = data ? data : "";
	ld.len = data ? len : 0;
	today_text(ld.today);
	ld.regex_budget = REGEX_TOTAL_POSITIONS;
	int rc = prescan(&ld);
	if (!rc)
		rc = load(&ld);
	for (size_t i = 0; i < ARRAY_LEN(ld.shown); i++)
		strbuf_release(&ld.shown[i]);
	if (rc) {
		*err = ld.err ? ld.err : xasprintf("%s: invalid config", display_path);
		return -1;
	}
	return 0;
}

int config_load_file(struct config *cfg, const char *path, char **err)
{
	*err = NULL;
	struct strbuf sb = STRBUF_INIT;
	int rc = read_file_bounded(path, CONFIG_MAX_BYTES, &sb, err);
	if (!rc)
		rc = config_load_buffer(cfg, path, sb.data ? sb.data : "", sb.len, err);
	strbuf_release(&sb);
	return rc;
}
