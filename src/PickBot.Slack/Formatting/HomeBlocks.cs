using System.Globalization;
using System.Text;
using PickBot.Core.Answers;
using PickBot.Core.Feedback;
using PickBot.Core.Knowledge;
using PickBot.Core.Text;
using PickBot.Slack.Blocks;

namespace PickBot.Slack.Formatting;

/// <summary>
/// PickBot's Home tab: how to ask (slash command, mention, direct message) with examples checked against the engine
/// before they are shown, the catalogue by area with counts, and for admins the knowledge status and the most
/// frequent unanswered questions.
/// </summary>
public static class HomeBlocks
{
    /// <summary>Examples shown: each one is asked of the engine first, and only those it answers with a rule are kept.</summary>
    public const int MaxExamples = 3;

    /// <summary>Entries named per area; a big library lists the rest as "and N more" with the command that shows them.</summary>
    public const int MaxEntriesPerArea = 8;

    /// <summary>Unanswered question groups shown to admins.</summary>
    public const int MaxUnanswered = 5;

    /// <param name="admin">The admin section's content, or null for everyone else.</param>
    public static IReadOnlyList<Block> Render(PickEngine engine, string commandName, HomeAdminSection? admin = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var kb = engine.Knowledge;
        var examples = Examples(engine);
        var blocks = new List<Block>
        {
            BlockLimits.Header("PickBot: architecture picks with reasons"),
            BlockLimits.Section("Ask me to pick between options and say what matters to you: the pick depends on your context, "
                + "and I show which of your words decided it and when to choose the other option."),
            BlockLimits.Section(HowToAsk(commandName, examples)),
            new DividerBlock(),
        };

        var areas = kb.Comparisons.GroupBy(c => c.Area).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        blocks.Add(BlockLimits.Header(string.Create(CultureInfo.InvariantCulture, $"What I can compare ({kb.Comparisons.Count} comparisons in {areas.Count} areas)")));
        foreach (var area in areas)
        {
            blocks.Add(BlockLimits.Section(AreaSection(area.Key, area.ToList(), commandName)));
        }

        if (admin is not null)
        {
            blocks.Add(new DividerBlock());
            blocks.Add(BlockLimits.Header("For admins"));
            blocks.Add(BlockLimits.Section(Status(admin.Status)));
            blocks.Add(BlockLimits.Section(Unanswered(admin.Unanswered)));
        }

        return BlockLimits.Cap(blocks);
    }

    /// <summary>
    /// "A vs B, signal": the first plain signal of each entry's first rule, asked of the engine; an example is shown
    /// only when the engine answers it with that entry and that rule's pick, so every example works as written.
    /// </summary>
    public static IReadOnlyList<string> Examples(PickEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var kb = engine.Knowledge;
        var examples = new List<string>(MaxExamples);
        var areas = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in kb.Comparisons)
        {
            if (examples.Count == MaxExamples)
            {
                break;
            }

            if (entry.Rules.Count == 0 || !areas.Add(entry.Area))
            {
                continue;
            }

            var rule = entry.Rules[0];
            var signal = rule.When.FirstOrDefault(w => !w.Contains('{', StringComparison.Ordinal));
            if (signal is null)
            {
                continue;
            }

            var question = $"{string.Join(" or ", entry.OptionIds.Take(2).Select(kb.OptionName))} when we {signal}?";
            if (engine.Ask(question) is { Kind: AnswerKind.Pick } answer && answer.Entry!.Id == entry.Id && answer.Pick!.Id == rule.Pick)
            {
                examples.Add(question);
            }
        }

        return examples;
    }

    private static string HowToAsk(string commandName, IReadOnlyList<string> examples)
    {
        var first = examples.Count > 0 ? SlackText.Escape(examples[0]) : "kafka vs rabbitmq for order events";
        var text = new StringBuilder("*How to ask*\n");
        text.Append("• *Slash command*, anywhere: `").Append(SlackText.Escape(commandName)).Append(' ').Append(first).Append("`\n");
        text.Append("• *Mention me in a thread*: `@PickBot what do you think?` I read the thread, find the comparison and the context, and quote who said the deciding words. Ask again there (`@PickBot what if we were 50 engineers?`, `@PickBot why not the other one?`) and I carry on.\n");
        text.Append("• *Direct message*: open the Messages tab and just type the question.");
        if (examples.Count > 0)
        {
            text.Append("\n*Try*");
            foreach (var example in examples)
            {
                text.Append("\n• `").Append(SlackText.Escape(example)).Append('`');
            }
        }

        text.Append("\n`").Append(SlackText.Escape(commandName)).Append(" list` shows every comparison; `").Append(SlackText.Escape(commandName)).Append(" help` shows this again.");
        return text.ToString();
    }

    private static string AreaSection(string area, List<Comparison> entries, string commandName)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"*{SlackText.Escape(area)}* ({entries.Count})");
        foreach (var entry in entries.Take(MaxEntriesPerArea))
        {
            text.Append("\n• ").Append(SlackText.Escape(entry.Title));
        }

        if (entries.Count > MaxEntriesPerArea)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n… and {entries.Count - MaxEntriesPerArea} more: `{SlackText.Escape(commandName)} list {SlackText.Escape(area)}`");
        }

        return text.ToString();
    }

    private static string Status(KnowledgeStatus status)
    {
        var text = new StringBuilder("*Knowledge status*\n");
        text.Append(CultureInfo.InvariantCulture, $"Version `{SlackText.Escape(status.Version)}`: {status.Comparisons} comparisons, {status.Options} options, loaded {status.LoadedAt:yyyy-MM-dd HH:mm} UTC.");
        var errors = status.Problems.Count(p => !p.Contains(": warning: ", StringComparison.Ordinal));
        text.Append(errors == 0 ? "\nNo entries left out." : string.Create(CultureInfo.InvariantCulture, $"\n:warning: {errors} problem(s) left entries out; `/pick status` lists them."));
        if (status.RejectedProblems.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n:warning: The last reload was rejected ({status.RejectedProblems.Count} error(s)); the set above is still served.");
        }

        return text.ToString();
    }

    private static string Unanswered(IReadOnlyList<UnansweredGroup> groups)
    {
        if (groups.Count == 0)
        {
            return "*Most asked without an answer*\nNothing unanswered recently.";
        }

        var text = new StringBuilder("*Most asked without an answer* (last 30 days)");
        foreach (var group in groups.Take(MaxUnanswered))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n• {group.Count}× “{SlackText.Escape(BlockLimits.Trim(group.Question, 150))}”");
        }

        return text.ToString();
    }
}

/// <summary>What the Home tab shows an admin.</summary>
public sealed record HomeAdminSection(KnowledgeStatus Status, IReadOnlyList<UnansweredGroup> Unanswered);
