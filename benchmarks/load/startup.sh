#!/usr/bin/env bash
# Start-up to ready: milliseconds from starting the published PickBot to the first `/healthz` 200 (the knowledge
# folder loaded and validated), with the real library. Runs RUNS times and prints each run, the median, and the CPU
# time the server used to get there (user + system; steadier than the wall time when other work shares the cores).
#
# It measures the production build: a publish for a runtime, which is ReadyToRun by default (src/PickBot/PickBot.csproj):
#   dotnet publish src/PickBot -c Release -r linux-x64 --self-contained false -o artifacts/publish/r2r   # once
#   RUNS=5 benchmarks/load/startup.sh
# DLL=... measures another build, e.g. the portable JIT-only one that `dotnet publish src/PickBot -c Release -o
# artifacts/publish/jit` makes (run-slack-bench.sh's "jit" variant).
#
# The probe uses bash built-ins only (/dev/tcp and `read -t`), so polling every 10 ms forks nothing: a curl process per
# probe cost the 2-core machine measurable CPU while the server was starting.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-5}"
DLL="${DLL:-$ROOT/artifacts/publish/r2r/PickBot.dll}"
PORT="${PORT:-5077}"
[ -f "$DLL" ] || { echo "no published build at $DLL; run: dotnet publish src/PickBot -c Release -r linux-x64 --self-contained false -o artifacts/publish/r2r" >&2; exit 2; }
DATA="$(mktemp -d)"
trap 'rm -rf "$DATA"' EXIT
exec {pause}<> <(:)   # a pipe nobody writes to: `read -t 0.01 -u $pause` sleeps without forking

# Sets status to the HTTP status of GET /healthz, or to "" while nothing listens.
probe() {
  status=""
  if { exec {conn}<>"/dev/tcp/127.0.0.1/$PORT"; } 2>/dev/null; then
    printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$PORT" >&"$conn"
    read -r -t 5 -u "$conn" _ status _ || true
    exec {conn}>&-
  fi
}

times=()
cpus=()
for run in $(seq 1 "$RUNS"); do
  start=$(date +%s%N)
  Slack__SigningSecret=8f742231b10e8888abcd99yyyzzz85a5 Storage__DataPath="$DATA" \
    ASPNETCORE_URLS="http://127.0.0.1:$PORT" dotnet "$DLL" >"$DATA/server.log" 2>&1 &
  pid=$!
  ready=""
  for _ in $(seq 1 3000); do
    probe
    if [ "$status" = 200 ]; then ready=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    read -r -t 0.01 -u "$pause" _ || true
  done
  end=$(date +%s%N)
  # utime + stime in clock ticks (fields 14 and 15 of /proc/PID/stat; the command name has no spaces here).
  read -r -a stat <"/proc/$pid/stat" || stat=()
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ -n "$ready" ] || { echo "server never became ready:" >&2; cat "$DATA/server.log" >&2; exit 1; }
  ms=$(( (end - start) / 1000000 ))
  cpu=$(( ${#stat[@]} > 14 ? (stat[13] + stat[14]) * 1000 / $(getconf CLK_TCK) : 0 ))
  times+=("$ms")
  cpus+=("$cpu")
  echo "run $run: ${ms} ms to /healthz 200 (server CPU ${cpu} ms)"
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
sorted_cpu=($(printf '%s\n' "${cpus[@]}" | sort -n))
echo "median: ${sorted[$(( RUNS / 2 ))]} ms over $RUNS runs, server CPU ${sorted_cpu[$(( RUNS / 2 ))]} ms (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
