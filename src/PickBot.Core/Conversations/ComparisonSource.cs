namespace PickBot.Core.Conversations;

/// <summary>Where a conversation's answer found its comparison.</summary>
public enum ComparisonSource
{
    /// <summary>None found: the answer is the question's own (help, did you mean).</summary>
    None,

    /// <summary>The question named it ("and kafka vs sqs?").</summary>
    Question,

    /// <summary>The latest message of the conversation that named one.</summary>
    Thread,

    /// <summary>PickBot's own earlier answer in the conversation.</summary>
    EarlierAnswer,

    /// <summary>What PickBot remembered of the conversation.</summary>
    Memory,
}
