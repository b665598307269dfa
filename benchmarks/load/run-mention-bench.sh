#!/usr/bin/env bash
# The mention path under load: signed Events API `app_mention` callbacks into published PickBot, acked at once, queued,
# answered, and posted with chat.postMessage to a fake Slack Web API on loopback.
#
# The load generator and the fake Slack are one process (benchmarks/PickBot.LoadGen, Kestrel + HttpClient), so the ack
# and the post are timed on the same clock. Each event has its own event_id (PickBot deduplicates by it) and its own ts;
# the reply's thread_ts names the event it answers. For each run and mode this script starts PickBot, lets LoadGen check
# it (a signed mention is answered with a pick, a forged one gets 401), warm up, wait for the queue to empty and for the
# idle server to go quiet (the tiered JIT finishes recompiling), load for the measured window and wait for the last
# replies; then it stops PickBot and counts its log lines for refused events ("not accepted": the queue stayed full for
# Slack:EnqueueWait, so PickBot answered 503 and Slack would retry) and for events refused on Slack's last retry
# ("the question is lost"). LoadGen resends a refused event as Slack does (X-Slack-Retry-Num 1..3, after RETRY_DELAYS),
# so lost= counts only events refused on every retry, or acked and never answered.
#
#   benchmarks/load/run-mention-bench.sh                    # 3 runs of each mode in MODES="ack e2e paced"
#   RUNS=5 MODES=ack CONNS=64 benchmarks/load/run-mention-bench.sh
#   MODES=paced RATE=500 benchmarks/load/run-mention-bench.sh  # 500 events/s in all
#
# Modes: ack = each of CONNS senders sends its next event as soon as the last is acked (the highest ack rate; when the
# queue is full, acks slow down to the answer rate, and what still does not fit is refused and retried); e2e = each sender waits for its
# event's reply before the next (the highest rate at which every acked mention is answered); paced = events at a fixed
# RATE whatever the acks do (open loop), for the ack-to-post time of a bot that is not saturated.
# Knobs: RUNS (3), MODES ("ack e2e paced"), CONNS (32), RATE (200 events/s, paced mode only), WARMUP (10 s),
# DURATION (10 s), DRAIN (10 s),
# WORKERS / QUEUE (Slack__MentionWorkers / Slack__MentionQueueCapacity; the product defaults when unset: 4 / 1000),
# SERVER_ENV (extra NAME=value settings for PickBot, space-separated, e.g. Slack__EnqueueWait=00:00:01),
# RETRY_DELAYS (seconds before Slack's retries 1,2,3 of a refused event; default 0,1,5, Slack's own is 0,60,300 and
# then needs DRAIN above 300), PORT (5000), SLACK_PORT (5098), SKIP_PUBLISH=1, OUT (results folder).
#
#   SERVER_ENV="Logging__LogLevel__System.Net.Http.HttpClient=Information Logging__LogLevel__Polly=Information" \
#     benchmarks/load/run-mention-bench.sh      # with the six Information lines per chat.postMessage (off by default)
# SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN come from the environment; dummy values are used when unset (nothing leaves
# the machine: the Web API base URL is the fake on loopback).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-3}"
MODES="${MODES:-ack e2e paced}"
CONNS="${CONNS:-32}"
RATE="${RATE:-200}"
WARMUP="${WARMUP:-10}"
DURATION="${DURATION:-10}"
DRAIN="${DRAIN:-10}"
RETRY_DELAYS="${RETRY_DELAYS:-0,1,5}"
PORT="${PORT:-5000}"
SLACK_PORT="${SLACK_PORT:-5098}"
export SLACK_SIGNING_SECRET="${SLACK_SIGNING_SECRET:-8f742231b10e8888abcd99yyyzzz85a5}"   # dummy, as the bolt-js harness
export SLACK_BOT_TOKEN="${SLACK_BOT_TOKEN:-xoxb-benchmark-not-a-real-token}"
BOT_USER_ID=U0BOT
OUT="${OUT:-$ROOT/artifacts/mention-bench/$(date -u +%Y%m%dT%H%M%SZ)}"
PUBLISH="$ROOT/artifacts/publish"
mkdir -p "$OUT"

if [ "${SKIP_PUBLISH:-0}" != 1 ]; then
  echo "publishing PickBot and PickBot.LoadGen (Release)"
  dotnet publish src/PickBot -c Release -o "$PUBLISH/jit" >"$OUT/publish-pickbot.log"
  dotnet publish benchmarks/PickBot.LoadGen -c Release -o "$PUBLISH/loadgen" >"$OUT/publish-loadgen.log"
fi
[ -f "$PUBLISH/jit/PickBot.dll" ] && [ -f "$PUBLISH/loadgen/PickBot.LoadGen.dll" ] \
  || { echo "no published build in $PUBLISH (run without SKIP_PUBLISH=1)" >&2; exit 2; }

for p in "$PORT" "$SLACK_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is already in use" >&2; exit 2; fi
done

SERVER_PID=""
stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
trap stop_server EXIT

