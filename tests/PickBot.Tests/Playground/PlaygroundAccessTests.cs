using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using PickBot.Playground;
using PickBot.Tests.Support;

namespace PickBot.Tests.Playground;

public sealed class PlaygroundAccessTests : IDisposable
{
    private const string Token = "test-admin-token-0123456789abcdef";

    private readonly KnowledgeFolder _knowledge = new();

    public void Dispose() => _knowledge.Dispose();

    [Theory]
    [InlineData(false, "http://127.0.0.1:5000")]
    [InlineData(false, "http://localhost:5000")]
    [InlineData(false, "http://[::1]:5000")]
    [InlineData(false, "http://127.0.0.1:5000", "https://localhost:5001")]
    [InlineData(true, "http://0.0.0.0:5000")]
    [InlineData(true, "http://*:5000")]
    [InlineData(true, "http://+:80")]
    [InlineData(true, "http://[::]:5000")]
    [InlineData(true, "http://10.1.2.3:5000")]
    [InlineData(true, "http://pickbot.example.com:80")]
    [InlineData(true, "http://127.0.0.1:5000", "http://0.0.0.0:5001")]
    [InlineData(true, "http://unix:/run/pickbot.sock")]
    [InlineData(false)]
    public void IsExposed_Addresses_TrueForAnythingButLoopback(bool expected, params string[] addresses) =>
        Assert.Equal(expected, PlaygroundAccess.IsExposed(addresses));

    [Fact]
    public async Task Exposed_NoTokenConfigured_PlaygroundIsOffButHealthAnswers()
    {
        await using var host = await RunningHost.StartAsync(_knowledge.Path, bind: "0.0.0.0");

        using var page = await host.Client.GetAsync("/");
        using var ask = await host.Client.PostAsJsonAsync("/api/ask", new { question = "mtl vs stl" });
        using var status = await host.Client.GetAsync("/api/status");
        using var health = await host.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ask.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Exposed_TokenConfigured_OnlyRequestsWithTheTokenGetIn()
    {
        await using var host = await RunningHost.StartAsync(_knowledge.Path, [$"--Playground:AdminToken={Token}"], bind: "0.0.0.0");

        using var none = await host.Client.GetAsync("/");
        using var wrong = await host.Client.GetAsync("/?token=not-the-token-at-all-00000");
        using var query = await host.Client.GetAsync($"/?token={Token}");
        using var header = new HttpRequestMessage(HttpMethod.Post, "/api/ask") { Content = JsonContent.Create(new { question = "mtl vs stl" }) };
        header.Headers.Add(PlaygroundAccess.TokenHeader, Token);
        using var withHeader = await host.Client.SendAsync(header);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.DoesNotContain(Token, await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withHeader.StatusCode);
    }

    [Fact]
    public async Task Loopback_TokenConfigured_NoTokenNeeded()
    {
        await using var host = await RunningHost.StartAsync(_knowledge.Path, [$"--Playground:AdminToken={Token}"]);

        using var page = await host.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Start_AdminTokenTooShort_FailsWithClearMessage()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningHost.StartAsync(_knowledge.Path, ["--Playground:AdminToken=short"]));

        Assert.Contains("Playground:AdminToken must be at least 16 characters", error.Message, StringComparison.Ordinal);
    }
}
