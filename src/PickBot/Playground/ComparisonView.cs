using PickBot.Core.Answers;
using PickBot.Core.Knowledge;

namespace PickBot.Playground;

/// <summary>
/// One comparison as the playground shows it: both sides, the default and every rule with its signals. The JSON of
/// <c>GET /api/knowledge</c> ("what the bot knows") and of "Show both sides".
/// </summary>
public sealed record ComparisonView(
    string Id,
    string Title,
    string Area,
    IReadOnlyList<string> Tags,
    string Owner,
    IReadOnlyList<SideView> Options,
    RuleView Default,
    IReadOnlyList<RuleView> Rules,
    IReadOnlyList<SourceView> Sources)
{
    public static ComparisonView From(Comparison comparison, KnowledgeBase kb)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(kb);
        return new ComparisonView(
            comparison.Id,
            comparison.Title,
            comparison.Area,
            comparison.Tags,
            comparison.Owner,
            comparison.Sides.Select(s => new SideView(s.OptionId, kb.OptionName(s.OptionId), s.UseWhen, s.Pros, s.Cons, s.Examples)).ToList(),
            new RuleView(Answer.DefaultRuleId, comparison.DefaultPick, kb.OptionName(comparison.DefaultPick), [], comparison.DefaultBecause),
            comparison.Rules.Select(r => new RuleView(r.Id, r.Pick, kb.OptionName(r.Pick), r.When, r.Because)).ToList(),
            comparison.Sources.Select(s => new SourceView(s.Title, s.Url)).ToList());
    }
}

public sealed record SideView(string Id, string Name, string UseWhen, IReadOnlyList<string> Pros, IReadOnlyList<string> Cons, IReadOnlyList<string> Examples);

/// <param name="When">The signals; empty for the default.</param>
public sealed record RuleView(string Id, string Pick, string PickName, IReadOnlyList<string> When, string Because);

public sealed record SourceView(string Title, string Url);
