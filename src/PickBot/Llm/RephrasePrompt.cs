using System.Text;
using Microsoft.SemanticKernel.ChatCompletion;
using PickBot.Core.Answers;
using PickBot.Core.Knowledge;

namespace PickBot.Llm;

/// <summary>
/// The rephrasing prompt: the person's question and the facts of the one entry answered, nothing else. The model is
/// told to keep the pick; <see cref="Core.Rephrasing.RephraseGuard"/> checks that it did.
/// </summary>
internal static class RephrasePrompt
{
    public const string System = """
        You are PickBot, a colleague who helps a software team choose between technical options.
        You receive a question and the facts of one knowledge entry, including the pick already made for this question.
        Answer the person directly in two to four plain sentences, using only the facts given.
        Keep the given pick: name it, say why it fits their question, and say briefly when the other option would win.
        Do not recommend any other option as the pick, do not invent facts, numbers or sources, and do not use headings,
        lists or links.
        """;

    public static ChatHistory Build(string question, Answer answer, KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(knowledge);
        var entry = answer.Entry ?? throw new ArgumentException("Only an answer with an entry can be rephrased", nameof(answer));
        var pick = answer.Pick ?? throw new ArgumentException("Only an answer with a pick can be rephrased", nameof(answer));
        var facts = new StringBuilder();
        facts.Append("Question: ").AppendLine(question.Trim());
        facts.AppendLine();
        facts.Append("Comparison: ").AppendLine(entry.Title);
        foreach (var side in entry.Sides)
        {
            var option = knowledge.FindOption(side.OptionId);
            facts.AppendLine();
            facts.Append("Option: ").AppendLine(option?.Name ?? side.OptionId);
            if (option is { Summary.Length: > 0 })
            {
                facts.Append("  What it is: ").AppendLine(option.Summary);
            }

            facts.Append("  Use when: ").AppendLine(side.UseWhen);
            List("Pros", side.Pros);
            List("Cons", side.Cons);
            List("Examples", side.Examples);
        }

        facts.AppendLine();
        facts.Append("PICK (keep it): ").AppendLine(pick.Name);
        facts.Append("Why: ").AppendLine(answer.Justification);
        facts.Append("Decided by the words: ").AppendLine(answer.DecidedBy.Count > 0
            ? string.Join(", ", answer.DecidedBy.Select(w => $"\"{w}\""))
            : "none; this is the default pick");
        foreach (var other in answer.Alternatives)
        {
            facts.Append("When ").Append(other.Option.Name).Append(" wins instead: ").AppendLine(other.When);
        }

        if (answer.Sources.Count > 0)
        {
            facts.Append("Sources: ").AppendLine(string.Join("; ", answer.Sources.Select(s => s.Title)));
        }

        var history = new ChatHistory(System);
        history.AddUserMessage(facts.ToString().TrimEnd());
        return history;

        void List(string label, IReadOnlyList<string> items)
        {
            foreach (var item in items)
            {
                facts.Append("  ").Append(label).Append(": ").AppendLine(item);
            }
        }
    }
}
