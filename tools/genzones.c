/*
 * genzones.c — the deterministic zone-set generator of issue 7: realistic
 * forward, in-addr.arpa and ip6.arpa zones for N hosts, with a known set of
 * deliberate inconsistencies and DIR/ground-truth.tsv listing the finding
 * each one must produce. `make bench` times ptrlint and its peers on these
 * sets; tests/ground-truth.sh compares ptrlint's findings with the file.
 *
 *   genzones --hosts N --seed S --out DIR [--shape big|many]
 *
 * Owns: the host model (names, addresses, roles), the two layouts (big: one
 * forward zone, one in-addr.arpa zone per /16 plus some carved-out /24
 * zones, one ip6.arpa /48 zone; many: 10,000 small zone files in a tree),
 * the injected mistakes and the ground truth. Same arguments, same bytes:
 * every choice comes from a splitmix64 hash of (seed, host), never from
 * rand() or the clock, so a cached set can be compared with a fresh one.
 *
 * Addresses: IPv4 from 10.0.0.0/8 (the documentation ranges are too small
 * for a million hosts; private space, so no ptr-target-internal there), IPv6
 * from 2001:db8::/48 (public in SPEC §5's sense). Host i lives in /24 block
 * i / 250 (10.a.b.1-250, b never 255) and in the /64 2001:db8:0:BLOCK::/64,
 * so every /24 and /64 has PTRs and host-ptr-missing's block folding only
 * happens where injected (10.0.255.0/24, the "lab").
 *
 * Both shapes add example.org., a small zone whose last lines hold the
 * zone-syntax typos.
 *
 * Shape many puts the same hosts into 10,000 files: example.com. (name
 * servers, apex MX, lab), one forward zone fN.example.com. per slice of
 * hosts (not delegated from example.com.: every zone is loaded, so no name
 * depends on a cut), one /24 zone per block and one /64 zone per block.
 * Each file has its own SOA and NS, so the set holds ~30k records more.
 *
 * DIR/ground-truth.tsv: one finding a line, rule TAB file TAB line TAB name
 * TAB address ("-" when absent), in ptrlint's JSON terms (file relative to
 * DIR, name absolute and lower-case, address RFC 5952); ptrlint must report
 * exactly these, run with DIR as its working directory (DIR/.ptrlint.yaml
 * lists the mail senders that mail-helo-mismatch needs). DIR/zones.tsv:
 * origin TAB file TAB records that parse, for peers that check one zone per
 * run. Kinds not injected: soa-serial-not-incremented (needs --since and a
 * git history).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define HOSTS_PER_BLOCK 250	/* addresses .1-.250 of each /24 */
#define BLOCKS_PER_16 255	/* third octet 0-254; 255 of 10.0 is the lab */
#define MAIL_STEP 333		/* one mail host per 333 hosts: 30 per 10k */
#define NSPECIAL 3		/* ns1, ns2, www */
#define LAB_HOSTS 20		/* > 16: host-ptr-missing folds the block */
#define MANY_FILES 10000

/* ---------------------------------------------------------------- PRNG */

/* splitmix64's finaliser: a good 64-bit mix, so hash(seed, i) stands in
 * for a random draw per host that any pass can recompute. */
static uint64_t mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

static uint64_t g_seed;

static uint64_t hash2(uint64_t a, uint64_t b)
{
	return mix64(mix64(g_seed ^ a) ^ b);
}

/* ------------------------------------------------------------- output */

struct out {
	FILE *f;
	char path[512];		/* relative to DIR, as ptrlint reports it */
	char origin[256];
	unsigned long line;	/* lines written so far */
	unsigned long records;
};

static const char *g_dir;
static FILE *g_truth;
static FILE *g_zones;
static unsigned long g_ninjected;

static void die(const char *what)
{
	fprintf(stderr, "genzones: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void mkdir_p(const char *path)
{
	char buf[1024];
	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(buf, 0777) && errno != EEXIST)
			die(buf);
		*p = '/';
	}
	if (mkdir(buf, 0777) && errno != EEXIST)
		die(buf);
}

static void out_open(struct out *o, const char *relpath, const char *origin)
{
	char full[1024];
	snprintf(o->path, sizeof(o->path), "%s", relpath);
	snprintf(o->origin, sizeof(o->origin), "%s", origin);
	snprintf(full, sizeof(full), "%s/%s", g_dir, relpath);
	char *slash = strrchr(full, '/');
	*slash = 0;
	mkdir_p(full);
	*slash = '/';
	o->f = fopen(full, "w");
	if (!o->f)
		die(full);
	/* big files are written line by line: a large buffer keeps that cheap */
	setvbuf(o->f, NULL, _IOFBF, 1 << 20);
	o->line = 0;
	o->records = 0;
}

static void out_close(struct out *o)
{
	if (fclose(o->f))
		die(o->path);
	fprintf(g_zones, "%s\t%s\t%lu\n", o->origin, o->path, o->records);
}

/* Write one entry (a record, directive or comment; it may span lines) and
 * return the line it starts on: findings point there. */
static unsigned long vemit(struct out *o, const char *fmt, va_list ap)
{
	char buf[4096];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n < 0 || (size_t)n >= sizeof(buf)) {
		fprintf(stderr, "genzones: entry too long\n");
		exit(2);
	}
	unsigned long first = o->line + 1;
	for (int i = 0; i < n; i++)
		o->line += buf[i] == '\n';
	fputs(buf, o->f);
	return first;
}

