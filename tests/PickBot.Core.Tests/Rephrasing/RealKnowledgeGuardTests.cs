using PickBot.Core.Answers;
using PickBot.Core.Knowledge;
using PickBot.Core.Rephrasing;
using PickBot.Core.Tests.Support;

namespace PickBot.Core.Tests.Rephrasing;

/// <summary>
/// The guard over every real entry and every pick it can make: a faithful rewording passes, a flip does not. Catches
/// option names and aliases that would make the guard useless for an entry (an alias that is an everyday word).
/// </summary>
public sealed class RealKnowledgeGuardTests
{
    private static readonly Lazy<KnowledgeBase> Real = new(() => new KnowledgeLoader().Load(new DirectoryKnowledgeSource(Repository.Knowledge)));

    public static TheoryData<string, string> Picks()
    {
        var data = new TheoryData<string, string>();
        foreach (var comparison in Real.Value.Comparisons)
        {
            foreach (var option in comparison.OptionIds)
            {
                data.Add(comparison.Id, option);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Picks))]
    public void Check_FaithfulRewording_Accepts(string comparisonId, string pickId)
    {
        var (answer, kb) = AnswerPicking(comparisonId, pickId);
        var other = answer.Alternatives[0];
        var text = $"For what you describe, {answer.Pick!.Name} is the better fit. If {Lower(other.When)} then {other.Option.Name} would be the one to choose.";

        var verdict = RephraseGuard.Check(text, answer, kb);

        Assert.True(verdict.Accepted, verdict.Reason);
    }

    [Theory]
    [MemberData(nameof(Picks))]
    public void Check_Flip_Rejects(string comparisonId, string pickId)
    {
        var (answer, kb) = AnswerPicking(comparisonId, pickId);
        var other = answer.Alternatives[0].Option;
        var text = $"{answer.Pick!.Name} has its merits, but go with {other.Name} here.";

        Assert.False(RephraseGuard.Check(text, answer, kb).Accepted);
    }

    /// <summary>An answer for the entry with the given pick, made the way the engine makes them.</summary>
    private static (Answer Answer, KnowledgeBase Kb) AnswerPicking(string comparisonId, string pickId)
    {
        var kb = Real.Value;
        var comparison = kb.FindComparison(comparisonId)!;
        var answer = new PickEngine(kb).AskAbout(comparisonId, string.Join(" vs ", comparison.OptionIds.Select(kb.OptionName)))!;
        var pick = new OptionRef(pickId, kb.OptionName(pickId));
        return (answer with
        {
            Pick = pick,
            Alternatives = comparison.Sides.Where(s => s.OptionId != pickId)
                .Select(s => new Alternative(new OptionRef(s.OptionId, kb.OptionName(s.OptionId)), s.UseWhen, [])).ToList(),
        }, kb);
    }

    private static string Lower(string text) => text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..].TrimEnd('.') : text;
}
