namespace PickBot.Core.Semantic;

/// <summary>What the meaning layer is doing, as <c>/healthz</c>, <c>/api/status</c> and the log say it.</summary>
/// <param name="Mode">The configured generator: "local", "openai" or "off".</param>
/// <param name="State">"off", "loading" (answering by words until the model is ready), "on", or "unavailable" (answering by words).</param>
/// <param name="Model">The embedding model's id once known.</param>
/// <param name="Detail">Why it is unavailable, or what it holds when on.</param>
public sealed record SemanticStatus(string Mode, string State, string? Model, string? Detail)
{
    /// <summary>True when answers may use meaning now.</summary>
    public bool IsOn => State == "on";

    /// <summary>"meaning" when on, else "lexical": the one word a health check shows.</summary>
    public string Answering => IsOn ? "meaning" : "lexical";
}
