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
    /// The parts of a pick message that come from the entry alone (its title line, its sources, each option's "choose
    /// instead" section, each pick's header, reason and fallback text), made once per entry of the loaded knowledge
    /// rather than for every answer: they were most of what rendering an answer allocated. The table lets go of them
    /// with the knowledge.
    /// </summary>
    private static readonly ConditionalWeakTable<Comparison, EntryParts> Parts = new();

    /// <summary>The small line under a reworded answer, so nobody mistakes the LLM's wording for the curated text.</summary>
    public const string RephrasedNote = "✨ Worded by an AI model from this entry; the pick and sources are PickBot's. “Show both sides” has the full entry.";

    private const string InferredNote = " · _matched from the meaning of your question_";

    private static readonly SectionBlock NothingDecided = BlockJsonConverter.Share(BlockLimits.Section("*Decided by:* nothing in your question pointed either way, so this is the default pick."));

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
        var parts = PartsOf(entry);
        var blocks = new List<Block>
        {
            BlockLimits.Header($"Pick: {pick.Name}"),
            parts.TitleLine(answer.Inferred),
            BlockLimits.Section(Escape(rephrased)),
            BlockLimits.Context(RephrasedNote),
        };
        AddSourcesAndButtons(answer, parts, blocks);
        var text = $"Pick: {pick.Name} ({parts.Title}). {rephrased}";
        return new MessageContent(BlockLimits.Trim(Escape(text), BlockLimits.MaxFallbackText), BlockLimits.Cap(blocks));
    }

    private static MessageContent RenderPick(Answer answer)
    {
        var parts = PartsOf(answer.Entry!);

        // A tie's reason quotes the question's words, so it is the one reason that is not the entry's own.
        var pick = answer.Tie ? PickParts.Make(answer.Pick!.Name, parts.Title, answer.Justification) : parts.Pick(answer.Pick!.Name, answer.Justification);
        var blocks = new List<Block>(answer.Alternatives.Count + 7)
        {
            pick.Header,
            parts.TitleLine(answer.Inferred),
            pick.Why,
            answer.DecidedBy.Count > 0 ? BlockLimits.Section(DecidedBy(answer)) : NothingDecided,
        };
        if (answer.BothSides is { } sides)
        {
            blocks.Add(BlockLimits.Context("*Both sides:* " + Escape(sides)));
        }

        if (answer.Corrections.Count > 0)
        {
            blocks.Add(BlockLimits.Context("Read " + string.Join("; ", answer.Corrections.Select(ReadAs))));
        }

        foreach (var other in answer.Alternatives)
        {
            blocks.Add(parts.Instead(other.Option.Name, other.When));
        }

        AddSourcesAndButtons(answer, parts, blocks);
        return new MessageContent(pick.Fallback, BlockLimits.Cap(blocks));
    }

    private static string DecidedBy(Answer answer)
    {
        var words = answer.DecidedBy;
        var text = new StringBuilder("*Decided by your words:* ", 64);
        for (var i = 0; i < words.Count; i++)
        {
            text.Append(i == 0 ? "“" : ", “").Append(Escape(words[i])).Append('”');
            if (answer.ReadAs(words[i]) is { } read)
            {
                // Read by meaning, not as written: the person sees what their words were taken for.
                text.Append(" (read as “").Append(Escape(read)).Append("”)");
            }
        }

        return text.ToString();
    }

    private static void AddSourcesAndButtons(Answer answer, EntryParts parts, List<Block> blocks)
    {
        // The entry's own sources, unless whoever made this answer gave it others.
        var sources = ReferenceEquals(answer.Sources, answer.Entry!.Sources) ? parts.Sources : SourcesSection(answer.Sources);
        if (sources is not null)
        {
            blocks.Add(sources);
        }

        var reference = new AnswerReference(answer.Question, answer.Entry.Id, answer.Pick!.Id).Encode();
        blocks.Add(new ActionsBlock(
        [
            BlockLimits.Button("👍 Helpful", ActionIds.Helpful, reference, "primary"),
            BlockLimits.Button("👎 Not helpful", ActionIds.NotHelpful, reference),
            BlockLimits.Button("Show both sides", ActionIds.ShowBothSides, reference),
        ]));
    }

    private static SectionBlock? SourcesSection(IReadOnlyList<Source> sources)
    {
        if (sources.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder("*Sources:*", 256);
        foreach (var source in sources)
        {
            text.Append("\n• ").Append(Link(source.Url, source.Title));
        }

        return BlockLimits.Section(text.ToString());
    }

    private static EntryParts PartsOf(Comparison entry) => Parts.GetValue(entry, static e => new EntryParts(e));

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

    /// <summary>What an entry's answers share. Safe to read from many requests at once: the memos only ever grow by
    /// swapping in a copy, and a race at worst builds the same part twice.</summary>
    private sealed class EntryParts(Comparison entry)
    {
        /// <summary>An entry's picks and reasons are few; this bounds the memo whatever happens.</summary>
        private const int MaxMemo = 32;

        private readonly ContextBlock _titleLine = BlockJsonConverter.Share(BlockLimits.Context(Escape(entry.Title)));
        private readonly ContextBlock _inferredTitleLine = BlockJsonConverter.Share(BlockLimits.Context(Escape(entry.Title) + InferredNote));
        private (string Name, string Justification, PickParts Parts)[] _picks = [];
        private (string Name, string When, SectionBlock Section)[] _instead = [];

        public string Title { get; } = entry.Title;

        public SectionBlock? Sources { get; } = SourcesSection(entry.Sources) is { } sources ? BlockJsonConverter.Share(sources) : null;

        public ContextBlock TitleLine(bool inferred) => inferred ? _inferredTitleLine : _titleLine;

        public PickParts Pick(string name, string justification)
        {
            var memo = Volatile.Read(ref _picks);
            foreach (var (n, j, parts) in memo)
            {
                if (n == name && j == justification)
                {
                    return parts;
                }
            }

            var made = PickParts.Make(name, Title, justification, share: true);
            Remember(ref _picks, memo, (name, justification, made));
            return made;
        }

        public SectionBlock Instead(string name, string when)
        {
            var memo = Volatile.Read(ref _instead);
            foreach (var (n, w, section) in memo)
            {
                if (n == name && w == when)
                {
                    return section;
                }
            }

            var made = BlockJsonConverter.Share(BlockLimits.Section($"*Choose {Escape(name)} instead if* {Escape(when)}"));
            Remember(ref _instead, memo, (name, when, made));
            return made;
        }

        private static void Remember<T>(ref T[] memo, T[] seen, T item)
        {
            if (seen.Length < MaxMemo)
            {
                Interlocked.CompareExchange(ref memo, [.. seen, item], seen);
            }
        }
    }

    /// <summary>A pick's header, its reason as a section, and the message's plain fallback text.</summary>
    private sealed record PickParts(HeaderBlock Header, SectionBlock Why, string Fallback)
    {
        /// <param name="share">The parts are kept for many answers: their JSON is made once too.</param>
        public static PickParts Make(string name, string title, string justification, bool share = false)
        {
            var header = BlockLimits.Header($"Pick: {name}");
            var why = BlockLimits.Section($"*Why:* {Escape(justification)}");
            return new(
                share ? BlockJsonConverter.Share(header) : header,
                share ? BlockJsonConverter.Share(why) : why,
                BlockLimits.Trim(Escape($"Pick: {name} ({title}). {justification}"), BlockLimits.MaxFallbackText));
        }
    }
}
