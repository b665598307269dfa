using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace PickBot.LoadGen;

/// <summary>
/// The mention path under load: check that one signed mention is acked and answered (and a forged one refused), warm
/// up, let the queue empty, then load for the measured window and wait for the last replies. Prints plain
/// <c>CHECK</c>, <c>PHASE</c> and one <c>RESULT</c> line.
/// </summary>
internal sealed class MentionBench(LoadOptions options, TextWriter output)
{
    private static readonly double TicksPerMs = Stopwatch.Frequency / 1000.0;

    /// <summary>Slack's redeliveries of refused events, running beside the senders; awaited before settling.</summary>
    private readonly ConcurrentQueue<Task> _retries = new();

    public async Task<int> RunAsync()
    {
        var ledger = new EventLedger(options.WaitForPost);
        await using var slack = new FakeSlack(ledger, options.BotToken, options.BotUserId);
        await slack.StartAsync(options.SlackPort);
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Conns,
            UseProxy = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var sender = new EventSender(http, options, ledger);

        var forged = await CheckAsync(ledger, sender, slack);
        if (forged < 0)
        {
            return 1;
        }

        if (options.WarmupSeconds > 0)
        {
            await LoadAsync(ledger, sender, Phase.Warmup, options.WarmupSeconds);
            var left = await SettleAsync(ledger, Phase.Warmup, Math.Max(options.DrainSeconds, 5));
            output.WriteLine(Invariant($"PHASE warmup done: {Count(ledger, Phase.Warmup, _ => true)} events, {left} acked but not posted"));
            var (seconds, cpu) = await WaitForQuietServerAsync();
            output.WriteLine(Invariant($"PHASE server quiet {seconds:F1} s after the warm-up, having used {cpu:F2} CPU s meanwhile (tiered JIT finishing)"));
        }

        var cpu0 = ProcStats.CpuSeconds(options.ServerPid);
        var self0 = Process.GetCurrentProcess().TotalProcessorTime;
        var machine0 = ProcStats.Machine();
        var t0 = Stopwatch.GetTimestamp();
        await LoadAsync(ledger, sender, Phase.Measured, options.DurationSeconds);
        var loadEnd = Stopwatch.GetTimestamp();
        await SettleAsync(ledger, Phase.Measured, options.DrainSeconds);
        var cpu1 = ProcStats.CpuSeconds(options.ServerPid);
        var self1 = Process.GetCurrentProcess().TotalProcessorTime;
        var machine1 = ProcStats.Machine();
        var peakRss = ProcStats.PeakRssMiB(options.ServerPid);
        output.WriteLine(Invariant($"PHASE measured: load {(loadEnd - t0) / TicksPerMs / 1000:F2} s, replies settled {(Stopwatch.GetTimestamp() - loadEnd) / TicksPerMs / 1000:F2} s later"));

        var report = Report.Of(ledger, t0);
        var cpuPerEvent = report.Acked > 0 ? (cpu1 - cpu0) * 1e6 / report.Acked : double.NaN;
        var selfPerEvent = report.Acked > 0 ? (self1 - self0).TotalMicroseconds / report.Acked : double.NaN;
        var busy = machine1.Total > machine0.Total ? 100.0 * (machine1.Busy - machine0.Busy) / (machine1.Total - machine0.Total) : double.NaN;
        var forgedPosted = ledger.PostedAt(forged) != 0;

        output.WriteLine(string.Join(
            " ",
            Invariant($"RESULT label={options.Label} mode={options.Mode} conns={options.Conns} rate={options.Rate:0}"),
            Invariant($"acks/s={report.AcksPerSecond:F0} ack_p50_ms={report.Ack.P50:F3} ack_p99_ms={report.Ack.P99:F3} ack_max_ms={report.Ack.Max:F3}"),
            Invariant($"ack_to_post_p50_ms={report.AckToPost.P50:F3} ack_to_post_p99_ms={report.AckToPost.P99:F3} ack_to_post_max_ms={report.AckToPost.Max:F3}"),
            Invariant($"send_to_post_p50_ms={report.SendToPost.P50:F3} send_to_post_p99_ms={report.SendToPost.P99:F3}"),
            Invariant($"posted_before_ack={report.PostedBeforeAck} posts/s={report.PostsPerSecond:F0}"),
            Invariant($"events={report.Sent} acked={report.Acked} posted={report.Posted} lost={report.Acked - report.Posted + report.GaveUp}"),
            Invariant($"refused_events={report.Refused} refusals={report.Refusals} retries={report.Retries} gave_up={report.GaveUp}"),
            Invariant($"non2xx={report.Non2xx} errors={report.Errors} dup_posts={ledger.DuplicatePosts} unknown_posts={ledger.UnknownPosts}"),
            Invariant($"non_pick_posts={ledger.NonPickPosts} bad_auth={slack.BadAuth} other_calls={slack.OtherCalls} forged_posted={(forgedPosted ? 1 : 0)}"),
            Invariant($"server_cpu_us/event={cpuPerEvent:F0} loadgen_cpu_us/event={selfPerEvent:F0} peak_rss_MiB={peakRss:F1} machine_busy={busy:F0}% nproc={Environment.ProcessorCount}")));

        if (ledger.DuplicatePosts > 0 || ledger.UnknownPosts > 0 || slack.BadAuth > 0 || forgedPosted)
        {
            output.WriteLine("WARNING: duplicate, unknown or unauthorised posts, or a reply to a forged event: the path is not behaving as it should");
            return 1;
        }

        return 0;
    }

