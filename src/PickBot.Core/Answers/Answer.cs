using PickBot.Core.Knowledge;
using PickBot.Core.Semantic;

namespace PickBot.Core.Answers;

public enum AnswerKind
{
    /// <summary>A comparison was found and a pick made.</summary>
    Pick,

    /// <summary>The question looked like a comparison, but no entry fits; see the suggestions.</summary>
    NoMatch,

    /// <summary>The text was not a comparison question at all; the message explains how to ask.</summary>
    Help,
}

/// <summary>An option as an answer names it.</summary>
public sealed record OptionRef(string Id, string Name);

/// <summary>When another option of the comparison would be the better pick.</summary>
public sealed record Alternative(OptionRef Option, string When, IReadOnlyList<string> Cues);

/// <summary>The words of the question that pointed to one option, and whether they were stated as a requirement.</summary>
public sealed record SideSignals(OptionRef Option, IReadOnlyList<string> Words, SignalStrength Strength);

/// <summary>How firmly the question states a signal: "we must have X" outweighs "X", which outweighs "maybe X one day".</summary>
public enum SignalStrength
{
    Hedged,
    Stated,
    Required,
}

/// <summary>Something the person may have meant, with the question that would ask it.</summary>
public sealed record Suggestion(string Text, string Question, string? ComparisonId);

/// <summary>
/// PickBot's answer to one question, as a value. The CLI, Slack and the LLM step all render from this record, and
/// nothing downstream changes <see cref="Pick"/>.
/// </summary>
public sealed record Answer
{
    public required AnswerKind Kind { get; init; }

    public required string Question { get; init; }

    /// <summary>The comparison answered, or null.</summary>
    public Comparison? Entry { get; init; }

    public OptionRef? Pick { get; init; }

    /// <summary>Why this pick: the deciding rule's reason, or the default's.</summary>
    public string Justification { get; init; } = string.Empty;

    /// <summary>The words of the question that decided the pick, as the person wrote them.</summary>
    public IReadOnlyList<string> DecidedBy { get; init; } = [];

    /// <summary>The id of the rule that decided, or "default".</summary>
    public string? RuleId { get; init; }

    /// <summary>Rules pointing to different options matched equally well, so the default decided.</summary>
    public bool Tie { get; init; }

    public IReadOnlyList<Alternative> Alternatives { get; init; } = [];

    public IReadOnlyList<Source> Sources { get; init; } = [];

    public IReadOnlyList<Suggestion> Suggestions { get; init; } = [];

    /// <summary>The options recognised in the question, whether or not they made a comparison.</summary>
    public IReadOnlyList<OptionRef> Recognised { get; init; } = [];

    /// <summary>Words recognised through typo tolerance: what was written and what it was read as.</summary>
    public IReadOnlyList<string> Corrections { get; init; } = [];

    /// <summary>For <see cref="AnswerKind.NoMatch"/> and <see cref="AnswerKind.Help"/>: what to tell the person.</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>The entry was chosen by the LLM step from the question's meaning, not by the parser.</summary>
    public bool Inferred { get; init; }

    /// <summary>
    /// What PickBot read the question's words as: rule phrases matched exactly, option names read through a typo, and
    /// context or a comparison read by meaning, each with its similarity.
    /// </summary>
    public IReadOnlyList<Understanding> Understood { get; init; } = [];

    /// <summary>
    /// When the question held signals for more than one option: which option each pointed to, the deciding one
    /// first. Empty when only one side was signalled.
    /// </summary>
    public IReadOnlyList<SideSignals> Sides { get; init; } = [];

    /// <summary>With <see cref="Sides"/>: which side decided and why, in a sentence.</summary>
    public string? BothSides { get; init; }

    /// <summary>The comparison was found from the question's meaning, not from its names.</summary>
    public bool FromMeaning => Understood.Count > 0 && Understood[0].Method == UnderstoodBy.Meaning && Entry is not null && Understood[0].ReadAs == Entry.Title;

    /// <summary>What a decided-by word was read as by meaning ("human readable"), or null when it matched as written.</summary>
    public string? ReadAs(string decidedBy)
    {
        foreach (var understanding in Understood)
        {
            if (understanding.Method == UnderstoodBy.Meaning && understanding.Words == decidedBy && (Entry is null || understanding.ReadAs != Entry.Title))
            {
                return understanding.ReadAs;
            }
        }

        return null;
    }

    public bool Matched => Kind == AnswerKind.Pick;

    public bool IsDefault => RuleId == DefaultRuleId;

    public const string DefaultRuleId = "default";
}
