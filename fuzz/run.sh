#!/bin/sh
# run.sh SECONDS TARGET... — run libFuzzer targets from build/fuzz/, two at
# a time (the build machines have 2 cores), each for SECONDS, nice'd, over
# its growing corpus build/fuzz/corpus/T and its seeds build/fuzz/seeds/
# (fuzz/seeds.sh). Logs go to build/fuzz/logs/T.log, crashes to
# build/fuzz/crashes/. Prints one line per target: executions and
# coverage (libFuzzer's cov/ft), or the log's tail when it failed.
# Exit 1 if any target found a crash, leak, timeout or UB.
secs=$1
shift
mkdir -p build/fuzz/crashes build/fuzz/logs
failed=0

dict_of() {
	case $1 in
	fuzz_config) echo "-dict=fuzz/config.dict" ;;
	fuzz_split|fuzz_load|fuzz_fastparse|fuzz_git) echo "-dict=fuzz/zone.dict" ;;
	esac
}

run() { # target
	mkdir -p "build/fuzz/corpus/$1"
	# shellcheck disable=SC2046
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	nice "build/fuzz/$1" -max_total_time="$secs" -timeout=25 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="build/fuzz/crashes/$1-" $(dict_of "$1") \
		"build/fuzz/corpus/$1" "build/fuzz/seeds/${1#fuzz_}" >"build/fuzz/logs/$1.log" 2>&1
}

report() { # target status
	log=build/fuzz/logs/$1.log
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1)
	if [ "$2" -eq 0 ]; then
		echo "fuzz: $1 ok, ${runs:-?} runs in ${secs}s, $cov"
	else
		echo "fuzz: $1 FAILED (exit $2; $log, crashes in build/fuzz/crashes/)"
		tail -40 "$log"
		failed=1
	fi
}

while [ $# -gt 0 ]; do
	a=$1
	shift
	b=
	if [ $# -gt 0 ]; then
		b=$1
		shift
	fi
	run "$a" &
	pa=$!
	if [ -n "$b" ]; then
		run "$b" &
		pb=$!
	fi
	wait $pa
	report "$a" $?
	if [ -n "$b" ]; then
		wait $pb
		report "$b" $?
	fi
done
[ $failed -eq 0 ]