    /// <summary>One signed mention must be acked 200 and answered with a pick; a forged one must get 401. Returns the forged event's number, or -1.</summary>
    private async Task<long> CheckAsync(EventLedger ledger, EventSender sender, FakeSlack slack)
    {
        var seq = ledger.Next(Phase.Check);
        var status = await sender.SendAsync(seq);
        output.WriteLine(Invariant($"CHECK signed mention -> HTTP {status}"));
        if (status != (int)HttpStatusCode.OK)
        {
            output.WriteLine(Invariant($"FAIL: expected 200 from {options.Target} (is PickBot running with the same SLACK_SIGNING_SECRET as Slack__SigningSecret?)"));
            return -1;
        }

        var deadline = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
        while (ledger.PostedAt(seq) == 0 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(10);
        }

        if (ledger.PostedAt(seq) == 0)
        {
            output.WriteLine(Invariant(
                $"FAIL: no chat.postMessage for the checked event within 10 s (start PickBot with Slack__ApiBaseUrl=http://127.0.0.1:{options.SlackPort}/api/ and Slack__BotToken=$SLACK_BOT_TOKEN; bad_auth={slack.BadAuth})"));
            return -1;
        }

        var post = slack.FirstPost ?? string.Empty;
        output.WriteLine(Invariant($"CHECK reply posted {(ledger.PostedAt(seq) - ledger.AckedAt(seq)) / TicksPerMs:F1} ms after the ack: {post[..Math.Min(post.Length, 160)]}"));
        if (ledger.NonPickPosts > 0)
        {
            output.WriteLine("FAIL: the reply is not a pick (is the real knowledge/ folder loaded?)");
            return -1;
        }

        var forged = ledger.Next(Phase.None);
        status = await sender.SendAsync(forged, badSignature: true);
        output.WriteLine(Invariant($"CHECK wrong signature -> HTTP {status}"));
        return status == (int)HttpStatusCode.Unauthorized ? forged : -1;
    }

