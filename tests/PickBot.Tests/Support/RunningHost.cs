using Microsoft.AspNetCore.Builder;
using PickBot.Hosting;

namespace PickBot.Tests.Support;

/// <summary>
/// The real host (the <c>serve</c> verb's builder) on Kestrel and an ephemeral port, for tests that need a real socket:
/// the listening address decides what the playground allows, and the folder watcher needs a real folder.
/// </summary>
internal sealed class RunningHost : IAsyncDisposable
{
    private RunningHost(WebApplication app, Uri baseAddress, string dataPath)
    {
        DataPath = dataPath;
        App = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>A temporary data folder (the feedback store), deleted with the host.</summary>
    public string DataPath { get; }

    public static async Task<RunningHost> StartAsync(string knowledgePath, IEnumerable<string>? settings = null, string bind = "127.0.0.1", Action<WebApplicationBuilder>? configure = null)
    {
        var dataPath = Directory.CreateTempSubdirectory("pickbot-data-").FullName;
        string[] args =
        [
            $"--urls=http://{bind}:0",
            $"--Storage:DataPath={dataPath}",
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
        return new RunningHost(app, new Uri($"http://127.0.0.1:{port}/"), dataPath);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment on a busy machine; the OS cleans temp folders.
        }
    }
}
