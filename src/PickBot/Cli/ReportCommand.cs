using System.Globalization;
using System.Text.Json;
using PickBot.Core.Answers;
using PickBot.Core.Feedback;
using PickBot.Core.Knowledge;
using PickBot.Feedback;

namespace PickBot.Cli;

/// <summary>The <c>report</c> verb: the admins' to-do list from the feedback store and the knowledge in the folder.</summary>
internal static class ReportCommand
{
    private static readonly JsonSerializerOptions IndentedJson = new(AnswerDocument.JsonOptions) { WriteIndented = true };

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var configuration = CliKnowledge.Configuration();
        return RunAsync(args, output, error, () => OpenStore(configuration), CliKnowledge.Options(configuration), TimeProvider.System);
    }

    internal static async Task<int> RunAsync(
        string[] args,
        TextWriter output,
        TextWriter error,
        Func<IFeedbackStore?> openStore,
        KnowledgeOptions knowledge,
        TimeProvider time)
    {
        var parsed = new CliArguments("report", args, ["--json"], ["--since"]);
        if (parsed.Positional.Count > 0)
        {
            throw new UsageException($"report takes no arguments, only --since DATE and --json (got '{parsed.Positional[0]}')");
        }

        var now = time.GetUtcNow();
        var since = parsed.Value("--since") is { } text ? ParseSince(text, now) : (DateTimeOffset?)null;
        var store = openStore();
        if (store is null)
        {
            error.WriteLine("pickbot: no feedback recorded yet: the bot creates the store (Storage:DataPath, default data/feedback.db) when it records the first vote or unanswered question");
            return CommandLine.Failed;
        }

        var kb = new KnowledgeLoader(time, knowledge.ReviewMaxAgeDays).Load(new DirectoryKnowledgeSource(knowledge.Path));
        CliKnowledge.ReportErrors(kb, error);
        try
        {
            var report = await GapsReport.BuildAsync(store, kb, since, now, knowledge.ReviewMaxAgeDays);
            output.WriteLine(parsed.Has("--json") ? JsonSerializer.Serialize(report, IndentedJson) : Render(report, knowledge.ReviewMaxAgeDays));
            return CommandLine.Ok;
        }
        finally
        {
            switch (store)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    /// <summary>A date (<c>2026-11-01</c>, UTC midnight), a date and time with offset, or an age such as <c>7d</c> or <c>12h</c>.</summary>
    internal static DateTimeOffset ParseSince(string text, DateTimeOffset now)
    {
        var trimmed = text.Trim();
        if (trimmed.Length > 1 && trimmed[^1] is 'd' or 'h'
            && int.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return trimmed[^1] == 'd' ? now.AddDays(-amount) : now.AddHours(-amount);
        }

        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
        {
            return moment;
        }

        throw new UsageException($"report: --since '{text}' is not a date (2026-11-01), a date and time (2026-11-01T09:00:00Z) or an age (7d, 12h)");
    }

    internal static string Render(GapsReport report, int reviewMaxAgeDays)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        text.Write($"PickBot gaps report, {report.GeneratedAt:yyyy-MM-dd HH:mm} UTC");
        text.WriteLine(report.Since is { } since ? $", feedback since {since:yyyy-MM-dd HH:mm} UTC" : ", all feedback");
        text.WriteLine();

        text.WriteLine($"Unanswered questions ({Count(report.Unanswered.Sum(g => g.Count), "question", "questions")} in {Count(report.Unanswered.Count, "group", "groups")}, most asked first)");
        if (report.Unanswered.Count == 0)
        {
            text.WriteLine("  none");
        }

        foreach (var group in report.Unanswered)
        {
            text.WriteLine($"  {group.Count,4}x  {group.Question}   [{string.Join(", ", group.Origins)}; last {group.LastAsked:yyyy-MM-dd}]");
            if (group.Variants.Count > 0)
            {
                text.WriteLine($"         also: {string.Join(" | ", group.Variants)}");
            }
        }

        text.WriteLine();
        text.WriteLine($"Thumbs-down ({Count(report.Downvoted.Count, "entry", "entries")}, most first)");
        if (report.Downvoted.Count == 0)
        {
            text.WriteLine("  none");
        }

        foreach (var entry in report.Downvoted)
        {
            var name = entry.EntryId is null ? "(answers with no entry)" : entry.Title is null ? $"{entry.EntryId} (no longer in the knowledge)" : $"{entry.EntryId}  ({entry.Title})";
            text.WriteLine($"  {entry.Down,4} down / {entry.Up} up  {name}");
            foreach (var question in entry.Questions)
            {
                text.WriteLine($"         e.g. {question}");
            }
        }

        text.WriteLine();
        text.WriteLine($"Not reviewed within {Count(reviewMaxAgeDays, "day", "days")} ({Count(report.Stale.Count, "entry", "entries")}, oldest first)");
        if (report.Stale.Count == 0)
        {
            text.WriteLine("  none");
        }

        foreach (var entry in report.Stale)
        {
            var reviewed = entry.Reviewed is { } date ? $"reviewed {date:yyyy-MM-dd}, {entry.DaysSinceReview} days ago" : "never reviewed";
            text.WriteLine($"  {entry.EntryId}  ({entry.Title})  owner {entry.Owner}; {reviewed}");
        }

        return text.ToString().TrimEnd();
    }

    private static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";

    /// <summary>The store the bot writes (Storage:DataPath, relative to the current directory as for the host); null when it has none yet.</summary>
    private static SqliteFeedbackStore? OpenStore(IConfiguration configuration)
    {
        var storage = new StorageOptions();
        configuration.GetSection(StorageOptions.SectionName).Bind(storage);
        var path = Path.Combine(Path.GetFullPath(storage.DataPath, Directory.GetCurrentDirectory()), storage.FeedbackFile);
        return File.Exists(path) ? new SqliteFeedbackStore(path) : null;
    }
}
