#!/bin/sh
# bench.sh — `make bench` (issue 7): ptrlint against the zone checkers users
# know, on zone sets made by tools/genzones, with the table of
# docs/PERFORMANCE.md as output.
#
#   sh tools/bench.sh PTRLINT GENZONES [ZSCAN]
#
# Sets (generated once into bench-data/, kept while genzones and its
# arguments are unchanged): big-10k, big-100k, big-1m (one forward zone, a
# /16 in-addr.arpa zone per 65k addresses plus carved-out /24 zones, one
# ip6.arpa zone) and many-1m (the same hosts in 10,000 small zone files).
# Each tool runs BENCH_RUNS times (default 3), interleaved: run 1 of every
# tool on every set, then run 2, ... Peers check one zone per process, so
# their wall, user+sys are summed over the zones of a set and their peak RSS
# is the largest of any zone; ptrlint lints the whole set in one process
# (full lint, all rules, -f json > /dev/null). Peers are skipped on the
# many-files set: 10,000 process starts per run measure process start-up.
#
# Environment: BENCH_RUNS, BENCH_SETS (subset of the names above),
# BENCH_DATA (default bench-data), BENCH_NO_INSTALL=1 (use what is installed).
set -u
if [ $# -lt 2 ]; then
	echo "usage: $0 PTRLINT GENZONES [ZSCAN]" >&2
	exit 2
fi
abs() { case $1 in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
ptrlint=$(abs "$1")
genzones=$(abs "$2")
zscan=
[ $# -ge 3 ] && [ -x "$3" ] && zscan=$(abs "$3")
runs=${BENCH_RUNS:-3}
data=$(abs "${BENCH_DATA:-bench-data}")
sets=${BENCH_SETS:-big-10k big-100k big-1m many-1m}
seed=20261123
timebin=/usr/bin/time

# --- peers: install what Debian has, say what it has not ----------------
# Debian 12 ships kzonecheck in knot-dnssecutils, not in knot.
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
if [ -z "${BENCH_NO_INSTALL:-}" ]; then
	want=""
	for p in bind9-utils knot knot-dnssecutils nsd ldnsutils validns libknot-dev time; do
		dpkg -s "$p" >/dev/null 2>&1 && continue
		cand=$(apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/ { print $2 }')
		if [ -z "$cand" ] || [ "$cand" = "(none)" ]; then
			echo "bench: package $p does not exist here: skipped"
			continue
		fi
		want="$want $p"
	done
	if [ -n "$want" ]; then
		echo "bench: installing$want"
		$SUDO apt-get install -y -qq $want >/dev/null 2>&1 ||
			echo "bench: apt-get install$want failed; peers that are missing are skipped"
	fi
fi
[ -x "$timebin" ] || { echo "bench: $timebin (package time) is needed" >&2; exit 2; }

peers=""
for t in validns named-checkzone kzonecheck nsd-checkzone ldns-read-zone; do
	if command -v "$t" >/dev/null 2>&1; then
		peers="$peers $t"
	else
		echo "bench: $t is not installed: skipped"
	fi
done
[ -n "$zscan" ] || echo "bench: libzscanner (libknot-dev) is not installed: no bare-parse row"

# --- the sets ------------------------------------------------------------
set_args() { # name -> genzones arguments
	case $1 in
	big-10k) echo "--hosts 10000 --shape big" ;;
	big-100k) echo "--hosts 100000 --shape big" ;;
	big-1m) echo "--hosts 1000000 --shape big" ;;
	many-100k) echo "--hosts 100000 --shape many" ;;
	many-1m) echo "--hosts 1000000 --shape many" ;;
	*) echo "bench: unknown set $1" >&2; exit 2 ;;
	esac
}
gen_sum=$(cksum <"$genzones" | cut -d' ' -f1)
mkdir -p "$data"
for s in $sets; do
	stamp="$(set_args "$s") --seed $seed genzones:$gen_sum"
	if [ -f "$data/$s/.stamp" ] && [ "$(cat "$data/$s/.stamp")" = "$stamp" ]; then
		continue
	fi
	echo "bench: generating $s"
	rm -rf "${data:?}/$s"
	# shellcheck disable=SC2046
	"$genzones" $(set_args "$s") --seed $seed --out "$data/$s" || exit 2
	echo "$stamp" >"$data/$s/.stamp"