__attribute__((format(printf, 2, 3)))
static unsigned long emit(struct out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	unsigned long first = vemit(o, fmt, ap);
	va_end(ap);
	return first;
}

/* A record: like emit(), and counted for zones.tsv. */
__attribute__((format(printf, 2, 3)))
static unsigned long rec(struct out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	unsigned long first = vemit(o, fmt, ap);
	va_end(ap);
	o->records++;
	return first;
}

static void truth(const char *rule, const struct out *o, unsigned long line,
		  const char *name, const char *addr)
{
	fprintf(g_truth, "%s\t%s\t%lu\t%s\t%s\n", rule, o->path, line, name,
		addr && *addr ? addr : "-");
	g_ninjected++;
}

/* -------------------------------------------------------- host model */

enum shape { SHAPE_BIG, SHAPE_MANY };

/* Inconsistencies injected at ordinary hosts (about 1% of them), round
 * robin so that every kind shows up even at 10k hosts. */
enum plain_kind {
	P_NO_PTR4,		/* host-ptr-missing at the A */
	P_NO_PTR6,		/* host-ptr-missing at the AAAA */
	P_STALE,		/* ptr-target-missing: PTR names a removed host */
	P_FWD_MISMATCH,		/* ptr-forward-mismatch: PTR names another host */
	P_ALIAS,		/* ptr-target-alias: PTR names a CNAME back */
	P_UNQUALIFIED,		/* ptr-target-unqualified: final dot forgotten */
	P_INTERNAL,		/* ptr-target-internal: v6 PTR to NAME.corp. */
	P_DUPLICATE,		/* duplicate-record: the A again */
	P_TTL,			/* rrset-ttl-mismatch: two TXT, two TTLs */
	P_CNAME_DATA,		/* cname-and-other-data: TXT beside a CNAME */
	P_OUT_OF_ZONE,		/* record-out-of-zone: A under example.net. */
	P_BAD_OWNER,		/* reverse-owner-invalid: 017, 273, short v6 */
	P_WRONG_TREE,		/* record-wrong-tree: PTR forward, A reverse */
	NPLAIN_KINDS
};

/* Inconsistencies injected at mail hosts (every third one). */
enum mail_kind {
	M_NO_PTR4,		/* mail-ptr-missing (A) */
	M_MISMATCH,		/* mail-ptr-mismatch + ptr-forward-mismatch */
	M_UNQUALIFIED,		/* mail-ptr-mismatch + ptr-target-unqualified */
	M_GENERIC,		/* mail-ptr-generic: PTR 10-0-1-8.dyn..., leads back */
	M_MULTIPLE,		/* mail-ptr-multiple: a second PTR */
	M_UNVERIFIABLE,		/* mail-ptr-unverifiable: PTR to a zone not loaded */
	M_NO_PTR6,		/* mail-ptr-missing (AAAA) */
	NMAIL_KINDS
};

/* Inconsistencies injected in the MX set of a mail host's department
 * domain (every third one, other mail hosts than above). */
enum dept_kind {
	D_MX_ALIAS,		/* mx-target-alias */
	D_MX_LITERAL,		/* mx-target-address-literal */
	D_NULL_MIXED,		/* null-mx-mixed: MX 0 . beside MX 10 */
	D_NULL_PREF,		/* null-mx-mixed: MX 10 . */
	D_NO_ADDRESS,		/* mail-host-no-address */
	NDEPT_KINDS
};

static long g_nhosts;
static enum shape g_shape;
static long g_nblocks;		/* /24 blocks holding hosts */
static long g_ngroups;
static uint8_t *g_kind;		/* per host: 0, or plain kind + 1 */
static uint32_t *g_ord;		/* per plain victim: its number within its kind */

static bool is_special(long i)
{
	return i < NSPECIAL;
}

static bool is_mail(long i)
{
	return i >= NSPECIAL && i % MAIL_STEP == 7;
}

static long mail_index(long i)
{
	return i / MAIL_STEP;
}

static int mail_kind(long i)	/* -1: a healthy mail host */
{
	long k = mail_index(i);
	return k % 3 == 2 ? (int)((k / 3) % NMAIL_KINDS) : -1;
}

static int dept_kind(long i)
{
	long k = mail_index(i);
	return k % 3 == 1 ? (int)((k / 3) % NDEPT_KINDS) : -1;
}

/* mail-helo-mismatch needs mail.senders from a config: one healthy mail
 * host in ten is also listed as a sender that announces www's name (the
 * rule fires), the next one its own name (it must not). */
static bool helo_wrong(long i)
{
	return is_mail(i) && mail_index(i) % 30 == 3;
}

static bool helo_right(long i)
{
	return is_mail(i) && mail_index(i) % 30 == 6;
}

static int plain_kind(long i)	/* -1: no injection */
{
	return g_kind[i] ? g_kind[i] - 1 : -1;
}

static void plan(void)
{
	g_kind = calloc((size_t)g_nhosts, 1);
	g_ord = calloc((size_t)g_nhosts, sizeof(*g_ord));
	if (!g_kind || !g_ord)
		die("calloc");
	unsigned long count = 0;
	for (long i = NSPECIAL; i < g_nhosts; i++) {
		if (is_mail(i) || hash2((uint64_t)i, 1) % 100)
			continue;
		g_kind[i] = (uint8_t)(count % NPLAIN_KINDS + 1);
		g_ord[i] = (uint32_t)(count / NPLAIN_KINDS);
		count++;
	}
}

