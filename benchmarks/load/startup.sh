#!/usr/bin/env bash
# Start-up to ready: milliseconds from starting the published PickBot to the first `/healthz` 200 (the knowledge
# folder loaded and validated), with the real library. Runs RUNS times and prints each and the median.
#
#   dotnet publish src/PickBot -c Release -o artifacts/publish/jit     # once (run-slack-bench.sh does this too)
#   benchmarks/load/startup.sh                                         # RUNS=5 DLL=artifacts/publish/jit/PickBot.dll
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-5}"
DLL="${DLL:-$ROOT/artifacts/publish/jit/PickBot.dll}"
PORT="${PORT:-5077}"
[ -f "$DLL" ] || { echo "no published build at $DLL; run: dotnet publish src/PickBot -c Release -o artifacts/publish/jit" >&2; exit 2; }
DATA="$(mktemp -d)"
trap 'rm -rf "$DATA"' EXIT
times=()
for run in $(seq 1 "$RUNS"); do
  start=$(date +%s%N)
  Slack__SigningSecret=8f742231b10e8888abcd99yyyzzz85a5 Storage__DataPath="$DATA" \
    ASPNETCORE_URLS="http://127.0.0.1:$PORT" dotnet "$DLL" >"$DATA/server.log" 2>&1 &
  pid=$!
  ready=""
  for _ in $(seq 1 3000); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/healthz" || true)" = 200 ]; then ready=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  end=$(date +%s%N)
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ -n "$ready" ] || { echo "server never became ready:" >&2; cat "$DATA/server.log" >&2; exit 1; }
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $run: ${ms} ms to /healthz 200"
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "median: ${sorted[$(( RUNS / 2 ))]} ms over $RUNS runs (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
