#!/usr/bin/env bash
# Prints every ratio of issue 6, each measured against its baseline in this same run, alternately
# (A B, B A, A B, …: the order swaps every pair):
#   (a) lint --format json over 10k descriptors vs a parallel bare YamlDotNet parse (bench/ParseFloor),
#       both Native AOT and both ReadyToRun; peak memory at 10k and 100k
#   (b) the same linter vs ajv-cli + js-yaml over 10k single-document descriptors (draft-07 schema copy);
#       first the tool as the README installs it (issue 22: < 0.5x), then the published binary
#   (c) cold start: recommend of one small file vs a hello-world console app (a default JIT apphost;
#       first the installed tool (issue 22: <= 1.0x), then the published Native AOT binary, also vs a
#       Native AOT hello world, the ReadyToRun CLI, and the JIT fallback package (any) for reference)
# The installed tool: `dotnet pack src/Advisor.Cli -o FEED && dotnet tool install --tool-path DIR
# --add-source FEED DeployAdvisor.Cli`, the README's command with a private feed, tool path and package folder.
#   (d) analyzer cost on a generated project of 2,000 [Workload] types: analyzers+generator time as a %
#       of the compilation (-p:ReportAnalyzer=true), and whole build with/without the analyzer
#   (e) artifacts: over a generated repository of 2,000 Kubernetes manifests and 2,000 Dockerfiles, `infer`
#       and `lint` of 2,000 descriptors whose spec.artifacts name them, each vs `lint` of the same 2,000
#       descriptors without spec.artifacts (target <= 2x), in json and in the default format; peak memory
#       of all three at 2k and 20k
#
# usage: bench/run.sh [--quick] [--only lint,peer,cold,analyzer,artifacts,waits,experiments] [--runs N] [--no-100k]
#   --quick        few repetitions (3 pairs, cold start 10 pairs, analyzer 1 pair), no 100k corpus:
#                  for a check on a shared machine; the default is 5 pairs (cold start 20, whole builds 6,
#                  reported builds 3)
#   --only         a comma-separated subset of the parts above
#   waits          (not in the default set; with analyzer) one more reported build, recorded with perf, that
#                  splits the time the compiler charges to our callbacks into CPU, waits for a core and
#                  blocking waits (bench/analyzer-waits.py; needs perf and python3)
#   experiments    (not in the default set) CLI variants built into $BENCH_DIR with publish properties
#                  to measure product changes before making them
# Environment: BENCH_DIR (default /tmp/deployadvisor-bench) holds builds, corpora, the npm cache and logs;
# nothing is written inside the repository except the projects' own bin/ and obj/.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-/tmp/deployadvisor-bench}"
mkdir -p "$BENCH_DIR" && BENCH_DIR="$(cd "$BENCH_DIR" && pwd)"   # absolute: some parts run from inside it
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

QUICK=0; ONLY="lint,peer,cold,analyzer,artifacts"; RUNS=""; BIG=1
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1; BIG=0 ;;
    --only) ONLY="$2"; shift ;;
    --runs) RUNS="$2"; shift ;;
    --no-100k) BIG=0 ;;
    -h|--help) sed -n 2,30p "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$RUNS" ]; then RUNS=$([ $QUICK = 1 ] && echo 3 || echo 5); fi
COLD_RUNS=$([ $QUICK = 1 ] && echo 10 || echo 20)
# Whole builds of the 2,000-type project move by ±5 s between runs of the same build, as much as the
# package's cost: 3 pairs read from 0.96x to 1.14x in one afternoon while 15 pairs read 1.04x
# (docs/performance.md, ninth round), so the full mode takes 6.
BUILD_RUNS=$([ $QUICK = 1 ] && echo 1 || echo 6)
want() { [[ ",$ONLY," == *",$1,"* ]]; }

mkdir -p "$BENCH_DIR/logs"
SUMMARY="$BENCH_DIR/summary.txt"; : > "$SUMMARY"
say() { echo "$*"; }
result() { echo "$*" | tee -a "$SUMMARY"; }
skip() { result "SKIP $1: $2"; }