static long block_of(long i)
{
	return i / HOSTS_PER_BLOCK;
}

static void block_octets(long blk, int *a, int *b)
{
	*a = (int)(blk / BLOCKS_PER_16);
	*b = (int)(blk % BLOCKS_PER_16);
}

static int host_octet(long i)
{
	return (int)(i % HOSTS_PER_BLOCK) + 1;
}

/* Shape big carves a few /24s out of their /16 into zones of their own,
 * delegated from the parent: the "/24 zones" real reverse trees have. */
static bool carved(long blk)
{
	int a, b;
	block_octets(blk, &a, &b);
	return g_shape == SHAPE_BIG && b % 64 == 5;
}

/* Shape many spreads the hosts evenly over the forward zones. */
static long group_of(long i)
{
	return (i - NSPECIAL) * g_ngroups / (g_nhosts - NSPECIAL);
}

/* The forward zone that holds host i's records (with its final dot). */
static void fzone(long i, char *buf, size_t len)
{
	if (g_shape == SHAPE_BIG || is_special(i))
		snprintf(buf, len, "example.com.");
	else
		snprintf(buf, len, "f%ld.example.com.", group_of(i));
}

static void v4(long i, char *buf, size_t len)
{
	int a, b;
	block_octets(block_of(i), &a, &b);
	snprintf(buf, len, "10.%d.%d.%d", a, b, host_octet(i));
}

/* RFC 5952 text of 2001:db8:0:G3:0:0:0:G7, the only IPv6 shape made here:
 * the longest run of zero groups (leftmost on a tie, at least two) is "::". */
static void v6_text(unsigned g3, unsigned g7, char *buf, size_t len)
{
	unsigned g[8] = {0x2001, 0xdb8, 0, g3, 0, 0, 0, g7};
	int best = -1, bestlen = 1;
	for (int s = 0; s < 8;) {
		if (g[s]) {
			s++;
			continue;
		}
		int e = s;
		while (e < 8 && !g[e])
			e++;
		if (e - s > bestlen) {
			best = s;
			bestlen = e - s;
		}
		s = e;
	}
	size_t n = 0;
	for (int k = 0; k < 8; k++) {
		if (k == best) {
			n += (size_t)snprintf(buf + n, len - n, "::");
			k += bestlen - 1;
			continue;
		}
		if (k && k != best + bestlen)
			n += (size_t)snprintf(buf + n, len - n, ":");
		n += (size_t)snprintf(buf + n, len - n, "%x", g[k]);
	}
}

static void v6(long i, char *buf, size_t len)
{
	v6_text((unsigned)block_of(i), (unsigned)host_octet(i), buf, len);
}

/* The 16 nibble labels of the interface id ::C (least significant first),
 * and the 4 of the /64's subnet field. */
static void nibbles(unsigned long v, int count, char *buf, size_t len)
{
	size_t n = 0;
	for (int k = 0; k < count; k++) {
		n += (size_t)snprintf(buf + n, len - n, "%s%lx", k ? "." : "", v & 15);
		v >>= 4;
	}
}

static const char *const prefixes[] = {
	"web", "app", "db", "cache", "lb", "vm", "node", "srv", "api", "build",
	"ci", "git", "log", "mon", "kube", "stor", "backup", "proxy", "vpn",
	"ldap", "ntp", "files", "wiki", "jump",
};

/* Host i's label in its rack (plain hosts) — unique per /24 block. */
static void label(long i, char *buf, size_t len)
{
	size_t np = sizeof(prefixes) / sizeof(prefixes[0]);
	snprintf(buf, len, "%s%d", prefixes[hash2((uint64_t)i, 2) % np], host_octet(i));
}

/* Fully qualified name of host i, and the rack origin plain hosts use. */
static void rack_origin(long blk, const char *zone, char *buf, size_t len)
{
	snprintf(buf, len, "r%ld.%s", blk, zone);
}

static void fqdn(long i, char *buf, size_t len)
{
	static const char *const special[] = {"ns1", "ns2", "www"};
	char zone[128];
	fzone(i, zone, sizeof(zone));
	if (is_special(i)) {
		snprintf(buf, len, "%s.example.com.", special[i]);
	} else if (is_mail(i)) {
		snprintf(buf, len, "mx%ld.%s", mail_index(i), zone);
	} else {
		char l[64], r[160];
		label(i, l, sizeof(l));
		rack_origin(block_of(i), zone, r, sizeof(r));
		snprintf(buf, len, "%s.%s", l, r);
	}
}

/* The host a P_FWD_MISMATCH PTR names instead: the next host when it is
 * an ordinary, untouched one (a renumbered neighbour), else www. */
static long mismatch_target(long i)
{
	long j = i + 1;
	if (j < g_nhosts && block_of(j) == block_of(i) && !is_mail(j) && !g_kind[j])
		return j;
	return 2;
}

static void ptr4_name(long i, char *buf, size_t len)
{
	int a, b;
	block_octets(block_of(i), &a, &b);
	snprintf(buf, len, "%d.%d.%d.10.in-addr.arpa.", host_octet(i), b, a);
}

static void ptr6_name(long i, char *buf, size_t len)
{
	char iid[64], sub[16];
	nibbles((unsigned long)host_octet(i), 16, iid, sizeof(iid));
	nibbles((unsigned long)block_of(i), 4, sub, sizeof(sub));
	snprintf(buf, len, "%s.%s.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.", iid, sub);
}

/* ------------------------------------------------------ zone heads */

static const unsigned long serial = 2026112301;

