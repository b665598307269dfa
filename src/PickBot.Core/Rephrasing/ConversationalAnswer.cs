using PickBot.Core.Answers;

namespace PickBot.Core.Rephrasing;

/// <summary>How the LLM step went for one answer: for logs, tests and the "rephrased" marker.</summary>
public enum RephraseOutcome
{
    /// <summary>No LLM step ran: it is disabled, or the answer has no pick to reword.</summary>
    NotUsed,

    /// <summary>The text was reworded and passed the guard.</summary>
    Rephrased,

    /// <summary>The model answered, but the guard threw the text away.</summary>
    Rejected,

    /// <summary>The model gave nothing in time (error, timeout, open circuit, empty reply).</summary>
    Unavailable,
}

/// <summary>
/// An answer with its optional rewording. <see cref="Answer"/> is always PickEngine's (for an inferred match, from the
/// entry the LLM proposed and the knowledge base confirmed); <see cref="Rephrased"/> is null unless the guard accepted it.
/// </summary>
public sealed record ConversationalAnswer(Answer Answer, string? Rephrased, RephraseOutcome Outcome, string? RejectedBecause = null)
{
    public static ConversationalAnswer Plain(Answer answer, RephraseOutcome outcome = RephraseOutcome.NotUsed) => new(answer, null, outcome);
}