# ---------- timing helpers ----------
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "NaN"; exit} if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
# time_once FILE CMD...: runs CMD (stdout to /dev/null), appends its wall ms to FILE; exit codes 0 and 1 are
# both answers (lint exits 1 on findings), anything else is a failure.
time_once() {
  local out="$1"; shift
  local t0 t1 rc
  t0=$(now_ms); "$@" > /dev/null 2>>"$BENCH_DIR/logs/stderr.log"; rc=$?; t1=$(now_ms)
  if [ $rc -gt 1 ]; then echo "command failed ($rc): $*" >&2; return $rc; fi
  echo $((t1 - t0)) >> "$out"
}
# alternate LABEL N "A-name" A-function "B-name" B-function: one warm-up each, then N pairs A B, B A, A B…
# prints medians and the ratio A/B; sets RATIO, MED_A, MED_B.
alternate() {
  local label="$1" n="$2" na="$3" fa="$4" nb="$5" fb="$6"
  local ta tb; ta=$(mktemp); tb=$(mktemp)
  "$fa" > /dev/null 2>&1; "$fb" > /dev/null 2>&1   # warm the file cache and the disk
  # A B, B A, A B, …: whichever runs first in a pair can gain or lose (a warm compiler server, page
  # cache, the drift of a shared machine); swapping the order every pair spreads that over both sides.
  local order
  for ((i = 0; i < n; i++)); do
    if ((i % 2 == 0)); then order="a b"; else order="b a"; fi
    for side in $order; do
      if [ "$side" = a ]; then time_once "$ta" "$fa"; else time_once "$tb" "$fb"; fi || { rm -f "$ta" "$tb"; return 1; }
    done
  done
  MED_A=$(median < "$ta"); MED_B=$(median < "$tb")
  RATIO=$(awk -v a="$MED_A" -v b="$MED_B" 'BEGIN {printf "%.2f", a / b}')
  result "$label: ${RATIO}x  ($na median ${MED_A} ms vs $nb median ${MED_B} ms; $n pairs, order swapped each pair; runs A: $(tr '\n' ' ' < "$ta")B: $(tr '\n' ' ' < "$tb"))"
  rm -f "$ta" "$tb"
}
peak_mib() {  # peak_mib CMD...: peak resident set of CMD in MiB, wall seconds
  local f; f=$(mktemp)
  /usr/bin/time -f "%M %e" -o "$f" "$@" > /dev/null 2>>"$BENCH_DIR/logs/stderr.log"
  # (time writes "Command exited with non-zero status 1" first when lint reports findings)
  tail -1 "$f" | awk '{printf "%.0f MiB peak RSS, %.2f s", $1 / 1024, $2}'; rm -f "$f"
}

# ---------- builds ----------
publish() {  # publish PROJECT OUTDIR [props...]: retried, since other builds may hold files under obj/
  local proj="$1" out="$2"; shift 2
  for attempt in 1 2 3; do
    if dotnet publish "$ROOT/$proj" -c Release -o "$out" "$@" > "$BENCH_DIR/logs/publish-$(basename "$out").log" 2>&1; then return 0; fi
    say "  publish of $proj failed (attempt $attempt); see $BENCH_DIR/logs/publish-$(basename "$out").log"; sleep 3
  done
  return 1
}
say "== machine: $(nproc) cores, $(free -m | awk '/Mem:/ {print $2}') MiB RAM, .NET SDK $(dotnet --version), load $(cut -d' ' -f1-3 /proc/loadavg)"
say "== building into $BENCH_DIR (Release publish; logs in $BENCH_DIR/logs)"
publish bench/Corpus "$BENCH_DIR/corpus-bin" || { echo "cannot build bench/Corpus" >&2; exit 1; }
# Two ways of publishing, each applied to the CLI and to its baselines alike: ReadyToRun (framework-dependent,
# precompiled, JIT for the rest) and Native AOT (no JIT; needs a C toolchain). $CLI is the fastest CLI built.
RID_ARGS=(-r linux-x64 --self-contained false -p:PublishReadyToRun=true)
AOT_ARGS=(-r linux-x64 -p:PublishAot=true)
CLI_R2R="$BENCH_DIR/cli-r2r/deploy-advisor"; CLI_AOT="$BENCH_DIR/cli-aot/deploy-advisor"
# (DeployAdvisorAot=false: a RID-specific publish of the CLI is Native AOT unless told otherwise.)
if publish src/Advisor.Cli "$BENCH_DIR/cli-r2r" "${RID_ARGS[@]}" -p:DeployAdvisorAot=false; then HAVE_CLI=1; else HAVE_CLI=0; say "  the CLI does not build: parts a-c are skipped"; fi
# The CLI's own switch (PublishAot on the command line would reach the netstandard2.0 engine).
if [ $HAVE_CLI = 1 ] && publish src/Advisor.Cli "$BENCH_DIR/cli-aot" -r linux-x64 -p:DeployAdvisorAot=true; then HAVE_AOT=1; else HAVE_AOT=0; say "  no Native AOT build (no C toolchain?): AOT lines are skipped"; fi
CLI=$([ $HAVE_AOT = 1 ] && echo "$CLI_AOT" || echo "$CLI_R2R")
publish bench/ParseFloor "$BENCH_DIR/floor" "${RID_ARGS[@]}" || exit 1
publish bench/HelloWorld "$BENCH_DIR/hello" "${RID_ARGS[@]}" || exit 1
if [ $HAVE_AOT = 1 ]; then
  publish bench/ParseFloor "$BENCH_DIR/floor-aot" "${AOT_ARGS[@]}" || HAVE_AOT=0
  publish bench/HelloWorld "$BENCH_DIR/hello-aot" "${AOT_ARGS[@]}" || HAVE_AOT=0
fi
CORPUS="$BENCH_DIR/corpus-bin/corpus"