static void soa(struct out *o, const char *origin, int variant)
{
	emit(o, "; %s — generated by tools/genzones (ptrlint issue 7)\n", origin);
	emit(o, "$ORIGIN %s\n", origin);
	emit(o, "$TTL %d\n", variant ? 7200 : 3600);
	rec(o, "@\tIN\tSOA\tns1.example.com. hostmaster.example.com. (\n"
	       "\t\t\t%lu\t; serial\n"
	       "\t\t\t3600\t\t; refresh\n"
	       "\t\t\t900\t\t; retry\n"
	       "\t\t\t1209600\t\t; expire\n"
	       "\t\t\t300 )\t\t; negative TTL\n", serial);
	rec(o, "\tIN\tNS\tns1.example.com.\n");
	rec(o, "\tIN\tNS\tns2.example.com.\n");
}

/* ----------------------------------------------------- forward side */

/* Queued for the end of a rack: duplicates "merged from another copy". */
struct dup {
	char owner[256];
	char addr[64];
	int ttl;
};

static void host_forward(struct out *o, long i, struct dup *dups, size_t *ndups)
{
	char name[256], a4[32], a6[64], l[64], zone[128];
	fqdn(i, name, sizeof(name));
	v4(i, a4, sizeof(a4));
	v6(i, a6, sizeof(a6));
	fzone(i, zone, sizeof(zone));
	uint64_t h = hash2((uint64_t)i, 3);
	int pk = plain_kind(i);

	/* owner style: mail hosts absolute (they stand outside the rack),
	 * one plain host in 41 absolute too, the rest relative */
	const char *owner = name;
	if (!is_mail(i) && !is_special(i) && h % 41) {
		label(i, l, sizeof(l));
		owner = l;
	}
	char ttl[16] = "";
	if (h % 17 == 0)
		snprintf(ttl, sizeof(ttl), "%d\t", h % 2 ? 300 : 86400);
	const char *comment = h % 23 == 0 ? "\t; asset tag in CMDB" : "";
	unsigned long la = rec(o, "%s\t%sIN\tA\t%s%s\n", owner, ttl, a4, comment);
	unsigned long l6 = rec(o, "\t%sIN\tAAAA\t%s\n", ttl, a6);

	if (pk == P_NO_PTR4)
		truth("host-ptr-missing", o, la, name, a4);
	if (pk == P_NO_PTR6)
		truth("host-ptr-missing", o, l6, name, a6);
	if (is_mail(i)) {
		int mk = mail_kind(i);
		if (mk == M_NO_PTR4)
			truth("mail-ptr-missing", o, la, name, a4);
		if (mk == M_NO_PTR6)
			truth("mail-ptr-missing", o, l6, name, a6);
		if (mk == M_UNVERIFIABLE)
			truth("mail-ptr-unverifiable", o, la, name, a4);
	}

	if (!is_mail(i) && !is_special(i)) {
		label(i, l, sizeof(l));
		if ((pk < 0 && i % 10 == 3) || pk == P_ALIAS || pk == P_CNAME_DATA)
			rec(o, "alias-%s\tIN\tCNAME\t%s\n", l, l);
		if (pk == P_CNAME_DATA) {
			unsigned long lt = rec(o, "alias-%s\tIN\tTXT\t\"legacy name, kept for old clients\"\n", l);
			char alias[512];
			snprintf(alias, sizeof(alias), "alias-%s", name);
			truth("cname-and-other-data", o, lt, alias, NULL);
		}
		if (pk == P_TTL) {
			rec(o, "%s\t3600\tIN\tTXT\t\"owner=team-%c\"\n", l, 'a' + (int)(h % 6));
			unsigned long lt = rec(o, "%s\t300\tIN\tTXT\t\"asset=%" PRIu64 "\"\n", l, h % 100000);
			truth("rrset-ttl-mismatch", o, lt, name, NULL);
		}
		if (pk == P_DUPLICATE && *ndups < HOSTS_PER_BLOCK) {
			struct dup *d = &dups[(*ndups)++];
			snprintf(d->owner, sizeof(d->owner), "%s", name);
			snprintf(d->addr, sizeof(d->addr), "%s", a4);
			d->ttl = 0;
		}
		if (pk == P_OUT_OF_ZONE) {
			/* the rack keeps the owner unique: ptrlint de-duplicates
			 * findings by (rule, zone, name, address), SPEC §3 */
			unsigned long lo = rec(o, "%s.r%ld.example.net.\tIN\tA\t%s\t; copied from the partner zone\n",
					       l, block_of(i), a4);
			char other[512];
			snprintf(other, sizeof(other), "%s.r%ld.example.net.", l, block_of(i));
			truth("record-out-of-zone", o, lo, other, NULL);
		}
		if (pk == P_WRONG_TREE && g_ord[i] % 2 == 0) {
			unsigned long lw = rec(o, "ptr-%s\tIN\tPTR\t%s\n", l, name);
			char owner2[512];
			snprintf(owner2, sizeof(owner2), "ptr-%s", name);
			truth("record-wrong-tree", o, lw, owner2, NULL);
		}
		return;
	}
	if (!is_mail(i))
		return;

	/* a mail host: its department domain with MX and SPF */
	long k = mail_index(i);
	int mk = mail_kind(i), dk = dept_kind(i);
	if (mk == M_GENERIC) {
		int a, b;
		block_octets(block_of(i), &a, &b);
		rec(o, "10-%d-%d-%d.dyn.%s\tIN\tA\t%s\n", a, b, host_octet(i), zone, a4);
	}
	if (mk == M_MULTIPLE)
		rec(o, "smtp%ld.%s\tIN\tA\t%s\t; second name on the relay\n", k, zone, a4);
	char dept[200];
	snprintf(dept, sizeof(dept), "dept%ld.%s", k, zone);
	if (dk == D_NULL_PREF) {
		char nomail[200];
		snprintf(nomail, sizeof(nomail), "nomail%ld.%s", k, zone);
		unsigned long ln = rec(o, "%s\tIN\tMX\t10 .\n", nomail);
		truth("null-mx-mixed", o, ln, nomail, NULL);
	}
	if (dk == D_MX_ALIAS) {
		char gw[200];
		snprintf(gw, sizeof(gw), "mailgw%ld.%s", k, zone);
		rec(o, "%s\tIN\tCNAME\t%s\n", gw, name);
		unsigned long lm = rec(o, "%s\tIN\tMX\t10 %s\n", dept, gw);
		truth("mx-target-alias", o, lm, gw, NULL);
	} else {
		rec(o, "%s\tIN\tMX\t10 %s\n", dept, name);
	}
	if (dk == D_MX_LITERAL) {
		unsigned long lm = rec(o, "\tIN\tMX\t20 %s.\n", a4);
		char lit[64];
		snprintf(lit, sizeof(lit), "%s.", a4);
		truth("mx-target-address-literal", o, lm, lit, NULL);
	}
	if (dk == D_NULL_MIXED) {
		unsigned long lm = rec(o, "\tIN\tMX\t0 .\n");
		truth("null-mx-mixed", o, lm, dept, NULL);
	}
	if (dk == D_NO_ADDRESS) {
		char old[200];
		snprintf(old, sizeof(old), "mx-old%ld.%s", k, zone);
		unsigned long lm = rec(o, "\tIN\tMX\t30 %s\t; retired relay\n", old);
		truth("mail-host-no-address", o, lm, old, NULL);
	}
	/* SPF split over lines in parentheses, as long TXT records are */
	int a, b;
	block_octets(block_of(i), &a, &b);
	rec(o, "\tIN\tTXT\t( \"v=spf1 ip4:%s \"\n\t\t\t\"ip4:10.%d.0.0/16 %s\" )\n",
	    a4, a, k % 2 ? "-all" : "~all");
}

