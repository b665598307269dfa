using System.Globalization;

namespace PickBot.LoadGen;

/// <summary>
/// What to load and how hard. Secrets come from the environment (<c>SLACK_SIGNING_SECRET</c>, <c>SLACK_BOT_TOKEN</c>),
/// the rest from <c>--name value</c> arguments.
/// </summary>
internal sealed record LoadOptions
{
    public const string Usage = """
        PickBot.LoadGen: signed Events API app_mention load against a running PickBot, with a fake Slack Web API.

          SLACK_SIGNING_SECRET=... SLACK_BOT_TOKEN=xoxb-... dotnet PickBot.LoadGen.dll [options]

          --target URL        PickBot's events endpoint (default http://127.0.0.1:5000/slack/events)
          --slack-port N      loopback port of the fake Web API; start PickBot with
                              Slack__ApiBaseUrl=http://127.0.0.1:N/api/ (default 5098)
          --mode ack|e2e      ack: each sender sends its next event as soon as the last one is acked (the queue may
                              overflow); e2e: each sender waits for its event's chat.postMessage first (default ack)
          --conns N           concurrent senders, one connection each (default 32)
          --rate N            events per second in all, paced (default 0: as fast as the acks come back)
          --warmup S          seconds of unmeasured load first (default 5)
          --duration S        seconds of measured load (default 10)
          --drain S           longest wait for the last posts after the load stops (default 10)
          --server-pid PID    read the server's CPU time and peak RSS from /proc
          --label NAME        echoed in the RESULT line (default pickbot)
          --bot-user-id ID    the id PickBot is started with (Slack__BotUserId; default U0BOT)
          --retry-delays S,S,S  as Slack, resend an event refused with a 5xx (or not answered) with X-Slack-Retry-Num
                              1, 2, 3 after these many seconds each; Slack's own schedule is 0,60,300 (default 0,1,5:
                              shorter, so the bench ends sooner and counts as lost what Slack might still deliver)
        """;

    public Uri Target { get; init; } = new("http://127.0.0.1:5000/slack/events");

    public int SlackPort { get; init; } = 5098;

    public string Mode { get; init; } = "ack";

    public int Conns { get; init; } = 32;

    public double Rate { get; init; }

    public double WarmupSeconds { get; init; } = 5;

    public double DurationSeconds { get; init; } = 10;

    public double DrainSeconds { get; init; } = 10;

    public int ServerPid { get; init; }

    public string Label { get; init; } = "pickbot";

    public string BotUserId { get; init; } = "U0BOT";

    public required string SigningSecret { get; init; }

    public required string BotToken { get; init; }

    /// <summary>Seconds before retry 1, 2, 3 of a refused event (Slack: about at once, 1 minute, 5 minutes).</summary>
    public IReadOnlyList<double> RetryDelays { get; init; } = [0, 1, 5];

    public bool WaitForPost => Mode == "e2e";

    /// <summary>The options, or an error message for the user.</summary>
    public static (LoadOptions? Options, string? Error) Parse(IReadOnlyList<string> args, Func<string, string?> env)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            return (null, Usage);
        }

        var secret = env("SLACK_SIGNING_SECRET");
        var token = env("SLACK_BOT_TOKEN");
        if (string.IsNullOrWhiteSpace(secret) || string.IsNullOrWhiteSpace(token))
        {
            return (null, "SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN must be set (the same values PickBot is started with)");
        }

        var options = new LoadOptions { SigningSecret = secret, BotToken = token };
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                return (null, $"{name} needs a value\n\n{Usage}");
            }

            var value = args[++i];
            try
            {
                options = name switch
                {
                    "--target" => options with { Target = new Uri(value, UriKind.Absolute) },
                    "--slack-port" => options with { SlackPort = Int(value, 1, 65535) },
                    "--mode" when value is "ack" or "e2e" => options with { Mode = value },
                    "--conns" => options with { Conns = Int(value, 1, 4096) },
                    "--rate" => options with { Rate = Number(value, 0, 1_000_000) },
                    "--warmup" => options with { WarmupSeconds = Number(value, 0, 3600) },
                    "--duration" => options with { DurationSeconds = Number(value, 0.1, 3600) },
                    "--drain" => options with { DrainSeconds = Number(value, 0, 3600) },
                    "--server-pid" => options with { ServerPid = Int(value, 0, int.MaxValue) },
                    "--label" => options with { Label = value },
                    "--bot-user-id" => options with { BotUserId = value },
                    "--retry-delays" => options with { RetryDelays = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(d => Number(d, 0, 3600)).ToArray() },
                    _ => throw new FormatException($"unknown option {name} {value}"),
                };
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentOutOfRangeException or UriFormatException)
            {
                return (null, $"{name} {value}: {e.Message}\n\n{Usage}");
            }
        }

        return (options, null);
    }

    private static int Int(string value, int min, int max)
    {
        var n = int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, min, nameof(value));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, max, nameof(value));
        return n;
    }

    private static double Number(string value, double min, double max)
    {
        var n = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, min, nameof(value));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, max, nameof(value));
        return n;
    }
}
