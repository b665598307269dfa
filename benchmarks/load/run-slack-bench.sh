#!/usr/bin/env bash
# PickBot beside Slack's Bolt for JavaScript, in the same run, on the same signed `/pick` slash command.
#
# Uses the shared harness ../shared/bench/bolt-js/run.sh (relative to the repository root; nothing of it is copied
# into this repository). For each run it loads Bolt, then each PickBot variant, one after the other, so that every
# server sees the same machine; it prints req/s, p50/p99, server CPU per request and peak RSS, then the medians and
# the PickBot/Bolt ratios.
#
#   benchmarks/load/run-slack-bench.sh                 # 3 runs, variants "jit" (plain publish)
#   RUNS=5 VARIANTS="jit r2r wks" benchmarks/load/run-slack-bench.sh
#
# Variants: jit = `dotnet publish -c Release` (workstation GC, no thread-pool spin: PickBot.csproj); r2r = the same
# with ReadyToRun; wks = jit with DOTNET_gcServer=0 (pins what the project sets), svr = jit with server GC
# (DOTNET_gcServer=1, .NET 10's dynamic heap count), nospin = jit with DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0
# (pins what the project sets), wksnospin = workstation non-concurrent GC and no spin, gen0 = jit with a 16 MB
# young-generation budget (DOTNET_GCgen0size=0x1000000: for VMs that hide their CPU cache sizes, see README
# "Publishing"). PICKBOT_ENV="NAME=value ..." adds settings to every PickBot variant.
# Warm-up: 15 s by default. Under this load .NET's tiered JIT keeps recompiling hot methods for about 10 s on 2 cores
# (measured in 5 s windows: 199, 75, 59, 57, 57 µs per request), and a bot runs for days: the figures are its steady
# state. Bolt gets the same warm-up.
# Knobs: RUNS, VARIANTS, BOLT_DIR (harness folder), FLOOR (1: also run ../shared/bench/kestrel-floor), FLOOR_SRC, WARMUP (default 15s), WRK_DURATION (10s), WRK_CONNS (32),
# SERVER_CPUS / WRK_CPUS (pinning, see the harness README), SKIP_PUBLISH=1, OUT (results folder).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-3}"
VARIANTS="${VARIANTS:-jit}"
SECRET="8f742231b10e8888abcd99yyyzzz85a5"   # the harness's dummy secret; not a real one
export WARMUP="${WARMUP:-15s}" WRK_DURATION="${WRK_DURATION:-10s}" WRK_CONNS="${WRK_CONNS:-32}"
OUT="${OUT:-$ROOT/artifacts/slack-bench/$(date -u +%Y%m%dT%H%M%SZ)}"
PUBLISH="$ROOT/artifacts/publish"
mkdir -p "$OUT"

BOLT_DIR="${BOLT_DIR:-../shared/bench/bolt-js}"
[ -x "$BOLT_DIR/run.sh" ] || { echo "bolt-js harness not found at $BOLT_DIR (set BOLT_DIR)" >&2; exit 2; }
BOLT_DIR="$(cd "$BOLT_DIR" && pwd)"

command -v wrk >/dev/null || { echo "installing wrk (Debian package)"; apt-get install -y wrk >/dev/null; }

# The harness writes results/ and node_modules/ beside itself; a read-only copy (as CI has) runs from a temp copy.
HARNESS="$BOLT_DIR"
if [ ! -w "$BOLT_DIR" ]; then
  HARNESS="$(mktemp -d)/bolt-js"
  mkdir -p "$HARNESS"
  (cd "$BOLT_DIR" && tar --exclude=node_modules --exclude=results -cf - .) | (cd "$HARNESS" && tar -xf -)
  trap 'rm -rf "$(dirname "$HARNESS")"' EXIT
fi
if [ ! -d "$HARNESS/node_modules/@slack/bolt" ]; then
  (cd "$HARNESS" && npm ci --no-audit --no-fund >/dev/null)
fi

publish() {  # publish <variant> <folder>
  case "$1" in
    r2r) dotnet publish src/PickBot -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$2" >"$OUT/publish-$1.log" ;;
    *)   dotnet publish src/PickBot -c Release -o "$2" >"$OUT/publish-$1.log" ;;
  esac
}