start_server() {  # start_server <log>: published PickBot, secrets from the environment, Web API at the fake
  # Started directly (not `dotnet run`), so $! is the server itself: its /proc CPU time and VmHWM are PickBot's.
  # Feedback data goes to a scratch folder so a benchmark never touches real data.
  env Slack__SigningSecret="$SLACK_SIGNING_SECRET" Slack__BotToken="$SLACK_BOT_TOKEN" Slack__BotUserId="$BOT_USER_ID" \
    Slack__ApiBaseUrl="http://127.0.0.1:$SLACK_PORT/api/" \
    ${WORKERS:+Slack__MentionWorkers=$WORKERS} ${QUEUE:+Slack__MentionQueueCapacity=$QUEUE} ${SERVER_ENV:-} \
    Storage__DataPath="$OUT/data" ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
    dotnet "$PUBLISH/jit/PickBot.dll" >"$1" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/healthz" || true)" = 200 ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "PickBot did not become ready; its log:" >&2; cat "$1" >&2; exit 1
}

RESULTS="$OUT/results.tsv"
printf 'run\tmode\tacks_s\tack_p50_ms\tack_p99_ms\tack_to_post_p50_ms\tack_to_post_p99_ms\tack_to_post_max_ms\tposts_s\tacked\tposted\tlost\trefused_logged\tcpu_us_per_event\tpeak_rss_mib\tmachine_busy\tload_avg\trefusals\tretries\tgave_up\tlost_logged\n' >"$RESULTS"
echo "machine: nproc=$(nproc), $(uptime)" | tee "$OUT/machine.txt"
echo "server settings: workers=${WORKERS:-default} queue=${QUEUE:-default} ${SERVER_ENV:-}" | tee -a "$OUT/machine.txt"

for run in $(seq 1 "$RUNS"); do
  for mode in $MODES; do
    case "$mode" in
      ack|e2e) gen_mode=$mode; rate=0 ;;
      paced) gen_mode=ack; rate=$RATE ;;
      *) echo "unknown mode $mode (ack, e2e or paced)" >&2; exit 2 ;;
    esac
    echo "== run $run/$RUNS: mode=$mode conns=$CONNS rate=$rate warmup=${WARMUP}s duration=${DURATION}s"
    log="$OUT/run$run-$mode.server.log"
    start_server "$log"
    load_avg="$(cut -d' ' -f1 /proc/loadavg)"
    status=0
    dotnet "$PUBLISH/loadgen/PickBot.LoadGen.dll" --target "http://127.0.0.1:$PORT/slack/events" --slack-port "$SLACK_PORT" \
      --mode "$gen_mode" --conns "$CONNS" --rate "$rate" --warmup "$WARMUP" --duration "$DURATION" --drain "$DRAIN" \
      --server-pid "$SERVER_PID" --bot-user-id "$BOT_USER_ID" --label "run$run" --retry-delays "$RETRY_DELAYS" >"$OUT/run$run-$mode.txt" 2>&1 || status=$?
    stop_server
    refused_logged="$(grep -c 'not accepted' "$log" || true)"
    lost_logged="$(grep -c 'the question is lost' "$log" || true)"
    cat "$OUT/run$run-$mode.txt"
    echo "refused_logged=$refused_logged lost_logged=$lost_logged (whole run, warm-up included; refused = answered 503 for Slack to retry, lost = refused on Slack's last retry)"
    line="$(grep '^RESULT ' "$OUT/run$run-$mode.txt" | tail -1)"
    [ "$status" = 0 ] && [ -n "$line" ] || { echo "load generator failed (exit $status); see $OUT/run$run-$mode.txt and $log" >&2; exit 1; }
    get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $line"; }
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$mode" "$(get 'acks\/s')" \
      "$(get ack_p50_ms)" "$(get ack_p99_ms)" "$(get ack_to_post_p50_ms)" "$(get ack_to_post_p99_ms)" "$(get ack_to_post_max_ms)" \
      "$(get 'posts\/s')" "$(get acked)" "$(get posted)" "$(get lost)" "$refused_logged" "$(get 'server_cpu_us\/event')" \
      "$(get peak_rss_MiB)" "$(get machine_busy)" "$load_avg" "$(get refusals)" "$(get retries)" "$(get gave_up)" "$lost_logged" >>"$RESULTS"
  done
done

echo
echo "Per run:"; column -t "$RESULTS"
echo
echo "Medians over $RUNS runs:"
awk -F'\t' 'NR > 1 { n[$2]++; for (c = 3; c <= 21; c++) v[$2, c, n[$2]] = $c; modes[$2] = 1 }
  function median(m, c,   i, j, k, t, a) {
    k = n[m]; for (i = 1; i <= k; i++) a[i] = v[m, c, i] + 0
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
  END {
    printf "%-5s %8s %8s %8s %12s %12s %12s %8s %7s %9s %8s %8s %12s %12s\n", "mode", "acks/s", "ack_p50", "ack_p99",
      "ack>post_p50", "ack>post_p99", "ack>post_max", "posts/s", "lost", "refusals", "retries", "gave_up", "cpu_us/event", "peak_rss_MiB"
    for (m in modes) printf "%-5s %8.0f %8.3f %8.3f %12.3f %12.3f %12.3f %8.0f %7.0f %9.0f %8.0f %8.0f %12.0f %12.1f\n", m,
      median(m,3), median(m,4), median(m,5), median(m,6), median(m,7), median(m,8), median(m,9), median(m,12),
      median(m,18), median(m,19), median(m,20), median(m,14), median(m,15) }' "$RESULTS" | tee "$OUT/summary.txt"
echo "latencies in ms; raw output: $OUT"