# ---------- the installed tool (issue 22), for (b) and (c) ----------
# Packed and installed as the README says; the feed, the tool path and the package folder are private, so a
# package of the same version elsewhere is never picked. TOOL is the installed command (a link into the
# tool store); FALLBACK_DLL the framework-dependent `any` package's dll, run with `dotnet` for reference.
TOOL=""; FALLBACK_DLL=""
if [ $HAVE_CLI = 1 ] && { want peer || want cold; }; then
  rm -rf "$BENCH_DIR/tool-feed" "$BENCH_DIR/tool" "$BENCH_DIR/tool-packages" "$BENCH_DIR/tool-any"
  if dotnet pack "$ROOT/src/Advisor.Cli" -c Release -o "$BENCH_DIR/tool-feed" --artifacts-path "$BENCH_DIR/tool-artifacts" > "$BENCH_DIR/logs/tool-pack.log" 2>&1 \
     && printf '<configuration><packageSources><clear /><add key="feed" value="%s" /></packageSources></configuration>' "$BENCH_DIR/tool-feed" > "$BENCH_DIR/tool-nuget.config" \
     && NUGET_PACKAGES="$BENCH_DIR/tool-packages" dotnet tool install --tool-path "$BENCH_DIR/tool" --configfile "$BENCH_DIR/tool-nuget.config" DeployAdvisor.Cli > "$BENCH_DIR/logs/tool-install.log" 2>&1; then
    TOOL="$BENCH_DIR/tool/deploy-advisor"
    say "  installed tool: $TOOL -> $(readlink "$TOOL") ($(file -bL "$TOOL" | cut -d, -f1-2))"
    any_pkg=$(ls "$BENCH_DIR"/tool-feed/DeployAdvisor.Cli.any.*.nupkg 2>/dev/null | head -1)
    if [ -n "$any_pkg" ] && mkdir -p "$BENCH_DIR/tool-any" && unzip -q -o "$any_pkg" -d "$BENCH_DIR/tool-any"; then
      FALLBACK_DLL="$BENCH_DIR/tool-any/tools/net10.0/any/deploy-advisor.dll"
    fi
  else
    say "  the tool does not pack or install (see $BENCH_DIR/logs/tool-pack.log, tool-install.log): installed-tool lines are skipped"
  fi
fi

corpus() {  # corpus NAME ARGS...: generated once per argument set (deterministic by seed)
  local name="$1" dir="$BENCH_DIR/$1"; shift
  if [ "$(cat "$dir.args" 2>/dev/null)" != "$*" ] || [ ! -d "$dir" ]; then
    rm -rf "$dir"; "$CORPUS" descriptors --out "$dir" "$@" > "$dir.info" && echo "$*" > "$dir.args"
  fi
  say "  corpus $name: $(cat "$dir.info")"
}
cli_has() {  # cli_has COMMAND ARGS: the CLI knows a command and option (exit code 2 means it does not)
  [ $HAVE_CLI = 1 ] || return 1
  "$CLI" "$@" --help > /dev/null 2>&1
}

# ---------- (a) lint vs parse floor, peak memory ----------
if want lint; then
  say "== (a) lint throughput vs the parse floor"
  corpus c10k --count 10000 --seed 42
  if cli_has lint --format json; then
    floor10k() { "$BENCH_DIR/floor/parse-floor" "$BENCH_DIR/c10k"; }
    if [ $HAVE_AOT = 1 ]; then
      lint10k_aot() { "$CLI_AOT" lint "$BENCH_DIR/c10k" --format json; }
      floor10k_aot() { "$BENCH_DIR/floor-aot/parse-floor" "$BENCH_DIR/c10k"; }
      alternate "lint 10k / parse floor, both Native AOT (target <= 1.2x)" "$RUNS" lint lint10k_aot floor floor10k_aot
      alternate "lint 10k (Native AOT) / parse floor (ReadyToRun)" "$RUNS" lint lint10k_aot floor floor10k
    else
      skip "lint, Native AOT" "no Native AOT build"
    fi
    lint10k_r2r() { "$CLI_R2R" lint "$BENCH_DIR/c10k" --format json; }
    alternate "lint 10k / parse floor, both ReadyToRun (target <= 1.2x)" "$RUNS" lint lint10k_r2r floor floor10k
    result "peak memory, lint 10k: $(peak_mib "$CLI" lint "$BENCH_DIR/c10k" --format json) (target < 400 MiB); floor 10k: $(peak_mib "$BENCH_DIR/floor/parse-floor" "$BENCH_DIR/c10k")"
    if [ $BIG = 1 ]; then
      corpus c100k --count 100000 --seed 42
      result "peak memory, lint 100k: $(peak_mib "$CLI" lint "$BENCH_DIR/c100k" --format json); floor 100k: $(peak_mib "$BENCH_DIR/floor/parse-floor" "$BENCH_DIR/c100k")"
    else
      skip "100k" "not in --quick (or --no-100k)"
    fi
  else
    skip "lint" "the CLI has no 'lint --format json' yet"
  fi
fi

