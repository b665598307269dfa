using System.Net;
using Microsoft.Data.Sqlite;
using PickBot.Tests.Support;

namespace PickBot.Tests.Slack;

/// <summary>The local mode: no Slack secrets. The Slack endpoints fail closed; the rest of the bot runs.</summary>
public sealed class SlackWithoutSecretTests : IAsyncLifetime, IDisposable
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "pickbot-tests-" + Guid.NewGuid().ToString("N"));
    private PickBotApiFactory _factory = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        var settings = PickBotApiFactory.Settings("https://slack.invalid/api/", _dataPath);
        settings["Slack:SigningSecret"] = null;
        settings["Slack:BotToken"] = null;
        _factory = new PickBotApiFactory(settings);
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        TempFolder.Delete(_dataPath);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Theory]
    [InlineData("/slack/commands", "command=%2Fpick&text=mtl+vs+stl&user_id=U1&channel_id=C1", "application/x-www-form-urlencoded")]
    [InlineData("/slack/commands", "ssl_check=1&token=abc", "application/x-www-form-urlencoded")]
    [InlineData("/slack/events", """{"challenge":"abc","type":"url_verification"}""", "application/json")]
    [InlineData("/slack/interactions", "payload=%7B%22type%22%3A%22block_actions%22%7D", "application/x-www-form-urlencoded")]
    public async Task Post_AnySlackEndpointEvenCorrectlySigned_Returns401(string path, string body, string contentType)
    {
        using var response = await _client.SendAsync(SlackRequests.WithSignature(path, body, contentType));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Start_NoSigningSecret_LogsOneLineSayingWhatToSetAndHealthzIsReady()
    {
        using var response = await _client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = Assert.Single(_factory.Logs, l => l.Contains("Slack__SigningSecret", StringComparison.Ordinal) && l.Contains("401", StringComparison.Ordinal));
        Assert.DoesNotContain('\n', line);
    }
}
