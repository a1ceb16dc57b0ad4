#!/usr/bin/env bash
# The portfolio report at scale (issue 21), over 10,000 single-document descriptors from bench/Corpus:
#   (a) what --format html (and markdown) adds to `recommend` over the same files: wall time of
#       `recommend --format json` and `recommend --format html` (and markdown), run alternately
#       (A B, B A, …), medians; the target is at most one second more than json
#   (b) opening that HTML report in Debian's chromium and answering filter keystrokes: the slow test
#       ScaleTests run on the CLI's own file (keydown to the frame after the list changed); target 200 ms
# usage: bench/report.sh [--runs N] [--count N]
# Environment: BENCH_DIR (default /tmp/deployadvisor-bench) holds the build, the corpus and the reports.
# The lead calls it from bench/run.sh; it writes nothing inside the repository except bin/ and obj/.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-/tmp/deployadvisor-bench}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
RUNS=5; COUNT=10000
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift ;;
    --count) COUNT="$2"; shift ;;
    -h|--help) sed -n 2,10p "$0"; exit 0 ;;
    *) echo "report.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

OUT="$BENCH_DIR/report"; mkdir -p "$OUT"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "NaN"; exit} if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

echo "building the CLI and the corpus generator (Release)…"
dotnet build "$ROOT/src/Advisor.Cli" -c Release -o "$OUT/cli" -v q -nologo >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
dotnet build "$ROOT/bench/Corpus" -c Release -o "$OUT/corpus-tool" -v q -nologo >>"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
CORPUS="$OUT/corpus-$COUNT"
if [ ! -d "$CORPUS" ]; then
  dotnet "$OUT/corpus-tool/corpus.dll" descriptors --count "$COUNT" --single --schema-error-percent 0 --out "$CORPUS" || exit 1
fi
CLI=(dotnet "$OUT/cli/deploy-advisor.dll")

run() { # run FORMAT: one timed recommend over the corpus, output to a file
  local fmt="$1" t0 t1
  t0=$(now_ms)
  (cd "$CORPUS" && "${CLI[@]}" recommend . --format "$fmt" -o "$OUT/report.$fmt" >/dev/null 2>"$OUT/$fmt.err")
  local rc=$?
  t1=$(now_ms)
  if [ $rc -gt 1 ]; then echo "recommend --format $fmt failed ($rc):" >&2; cat "$OUT/$fmt.err" >&2; exit 1; fi
  echo $((t1 - t0)) >> "$OUT/times.$fmt"
}

rm -f "$OUT"/times.*
run json; run html  # warm the file cache and the JIT's disk caches
rm -f "$OUT"/times.*
for i in $(seq 1 "$RUNS"); do
  if [ $((i % 2)) = 1 ]; then run json; run html; run markdown; else run markdown; run html; run json; fi
done
J=$(median < "$OUT/times.json"); H=$(median < "$OUT/times.html"); M=$(median < "$OUT/times.markdown")
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "recommend over $COUNT descriptors, medians of $RUNS: json ${J} ms, html ${H} ms (+$(awk -v a="$H" -v b="$J" 'BEGIN{print a-b}') ms), markdown ${M} ms (+$(awk -v a="$M" -v b="$J" 'BEGIN{print a-b}') ms)"
echo "html size: $(awk -v b="$(stat -c %s "$OUT/report.html")" 'BEGIN{printf "%.1f MiB", b/1048576}'), markdown size: $(stat -c %s "$OUT/report.markdown") characters (bytes)"

echo "opening the report in chromium and typing into the filter…"
FIG="$OUT/browser-figures.txt"; rm -f "$FIG"
DEPLOYADVISOR_REPORT_HTML="$OUT/report.html" DEPLOYADVISOR_REPORT_FIGURES="$FIG" \
  dotnet test "$ROOT/tests/Advisor.Report.Tests" --filter "FullyQualifiedName~ScaleTests" -nologo -v q >"$OUT/browser.log" 2>&1
rc=$?
if [ -f "$FIG" ]; then echo "browser: $(cat "$FIG")"; else echo "browser: no figures (see $OUT/browser.log)"; fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $rc
