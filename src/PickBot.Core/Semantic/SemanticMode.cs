namespace PickBot.Core.Semantic;

/// <summary>Which embedding generator reads meaning, if any.</summary>
public enum SemanticMode
{
    /// <summary>all-MiniLM-L6-v2 in process, offline (the default).</summary>
    Local,

    /// <summary>An OpenAI-compatible <c>/v1/embeddings</c> endpoint (Ollama, vLLM, OpenAI, Azure).</summary>
    OpenAI,

    /// <summary>No meaning: words only, exactly as without this layer.</summary>
    Off,
}
