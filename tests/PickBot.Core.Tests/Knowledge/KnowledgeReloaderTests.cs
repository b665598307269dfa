using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PickBot.Core.Answers;
using PickBot.Core.Knowledge;
using PickBot.Core.Tests.Support;

namespace PickBot.Core.Tests.Knowledge;

public sealed class KnowledgeReloaderTests : IDisposable
{
    private const string Seed = "knowledge/ml/seed.yaml";
    private const string Messaging = "knowledge/messaging/kafka.yaml";

    // A comparison whose second option does not exist: the loader reports it and leaves the entry out.
    private const string BrokenComparison = """
        comparisons:
          - id: kafka-vs-pulsar
            title: Kafka vs Pulsar
            area: messaging
            owner: platform
            reviewed: 2026-11-01
            options:
              - option: kafka
                use-when: You need replay.
                pros: [replay]
                cons: [operations]
              - option: pulsar
                use-when: You need tiered storage.
                pros: [tiers]
                cons: [young]
            verdict:
              default: kafka
              because: More common.
            rules:
              - pick: kafka
                when: [replay]
                because: Kafka keeps the log.
              - pick: pulsar
                when: [tiered storage]
                because: Pulsar tiers.
        """;

    private readonly EditableKnowledgeSource _source = new();
    private readonly RecordingAdminNotifier _notifier = new();
    private KnowledgeStore _store = new();
    private readonly List<KnowledgeReloader> _reloaders = [];

    public KnowledgeReloaderTests()
    {
        _source.Set(Seed, File.ReadAllText(Path.Combine(Repository.Root, TestKnowledge.SeedFile))).Set(Messaging, TestKnowledge.Messaging);
    }

    public void Dispose()
    {
        foreach (var reloader in _reloaders)
        {
            reloader.Dispose();
        }
    }

    [Fact]
    public async Task ReloadAsync_ValidEdit_ServesNewSet()
    {
        var sut = CreateSut();
        var before = _store.Current;
        _source.Set(Messaging, TestKnowledge.Messaging.Replace("Kafka keeps the log.", "Kafka keeps every event.", StringComparison.Ordinal));

        var result = await sut.ReloadAsync();

        Assert.Equal(KnowledgeReloadOutcome.Served, result.Outcome);
        Assert.NotEqual(before.Version, _store.Current.Version);
        Assert.Equal(result.Version, _store.Current.Version);
        Assert.Equal("Kafka keeps every event.", new PickEngine(_store).Ask("kafka or rabbitmq, we need replay").Justification);
        Assert.Empty(_notifier.Notices);
    }

