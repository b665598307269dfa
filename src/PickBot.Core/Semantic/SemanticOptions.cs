using System.ComponentModel.DataAnnotations;

namespace PickBot.Core.Semantic;

/// <summary>Section "Semantic": where meaning comes from, and how sure it must be before it answers.</summary>
public sealed class SemanticOptions
{
    public const string SectionName = "Semantic";

    public SemanticMode Mode { get; set; } = SemanticMode.Local;

    /// <summary>For <see cref="SemanticMode.OpenAI"/>: the API base, e.g. <c>http://localhost:11434/v1</c>.</summary>
    [Url]
    public string? Endpoint { get; set; }

    /// <summary>For <see cref="SemanticMode.OpenAI"/>: the embedding model, e.g. <c>nomic-embed-text</c>.</summary>
    public string? Model { get; set; }

    /// <summary>For <see cref="SemanticMode.OpenAI"/>: from the environment only (<c>Semantic__ApiKey</c>).</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one question waits for a remote embedding, retries included, before it is answered by its words.</summary>
    [Range(100, 30_000)]
    public int TimeoutMs { get; set; } = 1_500;

    /// <summary>Where computed knowledge vectors are kept between starts; relative to the content root. Empty: no cache.</summary>
    public string? CacheDirectory { get; set; } = ".pickbot/vectors";

    /// <summary>
    /// How many recent question texts keep their vector, so a retry or a re-asked thread does not run the model
    /// again (about 1.6 KB each with 384 dimensions); 0 turns it off.
    /// </summary>
    [Range(0, 1_000_000)]
    public int QuestionCacheSize { get; set; } = 2_048;

    /// <summary>How similar a question's context must be to one of a rule's phrases for the rule to decide.</summary>
    [Range(0.0, 1.0)]
    public double RuleThreshold { get; set; } = SemanticThresholds.Rule;

    /// <summary>How much the best rule must lead the best rule for another option.</summary>
    [Range(0.0, 1.0)]
    public double RuleMargin { get; set; } = SemanticThresholds.RuleMargin;

    /// <summary>How similar a question must be to a comparison to be answered from it when it names no pair.</summary>
    [Range(0.0, 1.0)]
    public double EntryThreshold { get; set; } = SemanticThresholds.Entry;

    /// <summary>How much the best comparison must lead the second before it is answered rather than offered.</summary>
    [Range(0.0, 1.0)]
    public double EntryMargin { get; set; } = SemanticThresholds.EntryMargin;
}