static void forward_apex(struct out *o)
{
	char mx0[256], mx1[256], a0[32], a1[32], n[256], a4[32], a6[64];
	long i0 = 7, i1 = 7 + MAIL_STEP;	/* the first two mail hosts */
	fqdn(i0, mx0, sizeof(mx0));
	fqdn(i1, mx1, sizeof(mx1));
	v4(i0, a0, sizeof(a0));
	v4(i1, a1, sizeof(a1));
	rec(o, "\tIN\tMX\t10 %s\n", mx0);
	rec(o, "\tIN\tMX\t20 %s\n", mx1);
	rec(o, "\tIN\tTXT\t\"v=spf1 ip4:%s ip4:%s ~all\"\n", a0, a1);
	emit(o, "\n; name servers and the web front\n");
	for (long i = 0; i < NSPECIAL; i++) {
		fqdn(i, n, sizeof(n));
		v4(i, a4, sizeof(a4));
		v6(i, a6, sizeof(a6));
		*strchr(n, '.') = 0;
		rec(o, "%s\tIN\tA\t%s\n", n, a4);
		rec(o, "\tIN\tAAAA\t%s\n", a6);
	}
	/* the lab: a /24 whose hosts never got PTRs: one folded finding */
	emit(o, "\n; lab rack, renumbered every week\n$ORIGIN lab.example.com.\n");
	for (int t = 1; t <= LAB_HOSTS; t++) {
		unsigned long lt = rec(o, "t%d\tIN\tA\t10.0.255.%d\n", t, t);
		if (t == 1)
			truth("host-ptr-missing", o, lt, "t1.lab.example.com.", "10.0.255.0/24");
	}
}

/* zone-syntax: hand-added records with a typo in the address, in a small
 * zone of their own: a peer stops at the first syntax error
 * (ldns-read-zone) or skips its semantic checks (kzonecheck), and the big
 * zones must cost every tool its full work. */
static void forward_typos(struct out *o)
{
	long n = g_nhosts / 20000 + 1;
	soa(o, o->origin, 0);
	char mx0[256];
	fqdn(7, mx0, sizeof(mx0));	/* the first mail host */
	rec(o, "\tIN\tMX\t10 %s\n", mx0);
	emit(o, "\n; added by hand, not reviewed yet\n");
	for (long t = 0; t < n; t++) {
		/* emit, not rec: a record that does not parse counts for no one */
		unsigned long l = emit(o, "ilo-%ld\tIN\tA\t10.%ld.%ld.256\n",
				      t, t / 255 % 255, t % 255);
		truth("zone-syntax", o, l, "-", NULL);
	}
}

