#!/bin/sh
# test_output.sh PTRLINT — where the report goes (SPEC §2 "Paths", §9 "an
# interrupted run leaves no temporary file"), run from the repository top
# (mk/output.mk, part of `make check`, about a second):
#   -o -, a new file, an existing file's mode, a link at FILE, a FIFO and a
#   character device written in place, a write error, paths that cannot
#   take a report; SIGTERM, SIGHUP and SIGPIPE while the temporary file
#   exists; findings before the text summary in one pipe; github's notice.
# Devices are made with mknod inside the scratch directory (as root only):
# a broken build must never get the chance to replace the machine's own.
# Prints "output: N passed, N failed"; exit 1 if any failed.
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
top=$(pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "output: FAIL: $*"; }
export NO_COLOR=1 PTRLINT_NO_TIME=1

cp -R "$top/fixtures/demo" "$T/z"
cd "$T" || exit 1
"$bin" z >expected.txt 2>/dev/null
[ -s expected.txt ] || { echo "output: the demo gives no report"; exit 1; }

mode_of() { stat -c %a "$1"; }
same_report() { cmp -s expected.txt "$1"; }

# -o - is standard output, not a file named "-"
"$bin" -o - z >stdout.txt 2>/dev/null
if same_report stdout.txt && [ ! -e ./- ]; then ok; else bad "-o - did not write to standard output"; fi

# a new file gets 0666 & ~umask, not mkstemp's 0600
(umask 027 && "$bin" -o new.txt z >/dev/null 2>&1)
if same_report new.txt && [ "$(mode_of new.txt)" = 640 ]; then ok
else bad "-o new.txt: mode $(mode_of new.txt), expected 640 under umask 027"; fi

# an existing file is replaced and keeps its mode
echo old >kept.txt
chmod 604 kept.txt
"$bin" -o kept.txt z >/dev/null 2>&1
if same_report kept.txt && [ "$(mode_of kept.txt)" = 604 ]; then ok
else bad "-o kept.txt: mode $(mode_of kept.txt), expected 604 kept"; fi

# a link is replaced, its target left alone
echo target >target.txt
ln -s target.txt link.txt
"$bin" -o link.txt z >/dev/null 2>&1
if [ ! -L link.txt ] && same_report link.txt && [ "$(cat target.txt)" = target ]; then ok
else bad "-o link.txt followed the link or did not replace it"; fi

# a FIFO is written in place: a reader gets the report, the FIFO stays
mkfifo fifo
timeout 10 cat fifo >from-fifo.txt &
reader=$!
"$bin" -o fifo z >/dev/null 2>&1
wait $reader
if [ -p fifo ] && same_report from-fifo.txt && [ -z "$(ls | grep 'ptrlint-')" ]; then ok
else bad "-o fifo replaced the FIFO or lost the report"; fi

# /dev/fd/N is the open descriptor
"$bin" -o /dev/fd/1 z >fd1.txt 2>/dev/null
if same_report fd1.txt; then ok; else bad "-o /dev/fd/1 did not write to standard output"; fi

# character devices (as root, where mknod works): written in place; a
# full device is a write error, exit 2, however small the report
if mknod null c 1 3 2>/dev/null && mknod full c 1 7 2>/dev/null; then
	"$bin" -o null z >/dev/null 2>&1
	if [ -c null ]; then ok; else bad "-o to a character device replaced it"; fi
	"$bin" -o full z >/dev/null 2>err.txt
	rc=$?
	if [ $rc = 2 ] && [ -c full ] && grep -q "cannot write 'full'" err.txt; then ok
	else bad "-o to a full device: exit $rc, $(cat err.txt)"; fi
else
	echo "output: mknod refused (not root): device cases skipped"
fi

# what cannot hold a report: exit 2, a message, nothing changed
mkdir dir
"$bin" -o dir z >/dev/null 2>err.txt
rc=$?
if [ $rc = 2 ] && [ -d dir ] && grep -q "directory" err.txt; then ok
else bad "-o dir: exit $rc, $(cat err.txt)"; fi
if command -v python3 >/dev/null 2>&1 &&
	python3 -c 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' sock 2>/dev/null; then
	"$bin" -o sock z >/dev/null 2>err.txt
	rc=$?
	if [ $rc = 2 ] && [ -S sock ] && grep -q "socket" err.txt; then ok
	else bad "-o sock: exit $rc, $(cat err.txt)"; fi
fi
if [ -n "$(ls | grep 'ptrlint-')" ]; then bad "temporary files left: $(ls | grep 'ptrlint-')"; else ok; fi

# A signal while the temporary file exists. The text summary goes to
# stderr after the report is written to the temporary file; with stderr a
# FIFO whose buffer is already full, ptrlint waits there, temp file open.
mkfifo errpipe
exec 3<>errpipe
yes >&3 &
filler=$!
sleep 0.3
kill $filler
wait $filler 2>/dev/null
interrupted() { # signal expected-status
	rm -f sig.txt
	"$bin" -o sig.txt z >/dev/null 2>errpipe 3>&- &
	pid=$!
	i=0
	while [ -z "$(ls | grep 'sig.txt.ptrlint-')" ] && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	if [ "$1" = PIPE ]; then
		exec 3>&-    # the last reader goes: the blocked write gets SIGPIPE
	else
		kill -s "$1" $pid
	fi
	wait $pid
	rc=$?
	left=$(ls | grep 'sig.txt')
	if [ $rc = "$2" ] && [ -z "$left" ]; then ok
	else bad "SIG$1 while writing: exit $rc (expected $2), left behind: $left"; fi
}
interrupted TERM 143
interrupted HUP 129
interrupted PIPE 141
exec 3>&-

# findings come before the summary when stdout and stderr share a pipe
last=$("$bin" z 2>&1 | tail -n 1)
case $last in
*" in 3 zones, "*) ok ;;
*) bad "text: the summary is not the last line in a shared pipe: '$last'" ;;
esac

# github: one ::notice:: with the summary, last
last=$("$bin" -f github z 2>/dev/null | tail -n 1)
case $last in
"::notice::"*" in 3 zones, "*) ok ;;
*) bad "github: no ::notice:: summary at the end: '$last'" ;;
esac

echo "output: $passed passed, $failed failed"
[ $failed = 0 ]