    [Fact]
    public async Task ReloadAsync_EditWithNewError_KeepsRunningSetAndTellsAdmins()
    {
        var sut = CreateSut();
        var before = _store.Current;
        _source.Set(Messaging, TestKnowledge.Messaging.Replace("pick: kafka\n", "pick: kafak\n", StringComparison.Ordinal));

        var result = await sut.ReloadAsync();

        Assert.Equal(KnowledgeReloadOutcome.Rejected, result.Outcome);
        Assert.Same(before, _store.Current);
        Assert.Equal("Apache Kafka", new PickEngine(_store).Ask("kafka or rabbitmq, we need replay").Pick?.Name);
        var error = Assert.Single(result.NewErrors, p => p.Message.Contains("kafak", StringComparison.Ordinal));
        Assert.Matches(@"^knowledge/messaging/kafka\.yaml:\d+:\d+: .*kafak", error.ToString());
        Assert.Contains(error, _store.LastRejectedProblems);
        var notice = Assert.Single(_notifier.Notices);
        Assert.Equal(LogLevel.Error, notice.Level);
        Assert.Contains(error.ToString(), notice.Details);
        Assert.Contains(before.Version, notice.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReloadAsync_YamlSyntaxError_IsRejectedWithPosition()
    {
        var sut = CreateSut();
        _source.Set(Messaging, TestKnowledge.Messaging.Replace("title: Kafka vs RabbitMQ", "title: [Kafka vs RabbitMQ", StringComparison.Ordinal));

        var result = await sut.ReloadAsync();

        Assert.Equal(KnowledgeReloadOutcome.Rejected, result.Outcome);
        Assert.Contains(result.NewErrors, p => p.Message.StartsWith("YAML syntax", StringComparison.Ordinal) && p.Location.Line > 1);
        Assert.Equal(3, _store.Current.Comparisons.Count);
    }

    [Fact]
    public async Task ReloadAsync_ErrorAlreadyInRunningSet_DoesNotBlockFixElsewhere()
    {
        _source.Set("knowledge/messaging/pulsar.yaml", BrokenComparison);
        var sut = CreateSut();
        Assert.True(_store.Current.HasErrors);
        _source.Set(Messaging, TestKnowledge.Messaging.Replace("Simpler to run.", "Simpler to operate.", StringComparison.Ordinal));

        var result = await sut.ReloadAsync();

        Assert.Equal(KnowledgeReloadOutcome.Served, result.Outcome);
        Assert.Equal(result.Version, _store.Current.Version);
        Assert.Contains(result.Problems, p => p.IsError && p.Message.Contains("pulsar", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReloadAsync_KnownErrorMovedByEdit_IsNotNew()
    {
        _source.Set("knowledge/messaging/pulsar.yaml", BrokenComparison);
        var sut = CreateSut();
        _source.Set("knowledge/messaging/pulsar.yaml", "# Pulsar is under review.\n# Do not use yet.\n" + BrokenComparison);

        var result = await sut.ReloadAsync();

        Assert.Equal(KnowledgeReloadOutcome.Served, result.Outcome);
    }

    [Fact]
    public async Task ReloadAsync_SecondCopyOfKnownError_IsNew()
    {
        _source.Set("knowledge/messaging/pulsar.yaml", BrokenComparison);
        var sut = CreateSut();
        _source.Set("knowledge/messaging/pulsar.yaml", BrokenComparison + "\n" + BrokenComparison["comparisons:\n".Length..]);

        var result = await sut.ReloadAsync();

        Assert.Equal(KnowledgeReloadOutcome.Rejected, result.Outcome);
    }

    [Fact]
    public async Task ReloadAsync_FixAfterRejection_ServesAndTellsAdminsItIsFixed()
    {
        var sut = CreateSut();
        _source.Set(Messaging, "comparisons: [");
        await sut.ReloadAsync();
        _source.Set(Messaging, TestKnowledge.Messaging.Replace("Simpler to run.", "Simpler to operate.", StringComparison.Ordinal));

        var result = await sut.ReloadAsync();

        Assert.Equal(KnowledgeReloadOutcome.Served, result.Outcome);
        Assert.Empty(_store.LastRejectedProblems);
        Assert.Equal(2, _notifier.Notices.Count);
        Assert.Equal(LogLevel.Information, _notifier.Notices[1].Level);
        Assert.Contains("fixed", _notifier.Notices[1].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReloadAsync_DeletedFile_ServesSetWithoutIt()
    {
        var sut = CreateSut();
        _source.Remove(Messaging);

        var result = await sut.ReloadAsync();

        Assert.Equal(KnowledgeReloadOutcome.Served, result.Outcome);
        Assert.Single(_store.Current.Comparisons);
    }

    [Fact]
    public async Task ReloadAsync_NothingInService_ServesSoundEntriesDespiteErrors()
    {
        var loader = new KnowledgeLoader(TestKnowledge.Clock());
        var store = new KnowledgeStore();
        _source.Set("knowledge/messaging/pulsar.yaml", BrokenComparison);
        using var sut = new KnowledgeReloader(store, loader, _source, _notifier, TestKnowledge.Clock(), NullLogger<KnowledgeReloader>.Instance);

        var result = await sut.ReloadAsync();

        Assert.Equal(KnowledgeReloadOutcome.Served, result.Outcome);
        Assert.Equal(3, store.Current.Comparisons.Count);
        Assert.True(store.Current.HasErrors);
    }

    [Fact]
    public async Task ReloadAsync_SameFiles_ReportsUnchanged()
    {
        var sut = CreateSut();
        var version = _store.Current.Version;

        var result = await sut.ReloadAsync();

        Assert.Equal(KnowledgeReloadOutcome.Unchanged, result.Outcome);
        Assert.Equal(version, _store.Current.Version);
        Assert.Same(result, sut.Last);
    }

    [Fact]
    public async Task ReloadAsync_NotifierFails_StillRejectsAndReturns()
    {
        var sut = CreateSut();
        _notifier.Failure = new HttpRequestException("slack is unreachable");
        _source.Set(Messaging, "comparisons: [");

        var result = await sut.ReloadAsync();

        Assert.Equal(KnowledgeReloadOutcome.Rejected, result.Outcome);
        Assert.Single(_notifier.Notices);
    }

    [Fact]
    public async Task ReloadAsync_SourceThrows_ReportsFailedAndKeepsRunningSet()
    {
        var sut = CreateSut();
        var before = _store.Current;
        _source.Failure = new InvalidOperationException("disk on fire");

        var result = await sut.ReloadAsync();

        Assert.Equal(KnowledgeReloadOutcome.Failed, result.Outcome);
        Assert.False(result.InService);
        Assert.Same(before, _store.Current);
        Assert.Contains("disk on fire", Assert.Single(_notifier.Notices).Details);
    }

    [Fact]
    public async Task ReloadAsync_EmptyFolder_IsRejected()
    {
        var folder = Directory.CreateTempSubdirectory("pickbot-reload-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "seed.yaml"), File.ReadAllText(Path.Combine(Repository.Root, TestKnowledge.SeedFile)));
            var loader = new KnowledgeLoader(TestKnowledge.Clock());
            var source = new DirectoryKnowledgeSource(folder.FullName);
            var store = new KnowledgeStore(loader.Load(source));
            using var sut = new KnowledgeReloader(store, loader, source, _notifier, TestKnowledge.Clock(), NullLogger<KnowledgeReloader>.Instance);
            File.Delete(Path.Combine(folder.FullName, "seed.yaml"));

            var result = await sut.ReloadAsync();

            Assert.Equal(KnowledgeReloadOutcome.Rejected, result.Outcome);
            Assert.Single(store.Current.Comparisons);
            Assert.Contains("no .yaml or .yml files", Assert.Single(result.NewErrors).Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ReloadAsync_ConcurrentCalls_RunOneAtATimeAndAllComplete()
    {
        var sut = CreateSut();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => sut.ReloadAsync()));

        Assert.All(results, r => Assert.True(r.InService));
        Assert.Equal(3, _store.Current.Comparisons.Count);
    }

    [Fact]
    public void Status_AfterRejection_ShowsRunningVersionAndRejectedProblems()
    {
        var kb = TestKnowledge.Load(("a.yaml", TestKnowledge.Messaging));
        var store = new KnowledgeStore(kb);
        store.Reject([new KnowledgeProblem(new SourceLocation("a.yaml", 3, 7), "something broke")], kb.LoadedAt.AddMinutes(1));

        var status = KnowledgeStatus.From(store);

        Assert.Equal(kb.Version, status.Version);
        Assert.Equal(2, status.Comparisons);
        Assert.Equal(["a.yaml:3:7: something broke"], status.RejectedProblems);
        Assert.Equal(kb.LoadedAt.AddMinutes(1), status.LastAttempt);
    }

    [Fact]
    public async Task ReloadAsync_SourceBlocks_FailsAfterTheTimeLimitStillServingAndTheNextReloadIsRefusedQuickly()
    {
        using var release = new ManualResetEventSlim();
        var loader = new KnowledgeLoader(TestKnowledge.Clock());
        _store = new KnowledgeStore(loader.Load(_source));
        var version = _store.Current.Version;
        var blocking = new BlockingSource(_source, release);
        using var sut = new KnowledgeReloader(_store, loader, blocking, _notifier, TestKnowledge.Clock(), NullLogger<KnowledgeReloader>.Instance)
        {
            TimeLimit = TimeSpan.FromMilliseconds(300),
        };

        var first = await sut.ReloadAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var second = await sut.ReloadAsync().WaitAsync(TimeSpan.FromSeconds(30));
        release.Set();

        Assert.Equal(KnowledgeReloadOutcome.Failed, first.Outcome);
        Assert.Equal(KnowledgeReloadOutcome.Failed, second.Outcome);
        Assert.Equal(version, _store.Current.Version);
        Assert.Contains(_notifier.Notices, n => n.Details.Any(d => d.Contains("took over 0.3 s", StringComparison.Ordinal)));
    }

    private sealed class BlockingSource(IKnowledgeSource inner, ManualResetEventSlim release) : IKnowledgeSource
    {
        public string Description => inner.Description;

        public KnowledgeSourceSnapshot Read()
        {
            release.Wait();
            return inner.Read();
        }
    }

    private KnowledgeReloader CreateSut()
    {
        // As at start-up: the first set is loaded directly and served with whatever errors it has.
        var loader = new KnowledgeLoader(TestKnowledge.Clock());
        _store = new KnowledgeStore(loader.Load(_source));
        var sut = new KnowledgeReloader(_store, loader, _source, _notifier, TestKnowledge.Clock(), NullLogger<KnowledgeReloader>.Instance);
        _reloaders.Add(sut);
        return sut;
    }
}