    /// <summary><see cref="LoadOptions.Conns"/> senders for <paramref name="seconds"/>: closed loop on the ack (or on the post in e2e mode), optionally paced.</summary>
    private async Task LoadAsync(EventLedger ledger, EventSender sender, Phase phase, double seconds)
    {
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(seconds * Stopwatch.Frequency);
        var first = ledger.Issued;
        var ticksPerEvent = options.Rate > 0 ? Stopwatch.Frequency / options.Rate : 0;
        var senders = Enumerable.Range(0, options.Conns).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                var seq = ledger.Next(phase);
                if (seq < 0)
                {
                    output.WriteLine("WARNING: event ledger full; shorten --duration or lower --rate");
                    return;
                }

                if (ticksPerEvent > 0)
                {
                    // Open loop: event n is due at start + n / rate, whatever happened to the ones before it.
                    var due = start + (long)((seq - first) * ticksPerEvent);
                    var wait = (due - Stopwatch.GetTimestamp()) / TicksPerMs;
                    if (wait >= 1)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(wait));
                    }
                }

                var status = await sender.SendAsync(seq);
                if (EventLedger.IsRefusal(status))
                {
                    _retries.Enqueue(RedeliverAsync(sender, seq));
                }

                if (options.WaitForPost && status == (int)HttpStatusCode.OK)
                {
                    try
                    {
                        await ledger.PostOf(seq).WaitAsync(TimeSpan.FromSeconds(10));
                    }
                    catch (TimeoutException)
                    {
                        // Counted as lost in the report; the sender goes on.
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(senders);
    }

    /// <summary>As Slack: the refused event again, with X-Slack-Retry-Num 1..3, after each configured delay, until one is taken.</summary>
    private async Task RedeliverAsync(EventSender sender, long seq)
    {
        for (var retry = 1; retry <= options.RetryDelays.Count; retry++)
        {
            await Task.Delay(TimeSpan.FromSeconds(options.RetryDelays[retry - 1]));
            if (!EventLedger.IsRefusal(await sender.SendAsync(seq, retryNum: retry)))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Waits until every acked event of <paramref name="phase"/> has its post, or no post has come for a second (the
    /// rest are lost), or <paramref name="maxSeconds"/> passed. Returns how many acked events have no post.
    /// </summary>
    private async Task<long> SettleAsync(EventLedger ledger, Phase phase, double maxSeconds)
    {
        // Slack's redeliveries first: an event is lost only once its last retry was refused too.
        await Task.WhenAll(_retries.ToArray());
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(maxSeconds * Stopwatch.Frequency);
        while (true)
        {
            var missing = Count(ledger, phase, seq => ledger.StatusOf(seq) == (int)HttpStatusCode.OK && ledger.PostedAt(seq) == 0);
            var now = Stopwatch.GetTimestamp();
            var quiet = now - Math.Max(ledger.LastPostTicks, start) > Stopwatch.Frequency;
            if (missing == 0 || quiet || now > deadline)
            {
                return missing;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Waits until the idle server uses under 2 % of a core over a second (at most a minute). Right after a warm-up the
    /// runtime is still recompiling hot methods at tier 1 on a background thread; on two busy cores that takes seconds
    /// and, measured, would be charged to the events of the window.
    /// </summary>
    private async Task<(double Seconds, double Cpu)> WaitForQuietServerAsync()
    {
        var first = ProcStats.CpuSeconds(options.ServerPid);
        if (double.IsNaN(first))
        {
            return (0, 0);
        }

        var start = Stopwatch.GetTimestamp();
        var last = first;
        while (Stopwatch.GetElapsedTime(start) < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(1000);
            var now = ProcStats.CpuSeconds(options.ServerPid);
            if (now - last <= 0.02)
            {
                break;
            }

            last = now;
        }

        return (Stopwatch.GetElapsedTime(start).TotalSeconds, ProcStats.CpuSeconds(options.ServerPid) - first);
    }

    private static long Count(EventLedger ledger, Phase phase, Func<long, bool> predicate)
    {
        long n = 0;
        for (long seq = 0, issued = ledger.Issued; seq < issued; seq++)
        {
            if (ledger.PhaseOf(seq) == phase && predicate(seq))
            {
                n++;
            }
        }

        return n;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
