#!/bin/sh
# mutate-zones.sh SEEDDIR OUTDIR COUNT [SEED] — write COUNT zones made from
# the seed zones in SEEDDIR (files db.ORIGIN, one record a line as
# "owner TTL class type rdata", directives and comments as lines of their
# own) into OUTDIR/NNNNN/db.ORIGIN, and OUTDIR/manifest with one line per
# zone: "NNNNN ORIGIN FILE MUTATION...". The first zones are the seeds
# unchanged; each other one carries one or two mutations: numbers at and
# past their field's range, bad TTLs and addresses, dropped final dots,
# dropped SOA or NS records or glue, truncated records, bad escapes, long
# TXT strings and labels, wrong types and classes, unbalanced parentheses
# and quotes, CNAMEs beside data, '@' inside owners.
#
# The same arguments give the same zones on any machine: the random
# numbers are the generator's own (Park-Miller, exact in awk's doubles),
# not awk's rand(), which differs between mawk and gawk.
set -eu
seeds=$1
out=$2
count=$3
seed=${4:-1}
mkdir -p "$out"
set -- "$seeds"/db.*
[ -f "$1" ] || { echo "mutate-zones: no db.* seed in $seeds" >&2; exit 2; }
awk -v count="$count" -v seed="$seed" -v out="$out" '
function rnd(n) {     # 0 .. n-1
	state = (state * 16807) % 2147483647
	return int(state / 2147483647 * n)
}
function pick(list,    a, k) {
	k = split(list, a, " ")
	return a[1 + rnd(k)]
}
function repeat(c, n,    s) {
	s = ""
	while (n-- > 0)
		s = s c
	return s
}
# the fields of line i of the zone being built, into f[1..nf]
function fields(i) {
	nf = split(z[i], f, /[ \t]+/)
}
function join(    s, k) {
	s = f[1]
	for (k = 2; k <= nf; k++)
		s = s "\t" f[k]
	return s
}
function is_record(i) {
	return z[i] !~ /^[$;]/ && z[i] !~ /^[ \t]/ && z[i] != ""
}
# a random record line of one of the types (space-separated), 0 if none
function find(types,    cand, n, i) {
	n = 0
	for (i = 1; i <= nz; i++) {
		if (!is_record(i))
			continue
		fields(i)
		if (types == "*" || index(" " types " ", " " f[4] " "))
			cand[++n] = i
	}
	return n ? cand[1 + rnd(n)] : 0
}
function drop(i,    k) {
	for (k = i; k < nz; k++)
		z[k] = z[k + 1]
	nz--
}
function insert(i, text,    k) {
	for (k = nz; k >= i; k--)
		z[k + 1] = z[k]
	z[i] = text
	nz++
}
function last_record(    i) {
	for (i = nz; i > 0; i--)
		if (is_record(i))
			return i
	return nz
}
# field k of a random record set to a word of list; returns the word
function set_field(k, list,    i, v) {
	i = find("*")
	fields(i)
	v = pick(list)
	f[k] = v
	z[i] = join()
	return v
}
function u32() { return pick("0 1 4294967295 4294967296 99999999999 -1 +1 20240116000001 007 0x10 1w 1h30 18446744073709551617") }
function ttl() { return pick("0 1 2147483647 2147483648 4294967295 4294967296 99999999999 1w2d3h4m5s 1W 7101w 7102w 1h30 h -1 4294967295s 4294967296s 3600x") }
function u16() { return pick("0 65535 65536 70000 -1 +1 0x10 00010 1w 4294967296 99999999999") }
function u8() { return pick("0 255 256 1000 -1 +1 0x1") }
function mutate(    op, i, k, v, s, n) {
	op = pick("num num num ttl ttl addr addr dot dot dropsoa dropns dropline trunc trunc esc esc txt label type class cname atowner paren quote dup blank")
	if (op == "num") {
		i = find("SOA MX SRV CAA SSHFP TLSA DS NAPTR")
		if (!i)
			return "num:none"
		fields(i)
		if (f[4] == "SOA") {
			k = 7 + rnd(5)
			if (k > nf)
				return "num:none"
			f[k] = k == 7 ? u32() : ttl()
		} else if (f[4] == "MX" || f[4] == "NAPTR" || f[4] == "SRV") {
			k = 5 + rnd(f[4] == "SRV" ? 3 : f[4] == "NAPTR" ? 2 : 1)
			f[k] = u16()
		} else if (f[4] == "DS") {
			k = 5 + rnd(3)
			f[k] = k == 5 ? u16() : u8()
		} else {
			k = 5 + rnd(f[4] == "TLSA" ? 3 : f[4] == "SSHFP" ? 2 : 1)
			f[k] = u8()
		}
		z[i] = join()
		return "num:" f[4] ":" k - 4 "=" f[k]
	}
	if (op == "ttl") {
		if (rnd(3) == 0) {
			for (i = 1; i <= nz; i++)
				if (z[i] ~ /^\$TTL/) {
					v = ttl()
					z[i] = "$TTL " v
					return "ttl:$TTL=" v
				}
		}
		i = find("*")
		fields(i)
		f[2] = ttl()
		z[i] = join()
		return "ttl:" f[4] "=" f[2]
	}
	if (op == "addr") {
		i = find("A AAAA")
		if (!i)
			return "addr:none"
		fields(i)
		if (f[4] == "A")
			f[5] = pick("198.51.100.256 198.51.100.400 198.51.100 198.51.100.1.2 198.51.100.01 2001:db8::1 198.51.100.-1 198.51.100.1/24 0.0.0.0 255.255.255.255 1.2.3.4.in-addr.arpa. 0x7f.1.1.1")
		else
			f[5] = pick("198.51.100.1 2001:db8::g 2001:db8:::1 2001:db8::1::2 ::ffff:192.0.2.1 2001:db8:0:0:0:0:0:0:1 2001:DB8::1 :: 2001:db8::12345 ::ffff:192.0.2.256")
		z[i] = join()
		return "addr:" f[4] "=" f[5]
	}
	if (op == "dot") {
		i = find("NS MX CNAME PTR SRV SOA")
		if (!i)
			return "dot:none"
		fields(i)
		k = f[4] == "SOA" ? 5 + rnd(2) : nf
		if (f[k] !~ /\.$/ || f[k] == ".")
			return "dot:none"
		sub(/\.$/, "", f[k])
		z[i] = join()
		return "dot:" f[4] "=" f[k]
	}
	if (op == "dropsoa") {
		i = find("SOA")
		if (!i)
			return "dropsoa:none"
		while (i < nz && z[i] ~ /\(/ && z[i] !~ /\)/ && z[i + 1] ~ /^[ \t]/)
			drop(i + 1)
		drop(i)
		return "dropsoa"
	}
	if (op == "dropns") {
		n = 0
		for (i = nz; i > 0; i--) {
			if (!is_record(i))
				continue
			fields(i)
			if (f[4] == "NS" && (f[1] == "@" || f[1] ~ /^example\.net\.$/)) {
				drop(i)
				n++
			}
		}
		return "dropns:" n
	}
	if (op == "dropline") {
		i = find("A AAAA NS PTR MX CNAME")
		if (!i)
			return "dropline:none"
		fields(i)
		drop(i)
		return "dropline:" f[1] "/" f[4]
	}
	if (op == "trunc") {
		i = find("*")
		fields(i)
		if (nf <= 4)
			return "trunc:none"
		k = 1 + rnd(nf - 4)
		nf -= k
		z[i] = join()
		return "trunc:" f[4] "-" k
	}
	if (op == "esc") {
		i = find("*")
		fields(i)
		v = pick("\\999 \\25 \\ \\065 \\. \\256 x\\ \\1")
		if (rnd(2)) {
			f[1] = (f[1] == "@" ? "a" : f[1]) v
			s = "owner"
		} else {
			f[nf] = f[nf] v
			s = "rdata"
		}
		z[i] = join()
		return "esc:" s "=" v
	}
	if (op == "txt") {
		k = rnd(3)
		if (k == 0)
			v = "\"" repeat("t", 253 + rnd(5)) "\""
		else if (k == 1)
			v = repeat("u", 250 + rnd(10))
		else {
			v = ""
			n = 255 + rnd(3)
			while (n-- > 0)
				v = v " \"" repeat("v", 254) "\""
		}
		insert(last_record() + 1, "txt\t300\tIN\tTXT\t" v)
		return "txt:" k ":" length(v)
	}
	if (op == "label") {
		k = rnd(2)
		v = k ? repeat("l", 62 + rnd(4)) : repeat(repeat("n", 60) ".", 4) repeat("n", rnd(12))
		insert(last_record() + 1, v "\t300\tIN\tA\t192.0.2.99")
		return "label:" length(v)
	}
	if (op == "type")
		return "type:" set_field(4, "AAA MXX TYPE65536 TYPE1 PTRR NSS SOAA A6 TYPE0 CNAME")
	if (op == "class")
		return "class:" set_field(3, "CH HS in ANY NONE CLASS1 CLASS3 IN")
	if (op == "cname") {
		i = find("A AAAA MX TXT")
		if (!i)
			return "cname:none"
		fields(i)
		insert(i + 1, f[1] "\t300\tIN\tCNAME\telsewhere.example.")
		return "cname:" f[1]
	}
	if (op == "atowner") {
		i = find("A AAAA PTR CNAME")
		if (!i)
			return "atowner:none"
		fields(i)
		f[1] = f[1] pick("@Z @ @example")
		z[i] = join()
		return "atowner:" f[1]
	}
	if (op == "paren") {
		i = find("*")
		fields(i)
		f[5] = (rnd(2) ? "( " : ") ") f[5]
		z[i] = join()
		return "paren"
	}
	if (op == "quote") {
		i = find("TXT NAPTR CAA")
		if (!i)
			return "quote:none"
		fields(i)
		f[nf] = f[nf] "\""
		z[i] = join()
		return "quote"
	}
	if (op == "dup") {
		i = find("*")
		insert(i, z[i])
		return "dup"
	}
	if (op == "blank") {
		i = find("*")
		fields(i)
		f[1] = ""
		z[i] = join()
		return "blank:" f[4]
	}
	return "none"
}
FNR == 1 {
	nseeds++
	name[nseeds] = FILENAME
	sub(/.*\//, "", name[nseeds])
	origin[nseeds] = substr(name[nseeds], 4)
}
{ line[nseeds, ++nlines[nseeds]] = $0 }
END {
	state = seed % 2147483646 + 1
	manifest = out "/manifest"
	# the directories first, by one mkdir for thousands (not a fork each)
	for (zone = 1; zone <= count; zone++)
		printf "%s/%05d\n", out, zone | "xargs mkdir -p"
	close("xargs mkdir -p")
	for (zone = 1; zone <= count; zone++) {
		s = zone <= nseeds ? zone : 1 + rnd(nseeds)
		nz = nlines[s]
		for (i = 1; i <= nz; i++)
			z[i] = line[s, i]
		what = "seed"
		if (zone > nseeds) {
			# a mutation with nothing to act on ("addr:none") tries again
			for (k = 0; k < 4 && (what = mutate()) ~ /:none$/; k++)
				;
			if (rnd(4) == 0)
				what = what " " mutate()
		}
		file = sprintf("%s/%05d/%s", out, zone, name[s])
		for (i = 1; i <= nz; i++)
			print z[i] > file
		close(file)
		printf "%05d %s %s %s\n", zone, origin[s], name[s], what > manifest
	}
	close(manifest)
}' "$@"
