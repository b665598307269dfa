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

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("Forwarded", "for=203.0.113.7;proto=https")]
    [InlineData("X-Real-IP", "203.0.113.7")]
    [InlineData("CF-Connecting-IP", "203.0.113.7")]
    [InlineData("Host", "random-words.trycloudflare.com")]
    [InlineData("Host", "192.168.1.20:5000")]
    public async Task LoopbackHost_RequestThroughATunnel_NeedsTheToken(string header, string value)
    {
        await using var host = await RunningHost.StartAsync(_knowledge.Path, [$"--Playground:AdminToken={Token}"]);

        using var page = await host.Client.SendAsync(Through(HttpMethod.Get, "/", header, value));
        using var ask = await host.Client.SendAsync(Through(HttpMethod.Post, "/api/ask", header, value));
        using var status = await host.Client.SendAsync(Through(HttpMethod.Get, "/api/status", header, value));
        var withToken = Through(HttpMethod.Post, "/api/ask", header, value);
        withToken.Headers.Add(PlaygroundAccess.TokenHeader, Token);
        using var allowed = await host.Client.SendAsync(withToken);

        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, ask.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, status.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task LoopbackHost_TunnelWithoutTokenConfigured_PlaygroundOffForItOnly()
    {
        await using var host = await RunningHost.StartAsync(_knowledge.Path);

        using var tunnelled = await host.Client.SendAsync(Through(HttpMethod.Post, "/api/ask", "CF-Connecting-IP", "203.0.113.7"));
        using var local = await host.Client.PostAsJsonAsync("/api/ask", new { question = "mtl vs stl" });
        using var health = await host.Client.SendAsync(Through(HttpMethod.Get, "/healthz", "CF-Connecting-IP", "203.0.113.7"));

        Assert.Equal(HttpStatusCode.NotFound, tunnelled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task PostAsk_MoreThanTheLimit_Answers429WithRetryAfterAndUnauthorizedCallsDoNotCount()
    {
        await using var host = await RunningHost.StartAsync(_knowledge.Path, [$"--Playground:AdminToken={Token}", "--Playground:AskPerMinute=3"]);
        for (var i = 0; i < 10; i++)
        {
            using var refused = await host.Client.SendAsync(Through(HttpMethod.Post, "/api/ask", "X-Forwarded-For", "203.0.113.7"));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await host.Client.PostAsJsonAsync("/api/ask", new { question = "mtl vs stl" });
            statuses.Add(last.StatusCode);
        }

        using var page = await host.Client.GetAsync("/");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(int.Parse(Assert.Single(last!.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        last.Dispose();
    }

    [Fact]
    public async Task Loopback_TokenConfigured_NoTokenNeeded()
    {
        await using var host = await RunningHost.StartAsync(_knowledge.Path, [$"--Playground:AdminToken={Token}"]);

        using var page = await host.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private static HttpRequestMessage Through(HttpMethod method, string path, string header, string value)
    {
        var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post)
        {
            request.Content = JsonContent.Create(new { question = "mtl vs stl" });
        }

        if (header == "Host")
        {
            request.Headers.Host = value;
        }
        else
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        return request;
    }

    [Fact]
    public async Task Start_AdminTokenTooShort_FailsWithClearMessage()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningHost.StartAsync(_knowledge.Path, ["--Playground:AdminToken=short"]));

        Assert.Contains("Playground:AdminToken must be at least 16 characters", error.Message, StringComparison.Ordinal);
    }
}
