using PickBot.Core.Answers;
using PickBot.Core.Conversations;
using PickBot.Core.Knowledge;
using PickBot.Core.Tests.Support;

namespace PickBot.Core.Tests.Conversations;

/// <summary>Questions asked inside a conversation, against the real knowledge folder.</summary>
public sealed class ThreadAnswererTests
{
    private static readonly Lazy<KnowledgeBase> Real = new(() => new KnowledgeLoader().Load(new DirectoryKnowledgeSource(Repository.Knowledge)));

    private static readonly ThreadMessage Asked = new("what do you think?", "Cleo");

    [Fact]
    public void Ask_ThreadNamesTheComparison_PicksFromTheThreadAndQuotesWhoSaidIt()
    {
        var answer = CreateSut().Ask(Asked,
        [
            Human("should we use kafka or rabbitmq for order events?", "Ben"),
            Human("we must replay every event for the audit", "Ana"),
        ]);

        Assert.Equal(ComparisonSource.Thread, answer.Source);
        Assert.Equal("kafka-vs-rabbitmq", answer.Answer.Entry!.Id);
        Assert.Equal("kafka", answer.Answer.Pick!.Id);
        Assert.Equal("replay-and-retention", answer.Answer.RuleId);
        Assert.NotEmpty(answer.Answer.Attributions);
        Assert.All(answer.Answer.Attributions, a => Assert.Equal("Ana", a.Author));
        Assert.Contains(answer.Answer.Attributions, a => a.Words.Contains("replay", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(answer.Answer.DecidedBy, answer.Answer.Attributions.Select(a => a.Words));
        Assert.Equal("what do you think?", answer.Answer.Question);
        Assert.Contains("(Ana)", AnswerText.Render(answer.Answer), StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_LaterMessageDisagrees_TheLaterWordWinsAndTheEarlierIsOverruled()
    {
        var answer = CreateSut().Ask(Asked,
        [
            Human("kafka or rabbitmq for order events?", "Ben"),
            Human("we must replay every event for the audit", "Ana"),
            Human("honestly we are a small team, we need a simple setup", "Ben"),
        ]);

        Assert.Equal("rabbitmq", answer.Answer.Pick!.Id);
        Assert.All(answer.Answer.Attributions, a => Assert.Equal("Ben", a.Author));
        Assert.NotEmpty(answer.Overruled);
        Assert.All(answer.Overruled, o => Assert.Equal(("kafka", "Ana"), (o.Option.Id, o.Words.Author)));
    }

    [Fact]
    public void Ask_AgreeingMessages_QuoteEveryoneWhoseWordsDecided()
    {
        var answer = CreateSut().Ask(Asked,
        [
            Human("kafka or rabbitmq?", "Ben"),
            Human("we must replay every event for the audit", "Ana"),
            Human("and several teams consume the same events", "Dev"),
        ]);

        Assert.Equal("kafka", answer.Answer.Pick!.Id);
        Assert.Contains(answer.Answer.Attributions, a => a.Author == "Ana");
        Assert.Contains(answer.Answer.Attributions, a => a.Author == "Dev");
        Assert.Empty(answer.Overruled);
    }

    [Fact]
    public void Ask_PickBotsOwnAnswerSaysReplay_TellsTheComparisonButIsNotContext()
    {
        var bot = new ThreadMessage(
            "Pick: RabbitMQ (Apache Kafka vs RabbitMQ). Kafka keeps events so consumers can replay history; several teams consume",
            "PickBot",
            FromPickBot: true,
            EntryId: "kafka-vs-rabbitmq");

        var answer = CreateSut().Ask(Asked, [bot]);

        Assert.Equal(ComparisonSource.EarlierAnswer, answer.Source);
        Assert.Equal("kafka-vs-rabbitmq", answer.Answer.Entry!.Id);
        Assert.True(answer.Answer.IsDefault);
        Assert.Empty(answer.Answer.DecidedBy);
    }

    [Fact]
    public void Ask_FollowUpWithNewContext_IsJudgedAgainAndTheNewWordsWin()
    {
        var thread = new List<ThreadMessage>
        {
            Human("kafka or rabbitmq for order events?", "Ben"),
            Human("we must replay every event for the audit", "Ana"),
            new("Pick: Apache Kafka", "PickBot", FromPickBot: true, EntryId: "kafka-vs-rabbitmq"),
        };

        var answer = CreateSut().Ask(new ThreadMessage("what if we were 3 engineers?", "Cleo"), thread);

        Assert.Equal("kafka-vs-rabbitmq", answer.Answer.Entry!.Id);
        Assert.Equal("rabbitmq", answer.Answer.Pick!.Id);
        Assert.Equal("Cleo", Assert.Single(answer.Answer.Attributions).Author);
        Assert.NotEmpty(answer.Overruled);
        Assert.All(answer.Overruled, o => Assert.Equal("Ana", o.Words.Author));
    }

    [Fact]
    public void Ask_WhyNotTheOtherOption_ExplainsWhenItWinsAndWhatPointedAway()
    {
        var answer = CreateSut().Ask(new ThreadMessage("why not rabbitmq?", "Cleo"),
        [
            Human("kafka or rabbitmq for order events?", "Ben"),
            Human("we must replay every event for the audit", "Ana"),
        ]);

        Assert.Equal("kafka", answer.Answer.Pick!.Id);
        var whyNot = Assert.IsType<WhyNot>(answer.WhyNot);
        Assert.Equal("rabbitmq", whyNot.Option.Id);
        Assert.False(whyNot.IsPick);
        Assert.Equal(answer.Answer.Entry!.Side("rabbitmq")!.UseWhen, whyNot.When);
        Assert.NotEmpty(whyNot.Cues);
        Assert.NotEmpty(whyNot.PointedAway);
        Assert.All(whyNot.PointedAway, a => Assert.Equal("Ana", a.Author));
    }

    [Fact]
    public void Ask_WhyNotThePick_SaysItIsThePick()
    {
        var answer = CreateSut().Ask(new ThreadMessage("why don't we just use kafka?", "Cleo"),
        [
            Human("kafka or rabbitmq?", "Ben"),
            Human("we must replay every event", "Ana"),
        ]);

        Assert.True(answer.WhyNot!.IsPick);
        Assert.Equal("kafka", answer.WhyNot.Option.Id);
    }

    [Fact]
    public void Ask_QuestionSwitchesComparison_UsesItAndKeepsTheThreadsContext()
    {
        var answer = CreateSut().Ask(new ThreadMessage("and kafka vs pulsar?", "Cleo"),
        [
            Human("kafka or rabbitmq for order events?", "Ben"),
            Human("we must replay every event for the audit", "Ana"),
        ]);

        Assert.Equal(ComparisonSource.Question, answer.Source);
        Assert.Equal("kafka-vs-pulsar", answer.Answer.Entry!.Id);
        Assert.Equal("and kafka vs pulsar?", answer.Answer.Question);
    }

    [Fact]
    public void Ask_QuestionNamesOptionsOfAnotherEntryWithoutAComparison_IsAnsweredAlone()
    {
        var answer = CreateSut().Ask(new ThreadMessage("what about postgres?", "Cleo"),
        [
            Human("kafka or rabbitmq for order events?", "Ben"),
        ]);

        Assert.Equal(ComparisonSource.None, answer.Source);
        Assert.NotEqual(AnswerKind.Pick, answer.Answer.Kind);
    }

    [Fact]
    public void Ask_NothingReadButARememberedComparison_AnswersFromMemory()
    {
        var answer = CreateSut().Ask(new ThreadMessage("what do you think now?", "Cleo"), [Human("we must replay every event", "Ana")], "kafka-vs-rabbitmq");

        Assert.Equal(ComparisonSource.Memory, answer.Source);
        Assert.Equal("kafka", answer.Answer.Pick!.Id);
    }

    [Fact]
    public void Ask_NoComparisonAnywhere_GivesTheQuestionsOwnAnswer()
    {
        var answer = CreateSut().Ask(Asked, [Human("lunch at noon?", "Ana")]);

        Assert.Equal(ComparisonSource.None, answer.Source);
        Assert.Equal(AnswerKind.Help, answer.Answer.Kind);
    }

    [Theory]
    [InlineData("why not kafka?", true)]
    [InlineData("why don't we use kafka", true)]
    [InlineData("why wouldn't kafka work here", true)]
    [InlineData("why kafka?", false)]
    [InlineData("not kafka, why?", false)]
    public void IsWhyNot_Wordings(string question, bool expected) => Assert.Equal(expected, ThreadAnswerer.IsWhyNot(question));

    private static ThreadMessage Human(string text, string author) => new(text, author);

    private static ThreadAnswerer CreateSut() => new(new PickEngine(Real.Value));
}