server_cmd() {  # the command the harness starts (it must exec into the server so the PID is the server's)
  local variant="$1" dll gc=""
  case "$variant" in
    r2r) dll="$PUBLISH/r2r/PickBot.dll" ;;
    *)   dll="$PUBLISH/jit/PickBot.dll" ;;
  esac
  case "$variant" in
    wks) gc="DOTNET_gcServer=0" ;;
    svr) gc="DOTNET_gcServer=1" ;;
    nospin) gc="DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0" ;;
    wksnospin) gc="DOTNET_gcServer=0 DOTNET_gcConcurrent=0 DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0" ;;
    gen0) gc="DOTNET_GCgen0size=0x1000000" ;;
  esac
  gc="$gc ${PICKBOT_ENV:-}"
  # The harness sends every request as one user; PickBot's per-user limit (Slack:PickRequestsPerMinute, 20 a minute)
  # would refuse all but the first twenty, and the run would measure the refusal instead of the answer.
  gc="Slack__PickRequestsPerMinute=0 $gc"
  # env -C: the harness runs from its own folder, PickBot reads appsettings.json and knowledge/ from the repository.
  # Feedback data goes to a scratch folder so a benchmark never touches real data.
  echo "env -C $ROOT Slack__SigningSecret=$SECRET Storage__DataPath=$OUT/data $gc ASPNETCORE_URLS=http://127.0.0.1:5000 dotnet $dll"
}

if [ "${SKIP_PUBLISH:-0}" != 1 ]; then
  [[ " $VARIANTS " =~ \ (jit|wks|svr|nospin|wksnospin|gen0)\  ]] && publish jit "$PUBLISH/jit"
  [[ " $VARIANTS " == *" r2r "* ]] && publish r2r "$PUBLISH/r2r"
fi

# The floor of the stack: ../shared/bench/kestrel-floor, a bare Kestrel endpoint that only checks the signature and
# writes a fixed answer of PickBot's size. It runs in every run beside Bolt and PickBot, so its ratio shows what
# PickBot costs beyond what no Slack server built on Kestrel can skip. FLOOR=0 leaves it out.
FLOOR="${FLOOR:-1}"
FLOOR_SRC="${FLOOR_SRC:-$(dirname "$BOLT_DIR")/kestrel-floor}"
if [ "$FLOOR" = 1 ]; then
  [ -f "$FLOOR_SRC/KestrelFloor.csproj" ] || { echo "kestrel-floor not found at $FLOOR_SRC (set FLOOR_SRC, or FLOOR=0)" >&2; exit 2; }
  FLOOR_DIR="$OUT/kestrel-floor"
  mkdir -p "$FLOOR_DIR"
  # shared/ is read-only in CI: build from a copy.
  cp -r "$FLOOR_SRC" "$FLOOR_DIR/src"
  dotnet publish "$FLOOR_DIR/src" -c Release -o "$FLOOR_DIR/app" >"$OUT/publish-floor.log"
fi

RESULTS="$OUT/results.tsv"
printf 'run\tlabel\treq_s\tp50_ms\tp99_ms\tcpu_us_per_req\tpeak_rss_mib\tmachine_busy\terrors\n' >"$RESULTS"
record() {  # record <run> <label> <harness output file>
  local line; line="$(grep '^RESULT ' "$3" | tail -1)"
  [ -n "$line" ] || { echo "no RESULT from $2 (see $3)" >&2; return 1; }
  get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $line"; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$(get 'req\/s')" "$(get p50_ms)" "$(get p99_ms)" \
    "$(get 'server_cpu_us\/req')" "$(get peak_rss_MiB)" "$(get machine_busy)" "$(get errors)" >>"$RESULTS"
}

refused_check() {  # refused_check <harness output file>: a run that measured refusals instead of answers is void
  local log; log="$(sed -n "s/^server: .* log=\([^ ]*\).*/\1/p" "$1" | tail -1)"
  [ -n "$log" ] && [ -f "$HARNESS/$log" ] || { echo "no server log named in $1" >&2; return 1; }
  if grep -q 'over the limit' "$HARNESS/$log"; then
    echo "PickBot refused requests over its per-user limit during the run (see $HARNESS/$log); the figures are void" >&2
    return 1
  fi
}

