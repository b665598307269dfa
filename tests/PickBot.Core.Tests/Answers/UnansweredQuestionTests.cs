using PickBot.Core.Answers;
using PickBot.Core.Tests.Support;

namespace PickBot.Core.Tests.Answers;

/// <summary>No match is an answer too: what was recognised, what the person may have meant, or how to ask.</summary>
public sealed class UnansweredQuestionTests
{
    private static readonly PickEngine Engine = TestKnowledge.MixedEngine();

    [Fact]
    public void Ask_OneKnownOption_ListsWhatItCanBeComparedWith()
    {
        var answer = Engine.Ask("is kafka any good for order events?");

        Assert.Equal(AnswerKind.NoMatch, answer.Kind);
        Assert.Equal(["Apache Kafka"], answer.Recognised.Select(r => r.Name));
        Assert.Contains("Apache Kafka", answer.Message, StringComparison.Ordinal);
        var suggestion = Assert.Single(answer.Suggestions);
        Assert.Equal("kafka-vs-rabbitmq", suggestion.ComparisonId);
        Assert.Equal("Apache Kafka vs RabbitMQ", suggestion.Question);
    }

    [Fact]
    public void Ask_TwoKnownOptionsWithoutAnEntry_SaysSoAndSuggestsEntriesOfEach()
    {
        var answer = Engine.Ask("kafka vs redis");

        Assert.Equal(AnswerKind.NoMatch, answer.Kind);
        Assert.Contains("no comparison of them together", answer.Message, StringComparison.Ordinal);
        Assert.Equal(["kafka-vs-rabbitmq", "redis-vs-memcached"], answer.Suggestions.Select(s => s.ComparisonId).Order());
    }

    [Fact]
    public void Ask_UnknownOptionsNearKnownNames_SuggestsDidYouMean()
    {
        var answer = Engine.Ask("kafak vs rabitmq");

        Assert.True(answer.Matched || answer.Suggestions.Any(s => s.ComparisonId == "kafka-vs-rabbitmq"), AnswerText.Render(answer));
    }

    [Fact]
    public void Ask_UnknownComparison_SaysWhatItCannotAnswer()
    {
        var answer = Engine.Ask("cats vs dogs");

        Assert.Equal(AnswerKind.NoMatch, answer.Kind);
        Assert.False(string.IsNullOrWhiteSpace(answer.Message));
        Assert.Null(answer.Pick);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("help")]
    [InlineData("hello")]
    [InlineData("<@U024BE7LH>")]
    [InlineData(":wave:")]
    [InlineData("what time is standup")]
    public void Ask_NotAComparison_GivesHelp(string question)
    {
        var answer = Engine.Ask(question);

        Assert.Equal(AnswerKind.Help, answer.Kind);
        Assert.Contains("vs", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_Null_GivesHelp()
    {
        Assert.Equal(AnswerKind.Help, Engine.Ask(null).Kind);
    }

    [Fact]
    public void Ask_TenThousandCharacters_AnswersFromTheStart()
    {
        var question = "mtl vs stl for a spam filter " + new string('x', 10_000);

        var answer = Engine.Ask(question);

        Assert.Equal("single-task-learning", answer.Pick!.Id);
        Assert.True(answer.Question.Length <= PickEngine.MaxQuestionLength);
    }

    [Theory]
    [InlineData("mtl\u0000vs\u0007stl")]
    [InlineData("mtl vs stl \u202Eltsil\u202C")]
    [InlineData("\u05D4\u05D0\u05DD mtl \u05D0\u05D5 stl?")]
    [InlineData("mtl 👍🏽 vs 🧪 stl")]
    [InlineData("mtl\r\nvs\r\nstl")]
    public void Ask_ControlCharactersEmojiAndRightToLeftText_StillUnderstood(string question)
    {
        var answer = Engine.Ask(question);

        Assert.Equal("multi-task-vs-single-task-learning", answer.Entry?.Id);
    }

    [Theory]
    [InlineData("\u0000\u0001\u0002")]
    [InlineData("🤔🤔🤔")]
    [InlineData("\u05E9\u05DC\u05D5\u05DD \u05E2\u05D5\u05DC\u05DD")]
    [InlineData("<<<>>>&&&;;;")]
    [InlineData("vs vs vs or or")]
    public void Ask_Garbage_NeverThrows(string question)
    {
        var answer = Engine.Ask(question);

        Assert.NotEqual(AnswerKind.Pick, answer.Kind);
        Assert.False(string.IsNullOrWhiteSpace(answer.Message));
    }

    [Fact]
    public void Ask_NamesJoinedByAndInAStatement_IsNotTakenAsAQuestion()
    {
        var answer = Engine.Ask("our redis and memcached dashboards are down");

        Assert.False(answer.Matched);
        Assert.Equal(["Redis", "Memcached"], answer.Recognised.Select(r => r.Name));
    }

    [Fact]
    public void Ask_NamesJoinedByAndWithACue_IsAQuestion()
    {
        Assert.True(Engine.Ask("compare redis and memcached").Matched);
    }
}