# ---------- scale: streaming output at 10k and 100k (issue 18, item 8) ----------
# Not in the default set (it writes 220k descriptors and runs 24 whole lints): bench/run.sh --only scale.
# Each format of lint and recommend over a clean corpus (no planned violations, no schema errors) and a
# finding-heavy one (every descriptor plans a violation), at 10k and 100k files: wall time and peak RSS from
# /usr/bin/time (10k: the median of three runs; 100k: one run), then the cost per file at 100k over the cost
# per file at 10k (target <= 1.5x) and the peak at 100k (target < 400 MiB). recommend text renders a table
# per workload and takes minutes at 100k.
scale_measure() {  # scale_measure CMD...: prints "<wall s> <peak MiB>"
  local f; f=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$f" "$@" > /dev/null 2>>"$BENCH_DIR/logs/stderr.log"
  tail -1 "$f" | awk '{printf "%.2f %.0f", $1, $2 / 1024}'; rm -f "$f"
}
scale_part() {
  say "== scale: every format at 10k and 100k descriptors, clean and finding-heavy"
  corpus s10k-clean --count 10000 --seed 7 --violation-percent 0 --schema-error-percent 0
  corpus s100k-clean --count 100000 --seed 7 --violation-percent 0 --schema-error-percent 0
  corpus s10k-heavy --count 10000 --seed 7 --violation-percent 100 --schema-error-percent 2
  corpus s100k-heavy --count 100000 --seed 7 --violation-percent 100 --schema-error-percent 2
  local kind cmd small big t10 m10 t100 m100 findings
  for kind in clean heavy; do
    findings=$("$CLI" lint "$BENCH_DIR/s100k-$kind" --format json 2>/dev/null | tail -8 | awk -F': ' '/"errors"|"warnings"|"infos"/ {gsub(/,/, "", $2); n += $2} END {print n + 0}')
    say "  $kind corpus: $findings findings at 100k"
    for cmd in "lint text" "lint json" "lint sarif" "lint github" "recommend text" "recommend json"; do
      set -- $cmd
      # 10k: the run with the median time of three (a single sub-second run on a shared machine is noise)
      small=$(for r in 1 2 3; do scale_measure "$CLI" "$1" "$BENCH_DIR/s10k-$kind" --format "$2" --output "$BENCH_DIR/scale-out"; echo; done | sort -n | sed -n 2p)
      big=$(scale_measure "$CLI" "$1" "$BENCH_DIR/s100k-$kind" --format "$2" --output "$BENCH_DIR/scale-out")
      read -r t10 m10 <<< "$small"; read -r t100 m100 <<< "$big"
      result "$(awk -v c="$cmd" -v k="$kind" -v t10="$t10" -v m10="$m10" -v t100="$t100" -v m100="$m100" 'BEGIN {
        r = (t10 > 0) ? (t100 / 100000) / (t10 / 10000) : 0
        printf "scale %-15s %-5s 10k %6.2f s %4d MiB | 100k %7.2f s %4d MiB | per file 100k/10k %.2fx (target <= 1.5x), peak %s 400 MiB", c, k, t10, m10, t100, m100, r, (m100 < 400 ? "<" : ">=") }')"
    done
  done
  rm -f "$BENCH_DIR/scale-out"
}
if want scale; then
  if [ $HAVE_CLI = 1 ]; then scale_part; else skip "scale" "no CLI"; fi
fi
# ---------- end of scale ----------

# ---------- (e) artifacts: infer and lint against artifacts ----------
# The baseline is lint of the same descriptors without spec.artifacts, in the same run: what artifacts add
# is reading, parsing and comparing 4,000 more files. The installed CLI ($CLI: Native AOT when it builds).
artifact_corpus() {  # artifact_corpus NAME COUNT: generated once per count (deterministic by seed)
  local dir="$BENCH_DIR/$1"
  if [ "$(cat "$dir.args" 2>/dev/null)" != "$2" ] || [ ! -d "$dir" ]; then
    rm -rf "$dir"; "$CORPUS" artifacts --count "$2" --out "$dir" --seed 42 > "$dir.info" && echo "$2" > "$dir.args"
  fi
  say "  corpus $1: $(cat "$dir.info")"
}
if want artifacts; then
  if cli_has infer --format json; then
    say "== (e) artifacts: infer and lint with spec.artifacts vs lint of plain descriptors"
    artifact_corpus a2k 2000
    artifact_corpus a20k 20000
    A2K="$BENCH_DIR/a2k"; A20K="$BENCH_DIR/a20k"
    # Run from the corpora's folder with relative paths, as a user runs the tool at a repository's root: the
    # paths every command prints are then below the working folder (from elsewhere they all start with ../,
    # which made infer's drafts 14% larger). The same for both sides of every ratio.
    lint_plain2k() { (cd "$BENCH_DIR" && "$CLI" lint a2k/plain --format json); }
    lint_artifacts2k() { (cd "$BENCH_DIR" && "$CLI" lint a2k/with-artifacts --format json); }
    infer2k() { (cd "$BENCH_DIR" && "$CLI" infer a2k/repo --format json); }
    say "  lint with artifacts, 2k: $("$CLI" lint "$A2K/with-artifacts" --format json 2>/dev/null | tail -8 | tr -d ' \n')"
    # These runs take a tenth of a second each, and five pairs of them moved by ±5% between runs of the script:
    # three times as many pairs, still a few seconds.
    alternate "infer 2k manifests + 2k Dockerfiles / lint 2k plain descriptors (target <= 2x)" "$((RUNS * 3))" infer infer2k lint-plain lint_plain2k
    alternate "lint 2k descriptors with spec.artifacts / lint 2k plain descriptors (target <= 2x)" "$((RUNS * 3))" lint-artifacts lint_artifacts2k lint-plain lint_plain2k
    # The same in the default format, which is what a user at a terminal gets: infer writes YAML drafts with a
    # comment per value, lint its text report.
    lint_plain2k_text() { (cd "$BENCH_DIR" && "$CLI" lint a2k/plain); }
    lint_artifacts2k_text() { (cd "$BENCH_DIR" && "$CLI" lint a2k/with-artifacts); }
    infer2k_text() { (cd "$BENCH_DIR" && "$CLI" infer a2k/repo); }
    alternate "default format: infer 2k (YAML drafts) / lint 2k plain descriptors (text)" "$((RUNS * 3))" infer-text infer2k_text lint-plain-text lint_plain2k_text
    alternate "default format: lint 2k descriptors with spec.artifacts / lint 2k plain descriptors (text)" "$((RUNS * 3))" lint-artifacts-text lint_artifacts2k_text lint-plain-text lint_plain2k_text
    for what in "lint plain:lint:plain" "lint with artifacts:lint:with-artifacts" "infer:infer:repo"; do
      IFS=: read -r label cmd sub <<< "$what"
      result "peak memory, $label: 2k $(peak_mib "$CLI" "$cmd" "$A2K/$sub" --format json); 20k $(peak_mib "$CLI" "$cmd" "$A20K/$sub" --format json)"
    done
  else
    skip "artifacts" "the CLI has no 'infer --format json'"
  fi