done

# --- one measurement -------------------------------------------------------
# Each appends "set tool run zone wall user sys rss_kb rc" to $results.
results=$data/results.tsv
: >"$results"

measure() { # set tool run zone dir cmd... (runs cmd in dir)
	m_set=$1 m_tool=$2 m_run=$3 m_zone=$4 m_dir=$5
	shift 5
	(cd "$m_dir" && "$timebin" -f '%e %U %S %M' -o "$data/.time" "$@" >/dev/null 2>"$data/.err" </dev/null)
	m_rc=$?
	# /usr/bin/time reports a killed or failing child on a line of its own
	m_t=$(tail -n 1 "$data/.time")
	echo "$m_set	$m_tool	$m_run	$m_zone	$m_t	$m_rc" | tr ' ' '\t' >>"$results"
}

run_peer() { # set run tool
	dir=$data/$1
	while IFS='	' read -r origin file records; do
		case $3 in
		validns) measure "$1" "$3" "$2" "$origin" "$dir" validns -z "$origin" "$file" ;;
		named-checkzone) measure "$1" "$3" "$2" "$origin" "$dir" named-checkzone "$origin" "$file" ;;
		kzonecheck) measure "$1" "$3" "$2" "$origin" "$dir" kzonecheck -o "$origin" "$file" ;;
		nsd-checkzone) measure "$1" "$3" "$2" "$origin" "$dir" nsd-checkzone "$origin" "$file" ;;
		ldns-read-zone) measure "$1" "$3" "$2" "$origin" "$dir" ldns-read-zone "$file" ;;
		esac
	done <"$dir/zones.tsv"
}

for run in $(seq 1 "$runs"); do
	for s in $sets; do
		echo "bench: run $run/$runs, $s"
		measure "$s" ptrlint "$run" all "$data/$s" "$ptrlint" -f json .
		if [ -n "$zscan" ]; then
			# shellcheck disable=SC2046
			measure "$s" libzscanner "$run" all "$data/$s" "$zscan" $(awk -F'\t' '{ printf "%s %s ", $1, $2 }' "$data/$s/zones.tsv")
		fi
		case $s in many-*) continue ;; esac
		for p in $peers; do
			run_peer "$s" "$run" "$p"
		done
		# the ip6.arpa zone alone: peak RSS per record where peers do worst
		ip6=$(awk -F'\t' '$1 ~ /ip6\.arpa\.$/ { print $2; exit }' "$data/$s/zones.tsv")
		[ -n "$ip6" ] && measure "$s" ptrlint "$run" ip6-only "$data/$s" "$ptrlint" -f json "$ip6"
	done
done

