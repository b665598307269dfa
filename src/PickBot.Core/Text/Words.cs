using System.Collections.Frozen;
using System.Globalization;

namespace PickBot.Core.Text;

/// <summary>Small word lists the parser and the verdict rules share.</summary>
public static class Words
{
    /// <summary>Words that turn the phrase after them around: "we do not have a spam filter".</summary>
    public static readonly FrozenSet<string> Negations = new[]
    {
        "not", "no", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "never", "without", "cant",
        "cannot", "wont", "neither", "nor", "hardly", "lack", "lacking",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words that say "this is a comparison" but carry no context of their own.</summary>
    public static readonly FrozenSet<string> ComparisonWords = new[]
    {
        "vs", "vs.", "v", "v.", "versus", "or", "compare", "compared", "comparing", "comparison", "between", "against",
        "which", "better", "best", "choose", "pick", "prefer", "should", "use", "and",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words that stand between two options that are being weighed: "A vs B", "A or B", "A versus B".</summary>
    public static readonly FrozenSet<string> Separators = new[]
    {
        "vs", "vs.", "v", "v.", "versus", "or", "against", "over", "and",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Words that ask for a choice. Two names joined only by "and" are a comparison only with one of these nearby:
    /// "our redis and memcached dashboards are down" is not a question for PickBot.
    /// </summary>
    public static readonly FrozenSet<string> ChoiceCues = new[]
    {
        "vs", "vs.", "v", "versus", "or", "compare", "compared", "comparing", "comparison", "between", "which", "better",
        "best", "choose", "pick", "prefer", "should", "recommend", "difference", "differences", "decide", "deciding",
        "against", "instead", "over", "option", "options",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Option names that are also everyday words ("go with", "the rest of", "build it"). A mention through one of
    /// these counts only when it stands right next to another option with a separator between: "go or rust".
    /// </summary>
    public static readonly FrozenSet<string> Ambiguous = new[]
    {
        "go", "rest", "build", "buy", "batch", "stream", "streams", "sync", "async", "swift", "spring", "express", "next",
        "remix", "dart", "bun", "deno", "flask", "rails", "ruby", "c", "r", "pulsar", "storm", "spark", "flink",
        "beam", "airflow",

        // Names of newer options that are everyday words too ("a solid plan", "any node", "merge the PR").
        "solid", "node", "native", "context", "flutter", "expo", "yarn", "jest", "cypress", "playwright", "pandas",
        "polars", "prefect", "iceberg", "delta", "nest", "agent", "agents", "workflow", "workflows", "torch", "claude",
        "merge", "squash", "notion", "bootstrap", "rn", "render", "replicas",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Function words that never start or end a typo candidate: "use or" is not a misspelt "user".</summary>
    public static readonly FrozenSet<string> Stop = new[]
    {
        "a", "an", "the", "and", "or", "but", "if", "of", "for", "to", "in", "on", "at", "by", "with", "from", "as",
        "is", "are", "was", "be", "been", "it", "its", "this", "that", "these", "those", "we", "our", "us", "i", "me",
        "my", "you", "your", "they", "them", "their", "he", "she", "do", "does", "did", "have", "has", "had", "should",
        "would", "could", "can", "will", "shall", "may", "might", "must", "what", "which", "who", "when", "where", "why",
        "how", "vs", "versus", "v", "use", "using", "than", "then", "so", "about", "into", "over", "under", "more",
        "most", "less", "very", "just", "also", "too", "not", "no", "yes", "please", "hey", "hi", "hello", "thanks",
        "there", "here", "some", "any", "all", "each", "every", "other", "another", "such", "only", "own", "same",
        "choose", "pick", "compare", "better", "best", "between", "go", "going", "want", "need", "new", "one",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, long> NumberWords = new Dictionary<string, long>
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["fifteen"] = 15,
        ["twenty"] = 20, ["thirty"] = 30, ["fifty"] = 50, ["hundred"] = 100, ["thousand"] = 1000,
        ["million"] = 1_000_000, ["billion"] = 1_000_000_000, ["dozen"] = 12, ["solo"] = 1,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Reads "3", "1.5k", "10m", "twelve" as numbers; anything else is not one.</summary>
    public static bool TryNumber(string token, out double value)
    {
        if (NumberWords.TryGetValue(token, out var word))
        {
            value = word;
            return true;
        }

        var multiplier = 1d;
        var digits = token.AsSpan();
        if (digits.Length > 1 && char.IsLetter(digits[^1]))
        {
            multiplier = digits[^1] switch
            {
                'k' => 1_000,
                'm' => 1_000_000,
                'b' => 1_000_000_000,
                _ => 0,
            };
            digits = digits[..^1];
        }

        if (multiplier > 0 && digits.Length > 0 && char.IsDigit(digits[0])
            && double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            value = number * multiplier;
            return true;
        }

        value = 0;
        return false;
    }
}
