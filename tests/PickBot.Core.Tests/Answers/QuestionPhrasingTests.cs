using PickBot.Core.Answers;
using PickBot.Core.Tests.Support;

namespace PickBot.Core.Tests.Answers;

/// <summary>The many ways people ask for a pick, each of which must find the right comparison.</summary>
public sealed class QuestionPhrasingTests
{
    private static readonly PickEngine Engine = TestKnowledge.MixedEngine();

    [Theory]
    [InlineData("mtl vs stl")]
    [InlineData("MTL vs STL")]
    [InlineData("mtl vs. stl")]
    [InlineData("mtl v stl")]
    [InlineData("mtl v. stl")]
    [InlineData("mtl versus stl")]
    [InlineData("mtl or stl?")]
    [InlineData("stl or mtl?")]
    [InlineData("stl vs mtl")]
    [InlineData("compare mtl and stl")]
    [InlineData("compare STL and MTL please")]
    [InlineData("mtl or stl for a recommender")]
    [InlineData("which is better: mtl or stl")]
    [InlineData("Which is better, STL or MTL?")]
    [InlineData("should we use mtl or stl for the ranking model?")]
    [InlineData("Should we use single-task or multi-task learning here")]
    [InlineData("multi-task learning vs single-task learning")]
    [InlineData("multi task learning vs single task learning")]
    [InlineData("multitask learning vs single task learning")]
    [InlineData("Multi-Task Learning versus Single Task Learning")]
    [InlineData("MULTI-TASK LEARNING VS SINGLE TASK LEARNING")]
    [InlineData("multi-task or single-task?")]
    [InlineData("multitask or singletask learning")]
    [InlineData("single-task model or multi-task model?")]
    [InlineData("mtl, stl or something else?")]
    [InlineData("thinking about mtl vs stl")]
    [InlineData("mtl/stl")]
    [InlineData("mtl-vs-stl")]
    [InlineData("mtl vs stl?!")]
    [InlineData("  mtl    vs    stl  ")]
    [InlineData("mtl\tvs\nstl")]
    [InlineData("hey, quick one: mtl or stl")]
    [InlineData("what's the pick between MTL and STL")]
    [InlineData("MTL against STL")]
    [InlineData("mulit-task learning vs single task learning")]
    [InlineData("multi-task learnign vs single-task learning")]
    [InlineData("mutli task learning or singel task learning")]
    [InlineData("<@U024BE7LH> mtl vs stl")]
    [InlineData("mtl vs stl <@U024BE7LH>")]
    [InlineData("*mtl* vs _stl_")]
    [InlineData("`mtl` vs `stl`")]
    [InlineData(":thinking_face: mtl vs stl :pray:")]
    [InlineData("mtl &amp; stl: which one?")]
    [InlineData("<#C123|ml-team> mtl or stl")]
    [InlineData("<https://example.com/mtl|multi-task learning> or single task learning")]
    [InlineData("mtl vs stl 🤔")]
    public void Ask_SeedPhrasing_FindsSeedComparison(string question)
    {
        var answer = Engine.Ask(question);

        Assert.Equal(AnswerKind.Pick, answer.Kind);
        Assert.Equal("multi-task-vs-single-task-learning", answer.Entry!.Id);
    }

    [Theory]
    [InlineData("kafka vs rabbitmq")]
    [InlineData("rabbitmq or kafka?")]
    [InlineData("Kafka or Rabbit MQ for order events")]
    [InlineData("should we use apache kafka or rabbitmq")]
    [InlineData("compare rabbit and kafka")]
    [InlineData("redis vs memcached")]
    [InlineData("memcached or redis for sessions")]
    public void Ask_OtherEntries_FindsTheirComparison(string question)
    {
        var answer = Engine.Ask(question);

        Assert.True(answer.Matched, answer.Message);
        var expected = question.Contains("redis", StringComparison.OrdinalIgnoreCase) ? "redis-vs-memcached" : "kafka-vs-rabbitmq";
        Assert.Equal(expected, answer.Entry!.Id);
    }

    [Theory]
    [InlineData("mtl vs stl", "stl vs mtl")]
    [InlineData("kafka or rabbitmq, we need replay", "rabbitmq or kafka, we need replay")]
    [InlineData("kafka vs rabbitmq for a team of 3", "rabbitmq vs kafka for a team of 3")]
    [InlineData("single task or multi task for a spam filter", "multi task or single task for a spam filter")]
    public void Ask_OptionsInEitherOrder_GiveTheSamePick(string question, string reversed)
    {
        var first = Engine.Ask(question);
        var second = Engine.Ask(reversed);

        Assert.Equal(first.Pick, second.Pick);
        Assert.Equal(first.RuleId, second.RuleId);
    }

    [Fact]
    public void Ask_Typo_ReportsTheCorrection()
    {
        var answer = Engine.Ask("mulit-task learning vs stl");

        Assert.Contains(answer.Corrections, c => c.Contains("mulit-task learning", StringComparison.Ordinal) && c.Contains("Multi-Task Learning", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("mtk vs stl")]
    [InlineData("ntl vs stl")]
    public void Ask_TypoInShortAlias_IsNotGuessed(string question)
    {
        // Three letters leave no room for a typo: "mtk" could be anything.
        var answer = Engine.Ask(question);

        Assert.False(answer.Matched);
    }
}
