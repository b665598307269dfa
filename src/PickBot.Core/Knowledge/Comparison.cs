namespace PickBot.Core.Knowledge;

/// <summary>What one comparison says about one of its options.</summary>
public sealed record ComparisonSide(
    string OptionId,
    string UseWhen,
    IReadOnlyList<string> Pros,
    IReadOnlyList<string> Cons,
    IReadOnlyList<string> Examples,
    SourceLocation Location);

/// <summary>
/// A context-dependent verdict: when the question's context says one of <see cref="When"/>, pick <see cref="Pick"/>
/// because of <see cref="Because"/>.
/// </summary>
public sealed record VerdictRule(
    string Id,
    string Pick,
    IReadOnlyList<string> When,
    string Because,
    SourceLocation Location);

public sealed record Source(string Title, string Url);

/// <summary>A comparison entry: two or more options, the default pick, and the rules that turn context into a pick.</summary>
public sealed record Comparison(
    string Id,
    string Title,
    string Area,
    IReadOnlyList<string> Tags,
    IReadOnlyList<ComparisonSide> Sides,
    string DefaultPick,
    string DefaultBecause,
    IReadOnlyList<VerdictRule> Rules,
    IReadOnlyList<Source> Sources,
    string Owner,
    DateOnly? Reviewed,
    SourceLocation Location)
{
    public IEnumerable<string> OptionIds => Sides.Select(s => s.OptionId);

    public ComparisonSide? Side(string optionId) => Sides.FirstOrDefault(s => s.OptionId == optionId);
}