/* The hosts [from, to) into o. */
static void forward_hosts(struct out *o, long from, long to)
{
	static struct dup dups[HOSTS_PER_BLOCK];
	size_t ndups = 0;
	long cur_blk = -1;
	char zone[128], origin[256];
	for (long i = from; i < to; i++) {
		long blk = block_of(i);
		if (blk != cur_blk) {
			for (size_t d = 0; d < ndups; d++) {
				unsigned long ld = rec(o, "%s\tIN\tA\t%s\n", dups[d].owner, dups[d].addr);
				truth("duplicate-record", o, ld, dups[d].owner, dups[d].addr);
			}
			ndups = 0;
			cur_blk = blk;
			fzone(i, zone, sizeof(zone));
			rack_origin(blk, zone, origin, sizeof(origin));
			int a, b;
			block_octets(blk, &a, &b);
			char net6[64];
			v6_text((unsigned)blk, 0, net6, sizeof(net6));
			emit(o, "\n; rack %ld: 10.%d.%d.0/24, %s/64\n", blk, a, b, net6);
			emit(o, "$ORIGIN %s\n", origin);
			if (blk % 3 == 0)
				emit(o, "$TTL %d\n", blk % 2 ? 1800 : 3600);
		}
		host_forward(o, i, dups, &ndups);
	}
	if (ndups)
		emit(o, "; merged from a second copy of the rack list\n");
	for (size_t d = 0; d < ndups; d++) {
		unsigned long ld = rec(o, "%s\tIN\tA\t%s\n", dups[d].owner, dups[d].addr);
		truth("duplicate-record", o, ld, dups[d].owner, dups[d].addr);
	}
}

/* ----------------------------------------------------- reverse side */

/* The v4 PTRs of one /24 block; owners relative to o's $ORIGIN unless
 * `twolabel` (then "C.B" relative to the /16 origin). */
static void block_ptr4(struct out *o, long blk, bool twolabel)
{
	int a, b;
	block_octets(blk, &a, &b);
	long from = blk * HOSTS_PER_BLOCK, to = from + HOSTS_PER_BLOCK;
	if (to > g_nhosts)
		to = g_nhosts;
	for (long i = from; i < to; i++) {
		char own[300], full[300], name[300], a4[32], target[512];
		int c = host_octet(i);
		ptr4_name(i, full, sizeof(full));
		if (hash2((uint64_t)i, 4) % 53 == 0)
			snprintf(own, sizeof(own), "%s", full);
		else if (twolabel)
			snprintf(own, sizeof(own), "%d.%d", c, b);
		else
			snprintf(own, sizeof(own), "%d", c);
		fqdn(i, name, sizeof(name));
		v4(i, a4, sizeof(a4));
		snprintf(target, sizeof(target), "%s", name);
		int pk = plain_kind(i), mk = is_mail(i) ? mail_kind(i) : -1;
		char zone[128];
		fzone(i, zone, sizeof(zone));
		if (pk == P_NO_PTR4 || mk == M_NO_PTR4)
			continue;
		const char *rule = NULL;
		if (pk == P_STALE) {
			snprintf(target, sizeof(target), "old-%s", name);
			rule = "ptr-target-missing";
		} else if (pk == P_FWD_MISMATCH) {
			fqdn(mismatch_target(i), target, sizeof(target));
			rule = "ptr-forward-mismatch";
		} else if (pk == P_ALIAS) {
			snprintf(target, sizeof(target), "alias-%s", name);
			rule = "ptr-target-alias";
		} else if (pk == P_UNQUALIFIED || mk == M_UNQUALIFIED) {
			target[strlen(target) - 1] = 0;	/* the forgotten dot */
			rule = "ptr-target-unqualified";
		} else if (mk == M_MISMATCH) {
			fqdn(2, target, sizeof(target));
			rule = "ptr-forward-mismatch";
		} else if (mk == M_GENERIC) {
			snprintf(target, sizeof(target), "10-%d-%d-%d.dyn.%s", a, b, c, zone);
		} else if (mk == M_UNVERIFIABLE) {
			snprintf(target, sizeof(target), "mx%ld.example.net.", mail_index(i));
		}
		unsigned long lp = rec(o, "%s\tIN\tPTR\t%s\n", own, target);
		if (rule)
			truth(rule, o, lp, full, a4);
		if (mk == M_MISMATCH || mk == M_UNQUALIFIED)
			truth("mail-ptr-mismatch", o, lp, name, a4);
		if (mk == M_GENERIC)
			truth("mail-ptr-generic", o, lp, name, a4);
		if (helo_wrong(i))
			truth("mail-helo-mismatch", o, lp, "www.example.com.", a4);
		if (mk == M_MULTIPLE) {
			unsigned long l2 = rec(o, "%s\tIN\tPTR\tsmtp%ld.%s\n", own, mail_index(i), zone);
			truth("mail-ptr-multiple", o, l2, name, a4);
		}
		if (pk == P_BAD_OWNER && g_ord[i] % 3 != 2) {
			/* a leading zero, or an octet past 255 */
			char bad[32], badfull[128];
			if (g_ord[i] % 3 == 0)
				snprintf(bad, sizeof(bad), "0%d", c);
			else
				snprintf(bad, sizeof(bad), "%d", c + 256);
			snprintf(badfull, sizeof(badfull), "%s.%d.%d.10.in-addr.arpa.", bad, b, a);
			unsigned long lb = rec(o, "%s.%d.%d.10.in-addr.arpa.\tIN\tPTR\t%s\n", bad, b, a, name);
			truth("reverse-owner-invalid", o, lb, badfull, NULL);
		}
		if (pk == P_WRONG_TREE && g_ord[i] % 2 == 1) {
			char l[64];
			label(i, l, sizeof(l));
			unsigned long lw = rec(o, "%s.%d.%d.10.in-addr.arpa.\tIN\tA\t%s\n", l, b, a, a4);
			char owner2[200];
			snprintf(owner2, sizeof(owner2), "%s.%d.%d.10.in-addr.arpa.", l, b, a);
			truth("record-wrong-tree", o, lw, owner2, a4);
		}
	}
}