for run in $(seq 1 "$RUNS"); do
  echo "== run $run/$RUNS: bolt-js"
  # The harness exits non-zero when wrk saw errors or timeouts (a saturated machine); the run is still recorded,
  # with its error count, as long as it produced a result line.
  (cd "$HARNESS" && LABEL=bolt-js ./run.sh) >"$OUT/run$run-bolt-js.txt" 2>&1 || echo "   (harness reported a failure; see $OUT/run$run-bolt-js.txt)"
  record "$run" bolt-js "$OUT/run$run-bolt-js.txt" || exit 1
  if [ "$FLOOR" = 1 ]; then
    echo "== run $run/$RUNS: kestrel-floor"
    (cd "$HARNESS" && LABEL=kestrel-floor TARGET_URL=http://127.0.0.1:5078/slack/commands EXPECT_SUBSTRING="Multi-Task Learning" \
      SERVER_CMD="env Slack__SigningSecret=$SECRET CEILING_ANSWER=$FLOOR_DIR/src/answer.json ASPNETCORE_URLS=http://127.0.0.1:5078 dotnet $FLOOR_DIR/app/KestrelFloor.dll" ./run.sh) \
      >"$OUT/run$run-kestrel-floor.txt" 2>&1 || echo "   (harness reported a failure; see $OUT/run$run-kestrel-floor.txt)"
    record "$run" kestrel-floor "$OUT/run$run-kestrel-floor.txt" || exit 1
  fi
  for v in $VARIANTS; do
    echo "== run $run/$RUNS: pickbot-$v"
    (cd "$HARNESS" && LABEL="pickbot-$v" SERVER_CMD="$(server_cmd "$v")" \
      TARGET_URL=http://127.0.0.1:5000/slack/commands EXPECT_SUBSTRING="Multi-Task Learning" ./run.sh) \
      >"$OUT/run$run-pickbot-$v.txt" 2>&1 || echo "   (harness reported a failure; see $OUT/run$run-pickbot-$v.txt)"
    record "$run" "pickbot-$v" "$OUT/run$run-pickbot-$v.txt" || exit 1
    refused_check "$OUT/run$run-pickbot-$v.txt" || exit 1
  done
done

echo
echo "Per run:"; column -t "$RESULTS"
echo
echo "Medians over $RUNS runs, and PickBot/Bolt ratios of the medians:"
awk -F'\t' 'NR > 1 { n[$2]++; for (c = 3; c <= 7; c++) v[$2, c, n[$2]] = $c; labels[$2] = 1 }
  function median(label, c,   i, j, k, t, a) {
    k = n[label]; for (i = 1; i <= k; i++) a[i] = v[label, c, i] + 0
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
  END {
    printf "%-14s %10s %8s %8s %12s %12s\n", "label", "req/s", "p50_ms", "p99_ms", "cpu_us/req", "peak_rss_MiB"
    for (l in labels) { for (c = 3; c <= 7; c++) m[l, c] = median(l, c)
      printf "%-14s %10.0f %8.3f %8.3f %12.0f %12.1f\n", l, m[l,3], m[l,4], m[l,5], m[l,6], m[l,7] }
    for (l in labels) if (l != "bolt-js")
      printf "ratio %s/bolt-js: req/s x%.2f  p99 x%.2f  cpu/req x%.2f  peak_rss x%.2f\n", l,
        m[l,3] / m["bolt-js",3], m[l,5] / m["bolt-js",5], m[l,6] / m["bolt-js",6], m[l,7] / m["bolt-js",7] }' "$RESULTS" | tee "$OUT/summary.txt"

# The machine's speed drifts from minute to minute (a shared VM), and each run puts the servers side by side within
# about a minute, so the ratio inside each run, and the median of those, is the steadier comparison.
echo
echo "Per-run ratios to Bolt in the same run, and their median:"
awk -F'\t' 'NR > 1 { key = $1; if ($2 == "bolt-js") { b[key, 3] = $3; b[key, 5] = $5; b[key, 6] = $6; b[key, 7] = $7 } else { rows[++n] = $0 } }
  function median(arr, k,   i, j, t) {
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (arr[j] < arr[i]) { t = arr[i]; arr[i] = arr[j]; arr[j] = t }
    return k % 2 ? arr[(k + 1) / 2] : (arr[k / 2] + arr[k / 2 + 1]) / 2 }
  END {
    for (r = 1; r <= n; r++) {
      split(rows[r], f, "\t"); run = f[1]; label = f[2]
      q = f[3] / b[run, 3]; p = f[5] / b[run, 5]; c = f[6] / b[run, 6]; m = f[7] / b[run, 7]
      printf "run %s %-14s req/s x%.2f  p99 x%.2f  cpu/req x%.2f  peak_rss x%.2f\n", run, label, q, p, c, m
      k[label]++; Q[label, k[label]] = q; P[label, k[label]] = p; C[label, k[label]] = c; M[label, k[label]] = m
    }
    for (label in k) {
      delete a; for (i = 1; i <= k[label]; i++) a[i] = Q[label, i]; mq = median(a, k[label])
      delete a; for (i = 1; i <= k[label]; i++) a[i] = P[label, i]; mp = median(a, k[label])
      delete a; for (i = 1; i <= k[label]; i++) a[i] = C[label, i]; mc = median(a, k[label])
      delete a; for (i = 1; i <= k[label]; i++) a[i] = M[label, i]; mm = median(a, k[label])
      printf "median of per-run ratios %s/bolt-js: req/s x%.2f  p99 x%.2f  cpu/req x%.2f  peak_rss x%.2f\n", label, mq, mp, mc, mm
    } }' "$RESULTS" | tee -a "$OUT/summary.txt"
echo "raw output: $OUT"