fi

# ---------- (b) peer: ajv-cli + js-yaml ----------
if want peer; then
  say "== (b) peer: ajv-cli 5 + js-yaml over single-document descriptors"
  corpus c10k-single --count 10000 --seed 43 --single
  NPM_DIR="$BENCH_DIR/npm"; AJV="$NPM_DIR/node_modules/.bin/ajv"
  if [ ! -x "$AJV" ] && command -v npm > /dev/null; then
    mkdir -p "$NPM_DIR"; (cd "$NPM_DIR" && npm install --no-audit --no-fund --silent ajv-cli@5 js-yaml@4 > "$BENCH_DIR/logs/npm.log" 2>&1)
  fi
  SCHEMA07="$BENCH_DIR/workload-v1.draft07.schema.json"
  if [ ! -x "$AJV" ]; then
    skip "peer" "ajv-cli could not be installed (npm missing or offline; see $BENCH_DIR/logs/npm.log)"
  elif ! cli_has lint --format json; then
    skip "peer" "the CLI has no 'lint --format json' yet"
  else
    # The committed schema is draft-04 (id, draft-04 $schema); ajv-cli 5 (Ajv 8) reads draft-07.
    node -e '
      const fs = require("fs"); const s = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
      if (s.id !== undefined) { s.$id = s.id; delete s.id; }
      s.$schema = "http://json-schema.org/draft-07/schema#";
      fs.writeFileSync(process.argv[2], JSON.stringify(s, null, 2));' "$ROOT/schemas/workload-v1.schema.json" "$SCHEMA07"
    # --strict=false: NJsonSchema's x-enumNames and format int32 are not Ajv keywords/formats (ignored, as editors do).
    if "$AJV" compile -s "$SCHEMA07" --spec=draft7 --strict=false > "$BENCH_DIR/logs/ajv-compile.log" 2>&1; then
      ajv10k() { (cd "$BENCH_DIR/c10k-single" && "$AJV" validate -s "$SCHEMA07" --spec=draft7 --strict=false -d '**/*.{yaml,yml}' 2>/dev/null); }
      lintsingle() { "$CLI" lint "$BENCH_DIR/c10k-single" --format json; }
      invalid=$(cd "$BENCH_DIR/c10k-single" && "$AJV" validate -s "$SCHEMA07" --spec=draft7 --strict=false -d '**/*.{yaml,yml}' 2>&1 | grep -c ' invalid$')
      da2=$("$CLI" lint "$BENCH_DIR/c10k-single" --format json 2>/dev/null | grep -o '"DA0002"' | wc -l)
      say "  ajv rejects $invalid files; deploy-advisor reports $da2 DA0002 findings (it also evaluates every rule)"
      if [ -n "$TOOL" ]; then
        lintsingle_tool() { "$TOOL" lint "$BENCH_DIR/c10k-single" --format json; }
        alternate "lint 10k single-doc, installed tool / ajv-cli+js-yaml (issue 22 target < 0.5x)" "$RUNS" installed-tool lintsingle_tool ajv ajv10k
      else
        skip "peer, installed tool" "the tool was not installed"
      fi
      alternate "lint 10k single-doc / ajv-cli+js-yaml (target < 1.0x)" "$RUNS" deploy-advisor lintsingle ajv ajv10k
      if [ -n "$FALLBACK_DLL" ]; then
        lintsingle_any() { dotnet "$FALLBACK_DLL" lint "$BENCH_DIR/c10k-single" --format json; }
        alternate "lint 10k single-doc, JIT fallback package (any) / ajv-cli+js-yaml (reference)" "$RUNS" any-fallback lintsingle_any ajv ajv10k
      fi
    else
      skip "peer" "ajv does not accept the draft-07 copy: $(head -3 "$BENCH_DIR/logs/ajv-compile.log")"
    fi
  fi
fi

# ---------- (c) cold start ----------
SMALL="$BENCH_DIR/small/payments-api.yaml"
mkdir -p "$BENCH_DIR/small"; cp "$ROOT/examples/payments-api.yaml" "$SMALL"
if want cold; then
  say "== (c) cold start: recommend of one small file vs hello world (apphosts from dotnet publish -c Release)"
  if [ $HAVE_CLI = 1 ]; then
    recommend1() { "$CLI" recommend "$SMALL"; }
    hello() { "$BENCH_DIR/hello/hello"; }
    if [ -n "$TOOL" ]; then
      recommend1_tool() { "$TOOL" recommend "$SMALL"; }
      alternate "recommend 1 file, installed tool / hello world (issue 22 target <= 1.0x)" "$COLD_RUNS" installed-tool recommend1_tool hello hello
    else
      skip "cold, installed tool" "the tool was not installed"
    fi
    alternate "recommend 1 file ($( [ $HAVE_AOT = 1 ] && echo Native AOT || echo ReadyToRun)) / hello world (target <= 1.5x)" "$COLD_RUNS" recommend recommend1 hello hello
    if [ $HAVE_AOT = 1 ]; then
      hello_aot() { "$BENCH_DIR/hello-aot/hello"; }
      alternate "recommend 1 file / hello world, both Native AOT" "$COLD_RUNS" recommend recommend1 hello hello_aot
    fi
    recommend1_r2r() { "$CLI_R2R" recommend "$SMALL"; }
    alternate "recommend 1 file (ReadyToRun) / hello world" "$COLD_RUNS" recommend recommend1_r2r hello hello
    if [ -n "$FALLBACK_DLL" ]; then
      # What `dotnet tool install` gave before the package was RID-specific: the framework-dependent dll, JIT.
      recommend1_any() { dotnet "$FALLBACK_DLL" recommend "$SMALL"; }
      alternate "recommend 1 file, JIT fallback package (any) / hello world (reference)" "$COLD_RUNS" any-fallback recommend1_any hello hello
    fi
  else
    skip "cold" "the CLI does not build"
  fi
