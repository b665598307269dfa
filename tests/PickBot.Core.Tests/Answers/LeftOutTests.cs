using PickBot.Core.Answers;
using PickBot.Core.Tests.Support;

namespace PickBot.Core.Tests.Answers;

/// <summary>An option the question named that the answered comparison does not cover is said, not dropped.</summary>
public sealed class LeftOutTests
{
    private const string Knowledge = """
        options:
          - {id: redis, name: Redis, summary: r.}
          - {id: memcached, name: Memcached, aliases: [memcache], summary: m.}
          - {id: kafka, name: Apache Kafka, aliases: [kafka], summary: k.}
          - {id: rabbitmq, name: RabbitMQ, summary: q.}
        comparisons:
          - id: redis-vs-memcached
            title: Redis vs Memcached
            area: data
            owner: t
            reviewed: 2026-11-01
            options:
              - {option: redis, use-when: Most teams., pros: [p], cons: [c]}
              - {option: memcached, use-when: Plain cache., pros: [p], cons: [c]}
            verdict: {default: redis, because: More features.}
            rules:
              - {pick: redis, when: [persistence], because: It persists.}
              - {pick: memcached, when: [simple cache], because: It is simple.}
            sources:
              - {title: s, url: "https://example.com"}
          - id: kafka-vs-rabbitmq
            title: Kafka vs RabbitMQ
            area: messaging
            owner: t
            reviewed: 2026-11-01
            options:
              - {option: kafka, use-when: Replay., pros: [p], cons: [c]}
              - {option: rabbitmq, use-when: Work queues., pros: [p], cons: [c]}
            verdict: {default: rabbitmq, because: Simpler.}
            rules:
              - {pick: kafka, when: [replay], because: It keeps the log.}
              - {pick: rabbitmq, when: [routing], because: It routes.}
            sources:
              - {title: s, url: "https://example.com"}
        """;

    private static readonly PickEngine Engine = new(TestKnowledge.Load(("k.yaml", Knowledge)));

    [Fact]
    public void Ask_ThirdOptionOutsideTheComparison_IsLeftOutAndSaid()
    {
        var answer = Engine.Ask("redis vs memcache vs kafka");

        Assert.Equal("redis-vs-memcached", answer.Entry!.Id);
        Assert.Equal(["kafka"], answer.LeftOut.Select(o => o.Id));
        Assert.Equal("Left out: Apache Kafka is not part of Redis vs Memcached; ask about it on its own.", AnswerText.LeftOut(answer));
        Assert.Contains("Left out: Apache Kafka", AnswerText.Render(answer), StringComparison.Ordinal);
        Assert.Equal(["Apache Kafka"], AnswerDocument.From(answer).LeftOut);
    }

    [Fact]
    public void Ask_OnlyTheComparisonsOptions_LeavesNothingOut()
    {
        var answer = Engine.Ask("redis vs memcached for sessions");

        Assert.Empty(answer.LeftOut);
        Assert.Null(AnswerText.LeftOut(answer));
        Assert.DoesNotContain("Left out", AnswerText.Render(answer), StringComparison.Ordinal);
    }
}
