using Microsoft.Data.Sqlite;
using PickBot.Testing;

namespace PickBot.Tests.Support;

/// <summary>One fake Slack and one host per test class; tests keep apart by using their own channel and event ids.</summary>
public sealed class SlackHostFixture : IAsyncLifetime
{
    public FakeSlackWebApi Slack { get; private set; } = null!;

    public PickBotApiFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "pickbot-tests-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        Slack = await FakeSlackWebApi.StartAsync();
        Factory = new PickBotApiFactory(PickBotApiFactory.Settings(Slack.ApiBaseUrl, DataPath));
        Client = Factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Slack.DisposeAsync();
        SqliteConnection.ClearAllPools();
        TempFolder.Delete(DataPath);
    }
}
