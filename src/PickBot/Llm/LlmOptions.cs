using System.ComponentModel.DataAnnotations;

namespace PickBot.Llm;

/// <summary>
/// The optional LLM step (section "Llm"). Off by default; when on, it needs an OpenAI-compatible endpoint and a model.
/// <see cref="ApiKey"/> comes from the environment only (<c>Llm__ApiKey</c>).
/// </summary>
public sealed class LlmOptions : IValidatableObject
{
    public const string SectionName = "Llm";

    public bool Enabled { get; set; }

    /// <summary>An OpenAI-compatible base URL including <c>/v1</c>, e.g. <c>http://127.0.0.1:11434/v1</c> for Ollama.</summary>
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    /// <summary>Sent as the bearer token; local servers usually need none. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Time for one HTTP attempt.</summary>
    [Range(100, 600_000)]
    public int TimeoutMs { get; set; } = 15_000;

    /// <summary>Time for one LLM call including its retries and any Retry-After wait.</summary>
    [Range(100, 600_000)]
    public int BudgetMs { get; set; } = 30_000;

    /// <summary>Retries after a 429, a 5xx, a network error or an attempt timeout.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>First backoff delay; later ones grow exponentially, with jitter. A Retry-After header overrides it.</summary>
    [Range(0, 60_000)]
    public int RetryDelayMs { get; set; } = 250;

    /// <summary>A rephrased text longer than this is thrown away.</summary>
    [Range(100, 20_000)]
    public int MaxChars { get; set; } = 1200;

    /// <summary>Upper bound on the tokens the model may generate for one reply.</summary>
    [Range(16, 32_000)]
    public int MaxTokens { get; set; } = 400;

    [Range(0.0, 2.0)]
    public double Temperature { get; set; } = 0.2;

    /// <summary>How long a Slack mention waits for the LLM before posting the plain answer.</summary>
    [Range(0, 60_000)]
    public int MentionBudgetMs { get; set; } = 5_000;

    /// <summary>The circuit opens when at least this share of the calls in the sampling window failed...</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>...and the window saw at least this many calls.</summary>
    [Range(2, 1000)]
    public int BreakerMinimumThroughput { get; set; } = 4;

    [Range(1, 3600)]
    public int BreakerSamplingSeconds { get; set; } = 60;

    /// <summary>While open, the LLM is skipped at once; after this long one trial call is let through.</summary>
    [Range(1, 3600)]
    public int BreakerBreakSeconds { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Endpoint))
        {
            yield return new ValidationResult("Llm:Endpoint is required when Llm:Enabled is true (an OpenAI-compatible base URL including /v1)", [nameof(Endpoint)]);
        }
        else if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult($"Llm:Endpoint '{Endpoint}' is not an absolute http(s) URL", [nameof(Endpoint)]);
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult("Llm:Model is required when Llm:Enabled is true", [nameof(Model)]);
        }

        if (BudgetMs < TimeoutMs)
        {
            yield return new ValidationResult("Llm:BudgetMs must be at least Llm:TimeoutMs", [nameof(BudgetMs)]);
        }
    }
}
