using System.Runtime.CompilerServices;
using System.Text;
using PickBot.Core.Answers;
using PickBot.Core.Knowledge;
using PickBot.Core.Text;
using PickBot.Slack.Blocks;

namespace PickBot.Slack.Formatting;

/// <summary>
/// An answer as a Slack message: the pick as the header, why, which words decided it, when to choose the other
/// option, sources, and the feedback buttons. Everything that came from a person or a file is escaped, so a question
/// containing &lt;!channel&gt; pings nobody.
/// </summary>
public static class AnswerBlocks
{
    /// <summary>
    /// A source's link markup, made once per source of the loaded knowledge rather than per answer (checking the URL
    /// builds a Uri); the table lets go of it with the knowledge.
    /// </summary>
    private static readonly ConditionalWeakTable<Source, string> SourceLinks = new();

    /// <summary>The small line under a reworded answer, so nobody mistakes the LLM's wording for the curated text.</summary>
    public const string RephrasedNote = "✨ Worded by an AI model from this entry; the pick and sources are PickBot's. “Show both sides” has the full entry.";

    /// <param name="askHint">How the person asks again: "/pick", "@PickBot", or "" in a direct message; used in suggestions.</param>
    /// <param name="rephrased">The LLM's wording of a pick, already accepted by the guard; it replaces the why and
    /// when-else sections, while the pick header, sources and buttons stay.</param>
    public static MessageContent Render(Answer answer, string askHint = "/pick", string? rephrased = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Kind != AnswerKind.Pick)
        {
            return RenderMessage(answer, askHint);
        }

        return string.IsNullOrWhiteSpace(rephrased) ? RenderPick(answer) : RenderRephrased(answer, rephrased);
    }

    private static MessageContent RenderRephrased(Answer answer, string rephrased)
    {
        var pick = answer.Pick!;
        var entry = answer.Entry!;
        var blocks = new List<Block>
        {
            BlockLimits.Header($"Pick: {pick.Name}"),
            BlockLimits.Context($"{Escape(entry.Title)}{(answer.Inferred ? " · _matched from the meaning of your question_" : string.Empty)}"),
            BlockLimits.Section(Escape(rephrased)),
            BlockLimits.Context(RephrasedNote),
        };
        AddSourcesAndButtons(answer, blocks);
        var text = $"Pick: {pick.Name} ({entry.Title}). {rephrased}";
        return new MessageContent(BlockLimits.Trim(Escape(text), BlockLimits.MaxFallbackText), BlockLimits.Cap(blocks));
    }

    private static MessageContent RenderPick(Answer answer)
    {
        var pick = answer.Pick!;
        var entry = answer.Entry!;
        var blocks = new List<Block>
        {
            BlockLimits.Header($"Pick: {pick.Name}"),
            BlockLimits.Context($"{Escape(entry.Title)}{(answer.Inferred ? " · _matched from the meaning of your question_" : string.Empty)}"),
            BlockLimits.Section($"*Why:* {Escape(answer.Justification)}"),
            BlockLimits.Section(answer.DecidedBy.Count > 0
                ? $"*Decided by your words:* {string.Join(", ", answer.DecidedBy.Select(w => $"“{Escape(w)}”"))}"
                : "*Decided by:* nothing in your question pointed either way, so this is the default pick."),
        };
        if (answer.Corrections.Count > 0)
        {
            blocks.Add(BlockLimits.Context("Read " + string.Join("; ", answer.Corrections.Select(ReadAs))));
        }

        foreach (var other in answer.Alternatives)
        {
            blocks.Add(BlockLimits.Section($"*Choose {Escape(other.Option.Name)} instead if* {Escape(other.When)}"));
        }

        AddSourcesAndButtons(answer, blocks);
        var text = $"Pick: {pick.Name} ({entry.Title}). {answer.Justification}";
        return new MessageContent(BlockLimits.Trim(Escape(text), BlockLimits.MaxFallbackText), BlockLimits.Cap(blocks));
    }

    private static void AddSourcesAndButtons(Answer answer, List<Block> blocks)
    {
        var pick = answer.Pick!;
        var entry = answer.Entry!;
        if (answer.Sources.Count > 0)
        {
            var sources = new StringBuilder("*Sources:*", 256);
            foreach (var source in answer.Sources)
            {
                sources.Append("\n• ").Append(SourceLinks.GetValue(source, static s => Link(s.Url, s.Title)));
            }

            blocks.Add(BlockLimits.Section(sources.ToString()));
        }

        var reference = new AnswerReference(answer.Question, entry.Id, pick.Id).Encode();
        blocks.Add(new ActionsBlock(
        [
            BlockLimits.Button("👍 Helpful", ActionIds.Helpful, reference, "primary"),
            BlockLimits.Button("👎 Not helpful", ActionIds.NotHelpful, reference),
            BlockLimits.Button("Show both sides", ActionIds.ShowBothSides, reference),
        ]));
    }

    private static MessageContent RenderMessage(Answer answer, string askHint)
    {
        var body = new StringBuilder(Escape(answer.Message));
        foreach (var suggestion in answer.Suggestions)
        {
            body.Append("\n• ").Append(Escape(suggestion.Text)).Append(" — try `").Append(HelpBlocks.Ask(askHint, Escape(suggestion.Question))).Append('`');
        }

        var blocks = new List<Block> { BlockLimits.Section(body.ToString()) };
        if (answer.Corrections.Count > 0)
        {
            blocks.Add(BlockLimits.Context("Read " + string.Join("; ", answer.Corrections.Select(ReadAs))));
        }

        return new MessageContent(BlockLimits.Trim(Escape(answer.Message), BlockLimits.MaxFallbackText), BlockLimits.Cap(blocks));
    }

    /// <summary>The engine writes corrections as "written → read"; Slack shows them as "“written” as “read”".</summary>
    private static string ReadAs(string correction)
    {
        var arrow = correction.IndexOf(" → ", StringComparison.Ordinal);
        return arrow < 0
            ? Escape(correction)
            : $"“{Escape(correction[..arrow])}” as “{Escape(correction[(arrow + 3)..])}”";
    }

    internal static string Link(string url, string title)
    {
        // A URL that would break out of <url|label> markup is shown as text rather than as a link.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || url.AsSpan().IndexOfAny("<>| ") >= 0)
        {
            return $"{Escape(title)} ({Escape(url)})";
        }

        return $"<{url}|{Escape(title).Replace('|', '¦')}>";
    }

    internal static string Escape(string text) => SlackText.Escape(text);
}