static void block_ptr6(struct out *o, long blk, bool full_origin)
{
	long from = blk * HOSTS_PER_BLOCK, to = from + HOSTS_PER_BLOCK;
	if (to > g_nhosts)
		to = g_nhosts;
	char sub[16];
	nibbles((unsigned long)blk, 4, sub, sizeof(sub));
	if (!full_origin)
		emit(o, "$ORIGIN %s.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.\n", sub);
	for (long i = from; i < to; i++) {
		char own[128], full[128], name[256], a6[64], target[512];
		ptr6_name(i, full, sizeof(full));
		nibbles((unsigned long)host_octet(i), 16, own, sizeof(own));
		if (hash2((uint64_t)i, 5) % 61 == 0)
			snprintf(own, sizeof(own), "%s", full);
		fqdn(i, name, sizeof(name));
		v6(i, a6, sizeof(a6));
		int pk = plain_kind(i), mk = is_mail(i) ? mail_kind(i) : -1;
		if (pk == P_NO_PTR6 || mk == M_NO_PTR6)
			continue;
		snprintf(target, sizeof(target), "%s", name);
		if (pk == P_INTERNAL) {
			char l[64];
			label(i, l, sizeof(l));
			snprintf(target, sizeof(target), "%s.corp.", l);
		}
		unsigned long lp = rec(o, "%s\tIN\tPTR\t%s\n", own, target);
		if (pk == P_INTERNAL)
			truth("ptr-target-internal", o, lp, full, a6);
		if (pk == P_BAD_OWNER && g_ord[i] % 3 == 2) {
			/* the zero padding of the interface id forgotten */
			char shortown[64];
			nibbles((unsigned long)host_octet(i), 2, shortown, sizeof(shortown));
			char badfull[160];
			snprintf(badfull, sizeof(badfull), "%s.%s.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.", shortown, sub);
			unsigned long lb = rec(o, "%s\tIN\tPTR\t%s\n", badfull, name);
			truth("reverse-owner-invalid", o, lb, badfull, NULL);
		}
	}
}

static void reverse_big(void)
{
	int amax = (int)((g_nblocks - 1) / BLOCKS_PER_16);
	for (int a = 0; a <= amax; a++) {
		struct out o;
		char path[64], origin[64];
		snprintf(path, sizeof(path), "db.10.%d", a);
		snprintf(origin, sizeof(origin), "%d.10.in-addr.arpa.", a);
		out_open(&o, path, origin);
		soa(&o, origin, a % 2);
		emit(&o, "\n; classless children with zones of their own\n");
		for (int b = 0; b < BLOCKS_PER_16; b++) {
			long blk = (long)a * BLOCKS_PER_16 + b;
			if (blk < g_nblocks && carved(blk)) {
				rec(&o, "%d\tIN\tNS\tns1.example.com.\n", b);
				rec(&o, "%d\tIN\tNS\tns2.example.com.\n", b);
			}
		}
		for (int b = 0; b < BLOCKS_PER_16; b++) {
			long blk = (long)a * BLOCKS_PER_16 + b;
			if (blk >= g_nblocks || carved(blk))
				continue;
			bool two = b % 2;
			emit(&o, "\n; 10.%d.%d.0/24\n", a, b);
			if (two)
				emit(&o, "$ORIGIN %s\n", origin);
			else
				emit(&o, "$ORIGIN %d.%d.10.in-addr.arpa.\n", b, a);
			block_ptr4(&o, blk, two);
		}
		out_close(&o);
	}
	for (long blk = 0; blk < g_nblocks; blk++) {
		if (!carved(blk))
			continue;
		int a, b;
		block_octets(blk, &a, &b);
		struct out o;
		char path[64], origin[64];
		snprintf(path, sizeof(path), "db.10.%d.%d", a, b);
		snprintf(origin, sizeof(origin), "%d.%d.10.in-addr.arpa.", b, a);
		out_open(&o, path, origin);
		soa(&o, origin, 0);
		block_ptr4(&o, blk, false);
		out_close(&o);
	}
	struct out o;
	out_open(&o, "2001-db8-0.ip6.zone", "0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.");
	soa(&o, o.origin, 1);
	for (long blk = 0; blk < g_nblocks; blk++) {
		char net6[64];
		v6_text((unsigned)blk, 0, net6, sizeof(net6));
		emit(&o, "\n; %s/64\n", net6);
		block_ptr6(&o, blk, false);
	}
	out_close(&o);
}

static void reverse_many(void)
{
	for (long blk = 0; blk <= g_nblocks; blk++) {
		int a, b;
		if (blk == g_nblocks) {
			a = 0;	/* the lab's /24, which holds no PTR */
			b = 255;
		} else {
			block_octets(blk, &a, &b);
		}
		struct out o;
		char path[96], origin[64];
		snprintf(path, sizeof(path), "rev4/10.%d/db.10.%d.%d", a, a, b);
		snprintf(origin, sizeof(origin), "%d.%d.10.in-addr.arpa.", b, a);
		out_open(&o, path, origin);
		soa(&o, origin, (int)(blk % 2));
		if (blk < g_nblocks)
			block_ptr4(&o, blk, false);
		out_close(&o);
	}
	for (long blk = 0; blk < g_nblocks; blk++) {
		struct out o;
		char path[96], origin[128], sub[16];
		nibbles((unsigned long)blk, 4, sub, sizeof(sub));
		snprintf(path, sizeof(path), "rev6/%02ld/2001-db8-0-%lx.ip6.zone", blk / 100, (unsigned long)blk);
		snprintf(origin, sizeof(origin), "%s.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.", sub);
		out_open(&o, path, origin);
		soa(&o, origin, (int)(blk % 2));
		block_ptr6(&o, blk, true);
		out_close(&o);
	}
}

