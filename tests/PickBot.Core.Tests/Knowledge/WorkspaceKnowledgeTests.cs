using Microsoft.Extensions.Logging.Abstractions;
using PickBot.Core.Answers;
using PickBot.Core.Knowledge;
using PickBot.Core.Tests.Support;

namespace PickBot.Core.Tests.Knowledge;

public sealed class WorkspaceKnowledgeTests : IDisposable
{
    /// <summary>The workspace's own take on the shared Kafka/RabbitMQ entry: same id, another default.</summary>
    private const string KafkaShop = """
        comparisons:
          - id: kafka-vs-rabbitmq
            title: Kafka vs RabbitMQ (our platform)
            area: messaging
            owner: acme-platform
            reviewed: 2026-11-01
            options:
              - option: kafka
                use-when: Always, here.
                pros: [we run it]
                cons: [operations]
              - option: rabbitmq
                use-when: Never, here.
                pros: [routing]
                cons: [not supported here]
            verdict:
              default: kafka
              because: Acme runs Kafka for every team.
            rules:
              - id: replay
                pick: kafka
                when: [replay]
                because: Kafka keeps the log.
              - id: legacy
                pick: rabbitmq
                when: [legacy billing]
                because: Only the old billing system still routes through RabbitMQ.
            sources:
              - title: Acme platform guide
                url: https://platform.acme.example/kafka
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("pickbot-workspaces-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Load_OverlayWithSharedId_ReplacesTheSharedEntryWithoutADuplicateError()
    {
        var kb = new KnowledgeLoader(TestKnowledge.Clock()).Load(
        [
            new KnowledgeDocument("shared.yaml", TestKnowledge.Messaging),
            new KnowledgeDocument("T1/kafka.yaml", KafkaShop, Overlay: true),
        ]);

        Assert.DoesNotContain(kb.Problems, p => p.IsError);
        Assert.Equal("Kafka vs RabbitMQ (our platform)", kb.FindComparison("kafka-vs-rabbitmq")!.Title);
        Assert.NotNull(kb.FindComparison("redis-vs-memcached"));
        Assert.Equal(2, kb.Comparisons.Count);
    }

    [Fact]
    public void Load_SameIdTwiceWithoutOverlay_StillAnError()
    {
        var kb = new KnowledgeLoader(TestKnowledge.Clock()).Load(
        [
            new KnowledgeDocument("shared.yaml", TestKnowledge.Messaging),
            new KnowledgeDocument("other.yaml", KafkaShop),
        ]);

        Assert.Contains(kb.Problems, p => p.IsError && p.Message.Contains("kafka-vs-rabbitmq", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ask_InAWorkspaceWithItsOwnFolder_AnswersFromItsSet_OthersFromTheShared()
    {
        Directory.CreateDirectory(Path.Combine(_root, "T1"));
        await File.WriteAllTextAsync(Path.Combine(_root, "T1", "kafka.yaml"), KafkaShop);
        var (engine, workspaces) = CreateSut();
        await workspaces.StoreFor("T1")!.Initialized;

        var shared = engine.Ask("kafka vs rabbitmq");
        Answer own;
        using (KnowledgeScope.Enter("T1"))
        {
            own = engine.Ask("kafka vs rabbitmq");
        }

        Answer other;
        using (KnowledgeScope.Enter("T2"))
        {
            other = engine.Ask("kafka vs rabbitmq");
        }

        Assert.Equal("rabbitmq", shared.Pick!.Id);
        Assert.Equal("kafka", own.Pick!.Id);
        Assert.Equal("rabbitmq", other.Pick!.Id);
        Assert.Equal(["T1"], workspaces.Workspaces);
        Assert.Equal(1, workspaces.OwnComparisons("T1"));
    }

    [Fact]
    public async Task ReloadAsync_BrokenEditInOneFolder_RejectedThereOnly()
    {
        Directory.CreateDirectory(Path.Combine(_root, "T1"));
        Directory.CreateDirectory(Path.Combine(_root, "T2"));
        await File.WriteAllTextAsync(Path.Combine(_root, "T1", "kafka.yaml"), KafkaShop);
        await File.WriteAllTextAsync(Path.Combine(_root, "T2", "kafka.yaml"), KafkaShop);
        var (engine, workspaces) = CreateSut();
        await workspaces.StoreFor("T1")!.Initialized;
        await workspaces.StoreFor("T2")!.Initialized;

        await File.WriteAllTextAsync(Path.Combine(_root, "T1", "kafka.yaml"), KafkaShop.Replace("default: kafka", "default: nats", StringComparison.Ordinal));
        var result = await workspaces.ReloadAsync("T1");

        Assert.Equal(KnowledgeReloadOutcome.Rejected, result!.Outcome);
        using (KnowledgeScope.Enter("T1"))
        {
            Assert.Equal("kafka", engine.Ask("kafka vs rabbitmq").Pick!.Id);
        }

        Assert.Null(workspaces.LastReloadOf("T2"));
    }

    [Fact]
    public void NoWorkspacesPath_Empty_EveryoneSeesTheSharedSet()
    {
        var (engine, workspaces) = CreateSut(path: null);

        using (KnowledgeScope.Enter("T1"))
        {
            Assert.Equal("rabbitmq", engine.Ask("kafka vs rabbitmq").Pick!.Id);
        }

        Assert.True(workspaces.IsEmpty);
    }

    private (PickEngine Engine, WorkspaceKnowledge Workspaces) CreateSut(string? path = "")
    {
        var source = new InMemoryKnowledgeSource([("shared/messaging.yaml", TestKnowledge.Messaging)]);
        var loader = new KnowledgeLoader(TestKnowledge.Clock());
        var store = new KnowledgeStore(loader.Load(source));
        var workspaces = new WorkspaceKnowledge(store, source, loader, new LoggingAdminNotifier(NullLogger<LoggingAdminNotifier>.Instance), TestKnowledge.Clock(), NullLoggerFactory.Instance, path == "" ? _root : path);
        return (new PickEngine(store, workspaces: workspaces), workspaces);
    }
}