fi

# ---------- experiments: product changes measured before they are made ----------
if want experiments && [ $HAVE_CLI = 1 ]; then
  say "== experiments: CLI variants (built into $BENCH_DIR, the repository is not changed)"
  hello() { "$BENCH_DIR/hello/hello"; }
  recommend1() { "$CLI" recommend "$SMALL"; }
  lint10k() { "$CLI" lint "$BENCH_DIR/c10k" --format json; }
  corpus c10k --count 10000 --seed 42
  for variant in "aot-speed:-r linux-x64 -p:DeployAdvisorAot=true -p:IlcOptimizationPreference=Speed" \
                 "aot-no-concurrent-gc:-r linux-x64 -p:DeployAdvisorAot=true -p:ConcurrentGarbageCollection=false"; do
    name="${variant%%:*}"; props="${variant#*:}"
    # shellcheck disable=SC2086
    if publish src/Advisor.Cli "$BENCH_DIR/cli-$name" $props; then
      V="$BENCH_DIR/cli-$name/deploy-advisor"
      vrec() { "$V" recommend "$SMALL"; }
      vlint() { "$V" lint "$BENCH_DIR/c10k" --format json; }
      alternate "[$name] recommend 1 file / hello world" "$COLD_RUNS" "$name" vrec hello hello
      alternate "[$name] recommend 1 file / current CLI" "$COLD_RUNS" "$name" vrec current recommend1
      if cli_has lint --format json; then
        alternate "[$name] lint 10k / current CLI" "$RUNS" "$name" vlint current lint10k
      fi
    else
      skip "experiment $name" "publish failed"
    fi
  done
fi

