using System.Text;
using PickBot.Core.Conversations;
using PickBot.Core.Text;
using PickBot.Slack.Blocks;

namespace PickBot.Slack.Formatting;

/// <summary>
/// An answer read from a thread: the usual answer (its "Decided by" names who wrote the words), led by the "why not X"
/// explanation when that was the question, and followed by a line saying which earlier words were overruled by later
/// ones and where the comparison came from.
/// </summary>
public static class ThreadAnswerBlocks
{
    public static MessageContent Render(ThreadAnswer thread, string askHint = "@PickBot", string? rephrased = null)
    {
        ArgumentNullException.ThrowIfNull(thread);
        var content = AnswerBlocks.Render(thread.Answer, askHint, rephrased);
        if (thread.Answer.Entry is null)
        {
            return content;
        }

        var blocks = content.Blocks.ToList();
        var text = content.Text;
        if (thread.WhyNot is { } whyNot)
        {
            var explanation = WhyNotText(whyNot, thread.Answer.Pick!.Name);
            blocks.Insert(Math.Min(1, blocks.Count), BlockLimits.Section(explanation));
            text = BlockLimits.Trim(SlackText.Escape($"Why not {whyNot.Option.Name}? ") + text, BlockLimits.MaxFallbackText);
        }

        var note = Note(thread);
        if (note is not null)
        {
            var at = blocks.FindIndex(b => b is ActionsBlock);
            blocks.Insert(at < 0 ? blocks.Count : at, BlockLimits.Context(note));
        }

        return new MessageContent(text, BlockLimits.Cap(blocks));
    }

    private static string WhyNotText(WhyNot whyNot, string pick)
    {
        var option = SlackText.Escape(whyNot.Option.Name);
        if (whyNot.IsPick)
        {
            return $"*Why not {option}?* It is the pick: {SlackText.Escape(whyNot.When)}";
        }

        var text = new StringBuilder($"*Why not {option}?* {option} wins when {Lower(SlackText.Escape(whyNot.When))}");
        if (whyNot.Cues.Count > 0)
        {
            text.Append(" Words that would point to it: ").AppendJoin(", ", whyNot.Cues.Select(c => $"“{SlackText.Escape(c)}”")).Append('.');
        }

        text.Append(whyNot.PointedAway.Count > 0
            ? $"\nWhat pointed to {SlackText.Escape(pick)} instead: " + string.Join(", ", whyNot.PointedAway.Select(Quote)) + "."
            : $"\nNothing in the thread pointed either way, so {SlackText.Escape(pick)} is the default pick.");
        return text.ToString();
    }

    private static string? Note(ThreadAnswer thread)
    {
        var parts = new List<string>();
        if (thread.Overruled.Count > 0)
        {
            var earlier = thread.Overruled.Take(4).Select(o => $"{Quote(o.Words)} pointed to {SlackText.Escape(o.Option.Name)}");
            parts.Add("Earlier in the thread " + string.Join("; ", earlier) + ", but later words decided.");
        }

        var source = thread.Source switch
        {
            ComparisonSource.Thread => "Comparison and context read from this thread.",
            ComparisonSource.EarlierAnswer => "Same comparison as my earlier answer here, judged again with the thread's context.",
            ComparisonSource.Memory => "Comparison from my earlier answer here; context from what I remembered of the thread.",
            ComparisonSource.Question => thread.Answer.Attributions.Any(a => a.Author is not null) ? "Your comparison, with this thread as context." : null,
            _ => null,
        };
        if (source is not null)
        {
            parts.Add(source);
        }

        return parts.Count == 0 ? null : string.Join(" ", parts);
    }

    private static string Quote(PickBot.Core.Answers.Attribution a) =>
        a.Author is null ? $"“{SlackText.Escape(a.Words)}”" : $"“{SlackText.Escape(a.Words)}” ({SlackText.Escape(a.Author)})";

    private static string Lower(string text) => text.Length > 0 && char.IsUpper(text[0]) && (text.Length == 1 || !char.IsUpper(text[1])) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}
