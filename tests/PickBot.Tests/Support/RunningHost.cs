using Microsoft.AspNetCore.Builder;
using PickBot.Hosting;

namespace PickBot.Tests.Support;

/// <summary>
/// The real host (the <c>serve</c> verb's builder) on Kestrel and an ephemeral port, for tests that need a real socket:
/// the listening address decides what the playground allows, and the folder watcher needs a real folder.
/// </summary>
internal sealed class RunningHost : IAsyncDisposable
{
    private RunningHost(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static async Task<RunningHost> StartAsync(string knowledgePath, IEnumerable<string>? settings = null, string bind = "127.0.0.1", Action<WebApplicationBuilder>? configure = null)
    {
        string[] args =
        [
            $"--urls=http://{bind}:0",
            $"--Knowledge:Path={knowledgePath}",
            "--Logging:LogLevel:Default=Warning",
            .. settings ?? [],
        ];
        var app = ServeCommand.Build(args, configure);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var port = new Uri(app.Urls.First()).Port;
        return new RunningHost(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