/* ------------------------------------------------------------- main */

static void write_config(void)
{
	char path[1024], name[300], a4[32];
	snprintf(path, sizeof(path), "%s/.ptrlint.yaml", g_dir);
	FILE *f = fopen(path, "w");
	if (!f)
		die(path);
	fprintf(f, "# generated by tools/genzones: senders that announce a HELO name\n"
		   "mail:\n  spf: true\n");
	bool any = false;
	for (long i = MAIL_STEP; i < g_nhosts; i += MAIL_STEP) {
		long m = i - i % MAIL_STEP + 7;
		if (m >= g_nhosts || !(helo_wrong(m) || helo_right(m)))
			continue;
		if (!any)
			fprintf(f, "  senders:\n");
		any = true;
		v4(m, a4, sizeof(a4));
		if (helo_wrong(m))
			fqdn(2, name, sizeof(name));
		else
			fqdn(m, name, sizeof(name));
		fprintf(f, "    - address: %s\n      helo: %s\n", a4, name);
	}
	if (fclose(f))
		die(path);
}

static void usage(void)
{
	fprintf(stderr, "usage: genzones --hosts N --seed S --out DIR [--shape big|many]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	long hosts = 0;
	const char *shape = "big";
	bool have_seed = false;
	for (int i = 1; i < argc; i++) {
		const char *opt = argv[i];
		if (i + 1 >= argc)
			usage();
		const char *val = argv[++i];
		char *end;
		if (!strcmp(opt, "--hosts")) {
			hosts = strtol(val, &end, 10);
			if (*end)
				usage();
		} else if (!strcmp(opt, "--seed")) {
			g_seed = strtoull(val, &end, 0);
			if (*end)
				usage();
			have_seed = true;
		} else if (!strcmp(opt, "--out")) {
			g_dir = val;
		} else if (!strcmp(opt, "--shape")) {
			shape = val;
		} else {
			usage();
		}
	}
	if (!g_dir || !have_seed)
		usage();
	if (!strcmp(shape, "big"))
		g_shape = SHAPE_BIG;
	else if (!strcmp(shape, "many"))
		g_shape = SHAPE_MANY;
	else
		usage();
	/* the apex MX names the first two mail hosts (hosts 7 and 340) */
	if (hosts < 1000 || hosts > 16000000L) {
		fprintf(stderr, "genzones: --hosts must be 1000..16000000\n");
		return 2;
	}
	g_nhosts = hosts;
	g_nblocks = (hosts + HOSTS_PER_BLOCK - 1) / HOSTS_PER_BLOCK;
	if (g_shape == SHAPE_MANY) {
		/* 10,000 files: example.com. and example.org., one /24 zone per
		 * block and the lab's, one /64 zone per block, and forward
		 * zones for the rest */
		g_ngroups = MANY_FILES - 2 - (g_nblocks + 1) - g_nblocks;
		if (g_ngroups > hosts - NSPECIAL)
			g_ngroups = hosts - NSPECIAL;
		if (g_ngroups < 1) {
			fprintf(stderr, "genzones: --shape many needs --hosts <= %ld\n",
				(long)(MANY_FILES - 4) / 2 * HOSTS_PER_BLOCK);
			return 2;
		}
	}
	plan();

	mkdir_p(g_dir);
	char path[1024];
	snprintf(path, sizeof(path), "%s/ground-truth.tsv", g_dir);
	g_truth = fopen(path, "w");
	snprintf(path, sizeof(path), "%s/zones.tsv", g_dir);
	g_zones = fopen(path, "w");
	if (!g_truth || !g_zones)
		die(path);
	fprintf(g_truth, "# rule\tfile\tline\tname\taddress\n");
	write_config();

	struct out fwd;
	out_open(&fwd, "db.example.com", "example.com.");
	soa(&fwd, "example.com.", 0);
	forward_apex(&fwd);
	if (g_shape == SHAPE_BIG) {
		forward_hosts(&fwd, NSPECIAL, g_nhosts);
		out_close(&fwd);
		reverse_big();
	} else {
		out_close(&fwd);
		for (long from = NSPECIAL, to; from < g_nhosts; from = to) {
			long g = group_of(from);
			for (to = from + 1; to < g_nhosts && group_of(to) == g; to++)
				;
			struct out o;
			char p[128], origin[64];
			snprintf(p, sizeof(p), "fwd/%02ld/db.f%ld.example.com", g / 100, g);
			snprintf(origin, sizeof(origin), "f%ld.example.com.", g);
			out_open(&o, p, origin);
			soa(&o, origin, (int)(g % 2));
			forward_hosts(&o, from, to);
			out_close(&o);
		}
		reverse_many();
	}
	struct out typos;
	out_open(&typos, "db.example.org", "example.org.");
	forward_typos(&typos);
	out_close(&typos);
	if (fclose(g_truth) || fclose(g_zones))
		die("closing");
	free(g_kind);
	free(g_ord);
	fprintf(stderr, "genzones: %ld hosts, shape %s, %lu injected findings in %s\n",
		hosts, shape, g_ninjected, g_dir);
	return 0;
}
