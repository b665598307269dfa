using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PickBot.Core.Knowledge;
using PickBot.Slack.Admin;

namespace PickBot.Slack.Tests.Admin;

public sealed class AdminCommandsTests : IDisposable
{
    private const string Admin = "UADMIN01";

    private const string Kafka = """
        options:
          - id: kafka
            name: Apache Kafka
            summary: A distributed log.
          - id: rabbitmq
            name: RabbitMQ
            summary: A message broker.
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
              - pick: kafka
                when: [replay]
                because: Kafka keeps the log.
              - pick: rabbitmq
                when: [complex routing]
                because: RabbitMQ routes flexibly.
              - pick: kafka
                when: [event log]
                because: Kafka is a log.
              - pick: rabbitmq
                when: [priorities]
                because: RabbitMQ has priority queues.
            sources:
              - title: Kafka documentation
                url: https://kafka.apache.org/documentation/
        """;

    private readonly EditableSource _source = new();
    private readonly KnowledgeStore _store;
    private readonly KnowledgeReloader _reloader;

    public AdminCommandsTests()
    {
        _source.Files["k/kafka.yaml"] = Kafka;
        var loader = new KnowledgeLoader(TimeProvider.System);
        _store = new KnowledgeStore(loader.Load(_source));
        Assert.Empty(_store.Current.Problems);
        _reloader = new KnowledgeReloader(_store, loader, _source, new NoNotifier(), TimeProvider.System, NullLogger<KnowledgeReloader>.Instance);
    }

    public void Dispose() => _reloader.Dispose();

    [Theory]
    [InlineData("reload")]
    [InlineData("status")]
    [InlineData("STATUS")]
    public async Task HandleAsync_NotAnAdmin_PoliteRefusalAndNothingRuns(string verb)
    {
        _source.Files["k/kafka.yaml"] = "comparisons: [";

        var reply = await CreateSut().HandleAsync(verb, "UOTHER99", "/pick");

        Assert.StartsWith("Sorry, `/pick " + verb.ToLowerInvariant() + "` is only for PickBot's admins.", reply, StringComparison.Ordinal);
        Assert.Null(_reloader.Last);
        Assert.DoesNotContain("kafka", reply, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task HandleAsync_AdminReloadsGoodEdit_ReportsNewVersion()
    {
        _source.Files["k/kafka.yaml"] = Kafka.Replace("Simpler to run.", "Simpler to operate.", StringComparison.Ordinal);

        var reply = await CreateSut("UX, " + Admin).HandleAsync("reload", Admin, "/pick");

        Assert.StartsWith(":white_check_mark: Reloaded knowledge " + _store.Current.Version, reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_AdminReloadsBrokenEdit_ShowsProblemsEscaped()
    {
        var version = _store.Current.Version;
        _source.Files["k/kafka.yaml"] = Kafka.Replace("pick: kafka\n", "pick: <!channel>\n", StringComparison.Ordinal);

        var reply = await CreateSut().HandleAsync("reload", Admin, "/pick");

        Assert.StartsWith(":warning: Knowledge edit rejected", reply, StringComparison.Ordinal);
        Assert.Contains("still serving " + version, reply, StringComparison.Ordinal);
        Assert.Matches(@"k/kafka\.yaml:\d+:\d+: ", reply);
        Assert.Contains("&lt;!channel&gt;", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("<!channel>", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_AdminStatusAfterRejection_ShowsVersionCountsAndLastErrors()
    {
        var sut = CreateSut();
        _source.Files["k/kafka.yaml"] = "comparisons: [";
        await sut.HandleAsync("reload", Admin, "/pick");

        var reply = await sut.HandleAsync("status", Admin, "/pick");

        Assert.StartsWith($"*Knowledge* `{_store.Current.Version}`: 1 comparisons, 2 options, loaded ", reply, StringComparison.Ordinal);
        Assert.Contains("Last reload", reply, StringComparison.Ordinal);
        Assert.Contains("The last edit was rejected", reply, StringComparison.Ordinal);
        Assert.Matches(@"k/kafka\.yaml:\d+:\d+: YAML syntax", reply);
    }

    [Fact]
    public async Task HandleAsync_AdminStatusWhenHealthy_SaysNoErrors()
    {
        var reply = await CreateSut().HandleAsync("status", Admin, "/pick");

        Assert.EndsWith("No errors.", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderStatus_ManyProblems_ShowsFirstFifteenAndCount()
    {
        var problems = Enumerable.Range(1, 40).Select(i => $"k/a.yaml:{i}:1: problem {i}").ToList();
        var status = new KnowledgeStatus("abc", 1, 2, DateTimeOffset.UnixEpoch, null, problems, []);

        var reply = AdminCommands.RenderStatus(status, null);

        Assert.Contains("problem 15", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("problem 16", reply, StringComparison.Ordinal);
        Assert.Contains("and 25 more", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "U1,U2", "U3" }, "U2", true)]
    [InlineData(new[] { "U1 U2" }, "U2", true)]
    [InlineData(new[] { "U1" }, "u1", false)]
    [InlineData(new string[0], "U1", false)]
    public void IsAdmin_ConfiguredIds_ExactMatchOnly(string[] configured, string user, bool expected)
    {
        var sut = new AdminCommands(_reloader, _store, Options.Create(new SlackAdminOptions { AdminUserIds = configured }), NullLogger<AdminCommands>.Instance);

        Assert.Equal(expected, sut.IsAdmin(user));
    }

    [Fact]
    public async Task HandleAsync_ReloadSlowerThanSlackWaits_AnswersInTimeAndTheReloadFinishes()
    {
        using var release = new ManualResetEventSlim();
        var loader = new KnowledgeLoader(TimeProvider.System);
        using var reloader = new KnowledgeReloader(_store, loader, new SlowSource(_source, release), new NoNotifier(), TimeProvider.System, NullLogger<KnowledgeReloader>.Instance);
        var sut = new AdminCommands(reloader, _store, Options.Create(new SlackAdminOptions { AdminUserIds = [Admin] }), NullLogger<AdminCommands>.Instance);

        var reply = await sut.HandleAsync("reload", Admin, "/pick").WaitAsync(TimeSpan.FromSeconds(10));
        release.Set();

        Assert.Contains("takes longer than Slack lets me wait", reply, StringComparison.Ordinal);
        Assert.Contains("`/pick status`", reply, StringComparison.Ordinal);
        await Eventually(() => reloader.Last is not null);
        Assert.True(reloader.Last!.InService);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }

    private sealed class SlowSource(IKnowledgeSource inner, ManualResetEventSlim release) : IKnowledgeSource
    {
        public string Description => inner.Description;

        public KnowledgeSourceSnapshot Read()
        {
            release.Wait(TimeSpan.FromSeconds(4));
            return inner.Read();
        }
    }

    private AdminCommands CreateSut(string admins = Admin) =>
        new(_reloader, _store, Options.Create(new SlackAdminOptions { AdminUserIds = [admins] }), NullLogger<AdminCommands>.Instance);

    private sealed class EditableSource : IKnowledgeSource
    {
        public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

        public string Description => "test";

        public KnowledgeSourceSnapshot Read() => new(Files.Select(f => new KnowledgeDocument(f.Key, f.Value)).ToList(), []);
    }

    private sealed class NoNotifier : IAdminNotifier
    {
        public Task NotifyAsync(AdminNotice notice, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