# --- the table -------------------------------------------------------------
# Per set and tool: per run, sum wall and user+sys over zones, max RSS; then
# the median over runs. Records: what the set holds (zones.tsv), the same
# for every tool. ratio = ptrlint's wall / the tool's wall.
for s in $sets; do
	records=$(awk -F'\t' '{ n += $3 } END { print n + 0 }' "$data/$s/zones.tsv")
	files=$(wc -l <"$data/$s/zones.tsv")
	bytes=$(du -sb "$data/$s" | cut -f1)
	echo
	echo "## $s: $records records, $files zone files, $((bytes / 1000000)) MB"
	echo
	ip6records=$(awk -F'\t' '$1 ~ /ip6\.arpa\.$/ { n += $3 } END { print n + 0 }' "$data/$s/zones.tsv")
	awk -F'\t' -v set="$s" -v records="$records" -v ip6records="$ip6records" '
	function median(list,   n, v, i, j, t) {
		n = split(list, v, " ")
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) {
				t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
			}
		return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
	}
	$1 == set {
		tool = $2 ($4 == "ip6-only" ? " (ip6.arpa zone only)" : "")
		key = tool SUBSEP $3
		if (!(tool in seen)) { seen[tool] = 1; order[++ntools] = tool }
		if (!(key in seenrun)) { seenrun[key] = 1; runlist[tool] = runlist[tool] " " $3 }
		wall[key] += $5; cpu[key] += $6 + $7
		if ($8 > rss[key]) rss[key] = $8
		if (!((tool SUBSEP $9) in rcs)) { rcs[tool SUBSEP $9] = 1; exits[tool] = exits[tool] (exits[tool] == "" ? "" : ",") $9 }
	}
	END {
		printf "| tool | wall (s) | user+sys (s) | peak RSS (MB) | RSS bytes/record | records/s | ptrlint wall ÷ tool wall | exit |\n"
		printf "|---|---:|---:|---:|---:|---:|---:|---|\n"
		for (t = 1; t <= ntools; t++) {
			tool = order[t]; wl = cl = rl = ""
			n = split(runlist[tool], rr, " ")
			for (i = 1; i <= n; i++) {
				k = tool SUBSEP rr[i]
				wl = wl " " wall[k]; cl = cl " " cpu[k]; rl = rl " " rss[k]
			}
			W[tool] = median(wl); C[tool] = median(cl); R[tool] = median(rl)
		}
		pw = W["ptrlint"]
		for (t = 1; t <= ntools; t++) {
			tool = order[t]
			rec = tool ~ /ip6.arpa zone only/ ? ip6records : records
			ratio = (tool == "ptrlint" || tool ~ /only/ || W[tool] == 0) ? "—" : sprintf("%.2f", pw / W[tool])
			printf "| %s | %.2f | %.2f | %.1f | %.0f | %.0f | %s | %s |\n", tool, W[tool], C[tool],
				R[tool] / 1024, R[tool] * 1024 / rec, (W[tool] > 0 ? rec / W[tool] : 0), ratio, exits[tool]
		}
	}' "$results"
	case $s in many-*) continue ;; esac
	# the ip6.arpa zone on its own row: where peers use the most per record
	echo
	echo "ip6.arpa zone ($ip6records records), each tool on that file alone:"
	echo
	awk -F'\t' -v set="$s" -v rec="$ip6records" '
	$1 == set && ($4 ~ /ip6\.arpa\.$/ || $4 == "ip6-only") {
		if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 }
		w[$2] = w[$2] " " $5; r[$2] = r[$2] " " $8
	}
	function median(list,   k, v, i, j, t) {
		k = split(list, v, " ")
		for (i = 2; i <= k; i++)
			for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) {
				t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
			}
		return k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
	}
	END {
		printf "| tool | wall (s) | peak RSS (MB) | RSS bytes/record |\n|---|---:|---:|---:|\n"
		for (i = 1; i <= n; i++) {
			t = order[i]; mr = median(r[t])
			printf "| %s | %.2f | %.1f | %.0f |\n", t, median(w[t]), mr / 1024, mr * 1024 / rec
		}
	}' "$results"
done

# --- scaling lines ---------------------------------------------------------
med() { # set tool zone -> median wall of ptrlint-like single-process rows
	awk -F'\t' -v s="$1" -v t="$2" -v z="$3" '$1 == s && $2 == t && $4 == z { print $5 }' "$results" |
		sort -n | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
echo
w10k=$(med big-10k ptrlint all)
w1m=$(med big-1m ptrlint all)
wmany=$(med many-1m ptrlint all)
if [ -n "$w10k" ] && [ -n "$w1m" ]; then
	echo "linear: ptrlint big-1m / big-10k = $w1m s / $w10k s = $(echo "$w1m $w10k" | awk '{ printf "%.1f", $1 / $2 }')× (target ≤ 110×)"
fi
if [ -n "$wmany" ] && [ -n "$w1m" ]; then
	echo "many files: ptrlint many-1m / big-1m = $wmany s / $w1m s = $(echo "$wmany $w1m" | awk '{ printf "%.2f", $1 / $2 }')× (target ≤ 2×)"
fi
echo
echo "bench: raw timings in $results"
