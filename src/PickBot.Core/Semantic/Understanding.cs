namespace PickBot.Core.Semantic;

/// <summary>How a piece of the question was recognised.</summary>
public enum UnderstoodBy
{
    /// <summary>The words are a rule's phrase or an option's name.</summary>
    Exact,

    /// <summary>The words are an option's name with a typo.</summary>
    Typo,

    /// <summary>The words mean what a rule's phrase or a comparison says, by the embedding model's similarity.</summary>
    Meaning,
}

/// <summary>
/// One piece of the question and what PickBot read it as, so an answer stays checkable: "people read these payloads
/// in the logs all day", read as "human readable", similarity 0.61, by meaning.
/// </summary>
public sealed record Understanding(string Words, string ReadAs, double Similarity, UnderstoodBy Method);
