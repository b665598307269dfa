using Microsoft.Extensions.Time.Testing;
using PickBot.Core.Answers;
using PickBot.Core.Knowledge;

namespace PickBot.Core.Tests.Support;

/// <summary>Knowledge bases for tests: the real seed entry, and small hand-written sets.</summary>
internal static class TestKnowledge
{
    public const string SeedFile = "knowledge/ml/multi-task-vs-single-task-learning.yaml";

    private static readonly Lazy<KnowledgeBase> SeedBase = new(() => Load(("seed.yaml", File.ReadAllText(Path.Combine(Repository.Root, SeedFile)))));

    public static KnowledgeBase Seed => SeedBase.Value;

    public static PickEngine SeedEngine() => new(Seed);

    /// <summary>The seed entry together with <see cref="Messaging"/>: three comparisons, six options.</summary>
    public static PickEngine MixedEngine() => new(Load(
        ("seed.yaml", File.ReadAllText(Path.Combine(Repository.Root, SeedFile))),
        ("messaging.yaml", Messaging)));

    public static KnowledgeBase Load(params (string Path, string Text)[] files) =>
        new KnowledgeLoader(Clock()).Load(new InMemoryKnowledgeSource(files));

    /// <summary>A small second domain, so tests can tell entries apart: two options, one rule each way.</summary>
    public const string Messaging = """
        options:
          - id: kafka
            name: Apache Kafka
            aliases: [kafka]
            summary: A distributed log.
          - id: rabbitmq
            name: RabbitMQ
            aliases: [rabbit, rabbit mq]
            summary: A message broker.
          - id: redis
            name: Redis
            summary: An in-memory store.
          - id: memcached
            name: Memcached
            summary: An in-memory cache.
        comparisons:
          - id: kafka-vs-rabbitmq
            title: Kafka vs RabbitMQ
            area: messaging
            owner: platform
            reviewed: 2026-11-01
            options:
              - option: kafka
                use-when: You need replay.
                pros: [replay]
                cons: [operations]
              - option: rabbitmq
                use-when: You need routing.
                pros: [routing]
                cons: [no replay]
            verdict:
              default: rabbitmq
              because: Simpler to run.
            rules:
              - id: replay
                pick: kafka
                when: [replay, event log, "{n>=10000} messages per second"]
                because: Kafka keeps the log.
              - id: routing
                pick: rabbitmq
                when: [complex routing, small team, "team of {n<=5}"]
                because: RabbitMQ routes flexibly.
            sources:
              - title: Kafka docs
                url: https://kafka.apache.org/documentation/
          - id: redis-vs-memcached
            title: Redis vs Memcached
            area: data
            owner: platform
            reviewed: 2026-11-01
            options:
              - option: redis
                use-when: You need data structures.
                pros: [structures]
                cons: [memory]
              - option: memcached
                use-when: You need a plain cache.
                pros: [simple]
                cons: [no persistence]
            verdict:
              default: redis
              because: More capable.
            rules:
              - pick: redis
                when: [persistence]
                because: Redis persists.
              - pick: memcached
                when: [multithreaded]
                because: Memcached uses threads.
            sources:
              - title: Redis docs
                url: https://redis.io/docs/
        """;

    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
}
