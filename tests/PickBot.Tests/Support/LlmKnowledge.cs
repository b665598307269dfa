using PickBot.Core.Knowledge;

namespace PickBot.Tests.Support;

/// <summary>The real seed entry plus a small second entry, so prompts can be checked for leaks between entries.</summary>
internal static class LlmKnowledge
{
    public const string SpamQuestion = "mtl vs stl for a spam filter";

    /// <summary>Names no option of any entry, so the parser cannot place it.</summary>
    public const string Unplaceable = "which queue should we use for order events that we need to replay later?";

    public const string Messaging = """
        options:
          - id: kafka
            name: Apache Kafka
            aliases: [kafka]
            summary: A partitioned, replicated commit log that consumers read at their own pace.
          - id: rabbitmq
            name: RabbitMQ
            aliases: [rabbit, rabbit mq]
            summary: A broker that routes messages to queues and forgets them once acknowledged.
        comparisons:
          - id: kafka-vs-rabbitmq
            title: Kafka vs RabbitMQ for events
            area: messaging
            owner: platform
            reviewed: 2026-11-01
            options:
              - option: kafka
                use-when: Consumers must be able to re-read old events.
                pros: [Keeps history for replay]
                cons: [Heavier to operate]
              - option: rabbitmq
                use-when: Messages need flexible routing to work queues.
                pros: [Rich routing with exchanges]
                cons: [No replay once consumed]
            verdict:
              default: rabbitmq
              because: It is the lighter system to run for plain work queues.
            rules:
              - id: replay
                pick: kafka
                when: [replay, event log]
                because: Only the log keeps events around to be read again.
              - id: routing
                pick: rabbitmq
                when: [complex routing, work queue]
                because: Exchanges route each message to the right queue without extra code.
            sources:
              - title: Kafka design notes
                url: https://kafka.apache.org/documentation/#design
        """;

    public static KnowledgeBase Load()
    {
        var kb = new KnowledgeLoader().Load(new InMemoryKnowledgeSource(
            ("seed.yaml", File.ReadAllText(Path.Combine(RepositoryRoot, "knowledge", "ml", "multi-task-vs-single-task-learning.yaml"))),
            ("messaging.yaml", Messaging)));
        return kb.HasErrors || kb.Comparisons.Count != 2
            ? throw new InvalidOperationException("test knowledge does not load: " + string.Join("; ", kb.Problems))
            : kb;
    }

    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PickBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PickBot.sln not found above " + AppContext.BaseDirectory);
    }
}
