using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using PickBot.Slack.Formatting;
using PickBot.Testing;
using PickBot.Tests.Support;

namespace PickBot.Tests.Redis;

/// <summary>Bot replicas (real hosts, each with its own data folder) sharing one Redis and one fake Slack.</summary>
internal sealed class RedisHosts(RedisServer redis) : IAsyncDisposable
{
    public static readonly string Reference = new AnswerReference("mtl vs stl for a spam filter", "multi-task-vs-single-task-learning", "single-task-learning").Encode();

    private readonly ConcurrentBag<(PickBotApiFactory Host, HttpClient Client, string Data)> _hosts = [];

    public string KeyPrefix { get; } = "t" + Guid.NewGuid().ToString("N")[..8] + ":";

    public FakeSlackWebApi Slack { get; private set; } = null!;

    public async Task StartSlackAsync() => Slack = await FakeSlackWebApi.StartAsync();

    public (PickBotApiFactory Host, HttpClient Client) StartHost(Action<Dictionary<string, string?>>? configure = null)
    {
        var data = Path.Combine(Path.GetTempPath(), "pickbot-redis-" + Guid.NewGuid().ToString("N"));
        var settings = PickBotApiFactory.Settings(Slack.ApiBaseUrl, data);
        settings["Redis:ConnectionString"] = redis.ConnectionString;
        settings["Redis:KeyPrefix"] = KeyPrefix;
        settings["Redis:OperationTimeout"] = "00:00:00.500";
        settings["Redis:ResyncInterval"] = "00:00:00.200";
        configure?.Invoke(settings);
        var host = new PickBotApiFactory(settings);
        var client = host.CreateClient();
        _hosts.Add((host, client, data));
        return (host, client);
    }

    /// <summary>A replica in Socket Mode with one connection to <paramref name="slack"/> (which is also its Web API).</summary>
    public PickBotApiFactory StartSocketHost(FakeSocketModeServer slack)
    {
        var data = Path.Combine(Path.GetTempPath(), "pickbot-redis-" + Guid.NewGuid().ToString("N"));
        var settings = PickBotApiFactory.Settings(slack.ApiBaseUrl, data);
        settings["Redis:ConnectionString"] = redis.ConnectionString;
        settings["Redis:KeyPrefix"] = KeyPrefix;
        settings["Slack:Mode"] = "Socket";
        settings["Slack:AppToken"] = FakeSocketModeServer.AppToken;
        settings["Slack:SocketConnections"] = "1";
        var host = new PickBotApiFactory(settings);
        _hosts.Add((host, host.CreateClient(), data));
        return host;
    }

    public static HttpRequestMessage Vote(string channel, string messageTs, string user = "U123") =>
        SlackRequests.Click(ActionIds.Helpful, Reference, new Uri("http://127.0.0.1:9/response/none"), user: user, channel: channel, messageTs: messageTs);

    public static string VoteId(string channel, string messageTs, string user = "U123") => $"slack:{channel}:{messageTs}:{user}:helpful";

    public async ValueTask DisposeAsync()
    {
        foreach (var (host, client, data) in _hosts)
        {
            client.Dispose();
            await host.DisposeAsync();
            SqliteConnection.ClearAllPools();
            TempFolder.Delete(data);
        }

        if (Slack is not null)
        {
            await Slack.DisposeAsync();
        }
    }
}
