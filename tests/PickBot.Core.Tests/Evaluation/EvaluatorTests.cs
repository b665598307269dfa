using PickBot.Core.Evaluation;
using PickBot.Core.Knowledge;
using PickBot.Core.Tests.Support;

namespace PickBot.Core.Tests.Evaluation;

public sealed class EvaluatorTests
{
    [Fact]
    public void Run_RightAndWrongExpectations_CountsHitsAndListsMisses()
    {
        var set = EvalSetLoader.Load([new KnowledgeDocument("e.yaml", """
            threshold: 90
            cases:
              - question: mtl vs stl for a spam filter
                entry: multi-task-vs-single-task-learning
                pick: single-task-learning
              - question: mtl vs stl
                entry: multi-task-vs-single-task-learning
                pick: single-task-learning
              - question: lunch?
                entry: none
            """)]);

        var report = Evaluator.Run(TestKnowledge.SeedEngine(), set);

        Assert.Equal(90, set.ThresholdPercent);
        Assert.Equal(2, report.Passed);
        Assert.Equal(3, report.Total);
        var miss = Assert.Single(report.Misses);
        Assert.Equal("mtl vs stl", miss.Case.Question);
        Assert.Equal("multi-task-vs-single-task-learning / multi-task-learning", miss.Got);
    }

    [Fact]
    public void Load_CaseWithoutPick_IsAPositionedProblem()
    {
        var set = EvalSetLoader.Load([new KnowledgeDocument("e.yaml", "cases:\n  - question: x\n    entry: some-entry\n")]);

        Assert.Equal("e.yaml:2:5: case: 'pick' is required when 'entry' is 'some-entry'", Assert.Single(set.Problems).ToString());
    }

    [Fact]
    public void Run_CaseNamingAnUnknownEntry_IsReported()
    {
        var set = EvalSetLoader.Load([new KnowledgeDocument("e.yaml", "cases:\n  - question: x\n    entry: nope\n    pick: y\n")]);

        var report = Evaluator.Run(TestKnowledge.SeedEngine(), set);

        Assert.Contains("unknown entry 'nope'", Assert.Single(report.CaseProblems).Message, StringComparison.Ordinal);
    }
}