# ---------- (d) analyzer cost ----------
if want analyzer; then
  say "== (d) analyzer cost on 2,000 [Workload] types"
  FEED="$BENCH_DIR/feed"; rm -rf "$FEED"; mkdir -p "$FEED"
  VERSION="0.1.0-bench$(date +%s)"   # a fresh version: consumers never see a stale cached copy
  MODE=""
  for proj in src/Advisor.Analyzers src/Advisor.Analyzers.CodeFixes; do
    dotnet pack "$ROOT/$proj" -c Release -o "$FEED" -p:Version="$VERSION" > "$BENCH_DIR/logs/pack-$(basename $proj).log" 2>&1 || true
  done
  PKG="$FEED/DeployAdvisor.Analyzers.$VERSION.nupkg"
  if [ -f "$PKG" ] && unzip -l "$PKG" | grep -q 'analyzers/dotnet/cs/DeployAdvisor.Analyzers.dll'; then
    MODE=true
    say "  packed DeployAdvisor.Analyzers $VERSION"
  else
    # Not packable yet: measure the same analyzer assemblies through <Analyzer> items, which is what the package does.
    say "  DeployAdvisor.Analyzers does not pack into a package with analyzers/dotnet/cs yet (see $BENCH_DIR/logs/pack-*.log):"
    say "  measuring the built analyzer assemblies through <Analyzer> items instead"
    ADIR="$BENCH_DIR/analyzer-dlls"; rm -rf "$ADIR"; mkdir -p "$ADIR"
    if dotnet build "$ROOT/src/Advisor.Analyzers" -c Release > "$BENCH_DIR/logs/build-analyzers.log" 2>&1; then
      cp "$ROOT"/src/Advisor.Analyzers/bin/Release/netstandard2.0/DeployAdvisor.*.dll "$ADIR"/
      yd=$(ls "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/yamldotnet/18.1.0/lib/netstandard2.0/YamlDotNet.dll 2>/dev/null | head -1)
      [ -n "$yd" ] && cp "$yd" "$ADIR"/
      MODE=direct
    fi
  fi
  if [ -z "$MODE" ]; then
    skip "analyzer" "src/Advisor.Analyzers neither packs nor builds (see $BENCH_DIR/logs)"
  else
    PROJ="$BENCH_DIR/analyzer-project"
    rm -rf "$PROJ"; "$CORPUS" analyzer-project --types 2000 --out "$PROJ/with" --seed 42 > /dev/null
    "$CORPUS" analyzer-project --types 2000 --out "$PROJ/without" --seed 42 > /dev/null
    printf '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n    <add key="bench-feed" value="%s" />\n  </packageSources>\n</configuration>\n' "$FEED" > "$PROJ/nuget.config"
    export NUGET_PACKAGES_BENCH="$BENCH_DIR/nuget-packages"; rm -rf "$NUGET_PACKAGES_BENCH/deployadvisor.analyzers"
    WITH_PROPS=(-p:WithAnalyzer=$MODE -p:DeployAdvisorAnalyzersVersion=$VERSION -p:AnalyzerDir="$BENCH_DIR/analyzer-dlls")
    NUGET_PACKAGES="$NUGET_PACKAGES_BENCH" dotnet restore "$PROJ/with" "${WITH_PROPS[@]}" > "$BENCH_DIR/logs/restore-with.log" 2>&1 \
      && NUGET_PACKAGES="$NUGET_PACKAGES_BENCH" dotnet restore "$PROJ/without" > "$BENCH_DIR/logs/restore-without.log" 2>&1 \
      || { skip "analyzer" "restore failed (see $BENCH_DIR/logs/restore-*.log)"; MODE=""; }
  fi
  if [ -n "$MODE" ]; then
    build_with() { NUGET_PACKAGES="$NUGET_PACKAGES_BENCH" dotnet build "$PROJ/with" --no-restore --no-incremental -c Release "${WITH_PROPS[@]}" -p:TreatWarningsAsErrors=false; }
    build_without() { NUGET_PACKAGES="$NUGET_PACKAGES_BENCH" dotnet build "$PROJ/without" --no-restore --no-incremental -c Release; }
    # Reported builds: analyzer and generator times from the compiler (printed at -v:d only), Csc time from
    # MSBuild's summary. ReportAnalyzer bypasses the compiler server, so these builds are slower than the timed
    # ones. The compiler reports wall time inside concurrent callbacks, which on 2 cores swings by 2x between
    # identical builds, so the full mode takes the median of 3 builds and prints, as a yardstick measured in the
    # same builds, the share of the SDK's own CA2252 analyzer (on by default, finds nothing in this project).
    report_build() { NUGET_PACKAGES="$NUGET_PACKAGES_BENCH" dotnet build "$PROJ/with" --no-restore --no-incremental -c Release "${WITH_PROPS[@]}" \
      -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary; }
    # One reported build's log -> "share% analyzers-s generator-s csc-s CA2252-share%", or "error: …".
    report_line() { awk '
        /Total analyzer execution time:/ { sec = "a"; next }
        /Total generator execution time:/ { sec = "g"; next }
        # the assembly line ("DeployAdvisor.Analyzers, Version=…"), not the lines of its analyzers below it (counted twice)
        /^[[:space:]]*[0-9.<]+[[:space:]]+[0-9<]+[[:space:]]+DeployAdvisor\.Analyzers, Version=/ {
          t = ($1 == "<0.001") ? 0 : $1 + 0; found = 1; if (sec == "a") a += t; else if (sec == "g") g += t }
        /^[[:space:]]*[0-9.]+[[:space:]]+[0-9<]+[[:space:]]+Microsoft\.NetCore\.CSharp\.Analyzers\.Runtime\.CSharpDetectPreviewFeatureAnalyzer/ { if (!ref) ref = $1 + 0 }
        /^[[:space:]]*[0-9.]+ ms[[:space:]]+Csc[[:space:]]+[0-9]+ calls/ { csc = $1 / 1000 }
        END {
          if (csc == 0) { print "error: could not read the Csc time from the summary"; exit }
          if (!found) { print "error: no DeployAdvisor.Analyzers line in the ReportAnalyzer output"; exit }
          printf "%.4f %.3f %.3f %.2f %.4f\n", 100 * (a + g) / csc, a, g, csc, 100 * ref / csc
        }' "$1"; }
    REPORT_RUNS=$([ $QUICK = 1 ] && echo 1 || echo 3)
    shares=(); relative=(); runs_text=""; report_ok=1
    for i in $(seq 1 "$REPORT_RUNS"); do
      log="$BENCH_DIR/logs/report-analyzer-$i.log"
      report_build > "$log" 2>&1
      rc=$?
      errors=$(grep -Eo '[0-9]+ Error\(s\)' "$log" | tail -1)
      warnings=$(grep -Eo 'warning DA[0-9]+' "$log" | sort | uniq -c | tr '\n' ' ')
      say "  reported build $i: exit $rc, ${errors:-? Error(s)}, DeployAdvisor warnings: ${warnings:-none}"
      if [ $rc -ne 0 ]; then skip "analyzer" "the project does not build with the analyzer (see $log)"; report_ok=0; break; fi
      [ "$i" = 1 ] && cp "$log" "$BENCH_DIR/logs/report-analyzer.log"
      line=$(report_line "$log")
      case "$line" in error:*) skip "analyzer" "${line#error: } (see $log)"; report_ok=0; break;; esac
      read -r share a g csc ref <<< "$line"
      shares+=("$share")
      # Ours over CA2252 in the same build: both are wall time in callbacks on the same cores, so the
      # machine's load, which moves either share by 2x between identical builds, largely cancels out.
      relative+=("$(awk -v s="$share" -v r="$ref" 'BEGIN { if (r > 0) printf "%.3f", s / r; else print "NaN" }')")
      runs_text+=$(printf "%.2f%% (%.2f + %.2f of %.1f s; CA2252 %.2f%%) " "$share" "$a" "$g" "$csc" "$ref")
    done
    if [ $report_ok = 1 ]; then
      median=$(printf '%s\n' "${shares[@]}" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
      result "$(printf 'analyzer cost (-p:ReportAnalyzer=true): DeployAdvisor analyzers + generator = %.2f%% of Csc, median of %d builds (target <= 2%%); builds: %s' "$median" "$REPORT_RUNS" "$runs_text")"
      rel_median=$(printf '%s\n' "${relative[@]}" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
      result "$(printf 'analyzer cost relative to the SDK analyzer CA2252 in the same builds: %.2fx, median of %d (for regressions: steadier than the share itself)' "$rel_median" "$REPORT_RUNS")"
      grep -A12 'Total analyzer execution time' "$BENCH_DIR/logs/report-analyzer.log" | head -14 > "$BENCH_DIR/logs/analyzer-breakdown.txt"
      alternate "build with analyzer / without (target <= 1.05x)" "$BUILD_RUNS" with build_with without build_without
    fi
    # Where the reported time goes: the compiler times wall clock, so a callback is also charged while its
    # thread waits for a core or sleeps. perf samples CPU and records every context switch of the build.
    if [ $report_ok = 1 ] && want waits; then
      if ! command -v perf > /dev/null || ! command -v python3 > /dev/null; then
        skip "waits" "needs perf and python3 (Debian: apt-get install linux-perf python3)"
      else
        log="$BENCH_DIR/logs/report-analyzer-perf.log"; data="$BENCH_DIR/logs/waits.perf"
        # perf reads JIT frames' names from /tmp/perf-PID.map; remove only the maps this build wrote.
        maps_before=$(ls /tmp/perf-*.map /tmp/perfinfo-*.map 2>/dev/null)
        DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -e cpu-clock/freq=499/ -e sched:sched_switch -g -a -o "$data" -- \
          env NUGET_PACKAGES="$NUGET_PACKAGES_BENCH" dotnet build "$PROJ/with" --no-restore --no-incremental -c Release "${WITH_PROPS[@]}" \
          -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary > "$log" 2> "$BENCH_DIR/logs/waits-perf.log"
        rc=$?
        perf script -i "$data" -F comm,pid,tid,time,event,trace,ip,sym,dso > "$data.txt" 2>> "$BENCH_DIR/logs/waits-perf.log"
        for m in $(ls /tmp/perf-*.map /tmp/perfinfo-*.map 2>/dev/null); do
          grep -qxF "$m" <<< "$maps_before" || rm -f "$m"
        done
        rm -f "$data"
        # Analyzers and generator, as the share above (perf's samples cannot tell them apart).
        reported=""
        read -r p_share p_a p_g p_csc _ <<< "$(report_line "$log")"
        [[ "$p_share" =~ ^[0-9.]+$ ]] && reported=$(awk -v a="$p_a" -v g="$p_g" -v c="$p_csc" -v s="$p_share" 'BEGIN { printf "%.3f s of Csc %.1f s = %.2f%%", a + g, c, s }')
        if [ $rc -ne 0 ] || [ -z "$reported" ]; then
          skip "waits" "the perf-recorded build failed or printed no analyzer times (exit $rc; see $log and $BENCH_DIR/logs/waits-perf.log)"
        elif grep -qiE "lost [0-9]+ (chunks|events|samples)" "$BENCH_DIR/logs/waits-perf.log"; then
          # A lost switch-in would join a switch-out to a later one and lengthen the wait.
          skip "waits" "perf lost events (see $BENCH_DIR/logs/waits-perf.log); a wait would be joined to a later switch-in"
        elif python3 "$ROOT/bench/analyzer-waits.py" "$data.txt" 499 > "$BENCH_DIR/logs/waits.txt" 2>&1; then
          result "analyzer time under perf: reported $reported; of it: $(awk '/CPU inside/ { c = $(NF-1) } /preempted +\(off/ { p = $4; pn = $7 } /blocked +\(off/ { b = $4; bn = $7 } END { printf "CPU %s s, waiting for a core %s s (%s waits), blocked %s s (%s waits)", c, p, pn, b, bn }' "$BENCH_DIR/logs/waits.txt") (details: $BENCH_DIR/logs/waits.txt)"
        else
          skip "waits" "$(tail -1 "$BENCH_DIR/logs/waits.txt")"
        fi
        rm -f "$data.txt"
      fi
    fi
  fi
  # The same analyzers in process, single-threaded (callback time = CPU time), on a 300-type project:
  # the ReportAnalyzer figure above is wall time of concurrent callbacks, inflated on a busy 2-core machine.
  if publish bench/AnalyzerCost "$BENCH_DIR/analyzer-cost"; then
    rm -rf "$BENCH_DIR/analyzer-project-300"
    "$CORPUS" analyzer-project --types 300 --out "$BENCH_DIR/analyzer-project-300" --seed 42 > /dev/null
    "$BENCH_DIR/analyzer-cost/analyzer-cost" "$BENCH_DIR/analyzer-project-300" --runs "$RUNS" > "$BENCH_DIR/logs/analyzer-cost.log" 2>&1
    line=$(grep '^DeployAdvisor analyzers:' "$BENCH_DIR/logs/analyzer-cost.log")
    if [ -n "$line" ]; then result "in process, single-threaded, 300 types: $line"; else skip "analyzer in process" "see $BENCH_DIR/logs/analyzer-cost.log"; fi
  else
    skip "analyzer in process" "bench/AnalyzerCost does not build"
  fi
fi

say ""
say "== summary ($SUMMARY)"
cat "$SUMMARY"
