using System.Diagnostics;
using System.Net;

namespace PickBot.LoadGen;

/// <summary>The measured window's figures, from the ledger. Latencies in milliseconds.</summary>
internal sealed record Report(
    long Sent,
    long Acked,
    long Posted,
    long Non2xx,
    long Errors,
    long PostedBeforeAck,
    long Refused,
    long Refusals,
    long Retries,
    long GaveUp,
    double AcksPerSecond,
    double PostsPerSecond,
    Percentiles Ack,
    Percentiles AckToPost,
    Percentiles SendToPost)
{
    public static Report Of(EventLedger ledger, long t0)
    {
        var ticksPerMs = Stopwatch.Frequency / 1000.0;
        var ack = new List<long>();
        var ackToPost = new List<long>();
        var sendToPost = new List<long>();
        long sent = 0, non2xx = 0, errors = 0, before = 0, refused = 0, refusals = 0, retries = 0, gaveUp = 0, lastAck = t0, lastPost = t0;
        for (long seq = 0, issued = ledger.Issued; seq < issued; seq++)
        {
            if (ledger.PhaseOf(seq) != Phase.Measured || ledger.SentAt(seq) == 0)
            {
                continue;
            }

            sent++;
            var status = ledger.StatusOf(seq);
            refused += ledger.RefusalsOf(seq) > 0 ? 1 : 0;
            refusals += ledger.RefusalsOf(seq);
            retries += Math.Max(0, ledger.AttemptsOf(seq) - 1);
            if (status != (int)HttpStatusCode.OK)
            {
                gaveUp += EventLedger.IsRefusal(status) ? 1 : 0;
                if (status > 0)
                {
                    non2xx++;
                }
                else
                {
                    errors++;
                }

                continue;
            }

            var acked = ledger.AckedAt(seq);
            ack.Add(acked - ledger.AttemptSentAt(seq));
            lastAck = Math.Max(lastAck, acked);
            var posted = ledger.PostedAt(seq);
            if (posted == 0)
            {
                continue;
            }

            // The worker can post before the ack's response has reached the sender: then this is negative, and counted.
            ackToPost.Add(posted - acked);
            sendToPost.Add(posted - ledger.SentAt(seq));
            before += posted < acked ? 1 : 0;
            lastPost = Math.Max(lastPost, posted);
        }

        double PerSecond(long n, long until) => until > t0 ? n * (double)Stopwatch.Frequency / (until - t0) : 0;
        return new Report(
            sent,
            ack.Count,
            ackToPost.Count,
            non2xx,
            errors,
            before,
            refused,
            refusals,
            retries,
            gaveUp,
            PerSecond(ack.Count, lastAck),
            PerSecond(ackToPost.Count, lastPost),
            Percentiles.Of(ack, ticksPerMs),
            Percentiles.Of(ackToPost, ticksPerMs),
            Percentiles.Of(sendToPost, ticksPerMs));
    }
}

/// <summary>Nearest-rank percentiles of a sample, in milliseconds; NaN when it is empty.</summary>
internal sealed record Percentiles(double P50, double P99, double Max)
{
    public static Percentiles Of(List<long> ticks, double ticksPerMs)
    {
        if (ticks.Count == 0)
        {
            return new Percentiles(double.NaN, double.NaN, double.NaN);
        }

        ticks.Sort();
        double At(double q) => ticks[Math.Max(0, (int)Math.Ceiling(q * ticks.Count) - 1)] / ticksPerMs;
        return new Percentiles(At(0.50), At(0.99), ticks[^1] / ticksPerMs);
    }
}
