using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PickBot.Core.Knowledge;

namespace PickBot.LiveKnowledge;

/// <summary>
/// Watches the knowledge folder and reloads the whole set when a <c>*.yaml</c> or <c>*.yml</c> file (or a folder)
/// changes, once the folder has been quiet for the debounce period. The reloader decides whether the new set is served.
/// </summary>
public sealed class KnowledgeWatcher(
    KnowledgeReloader reloader,
    IOptions<KnowledgeOptions> knowledge,
    IOptions<KnowledgeWatchOptions> options,
    TimeProvider time,
    ILogger<KnowledgeWatcher> log) : BackgroundService
{
    // One pending signal is enough: the reload after the quiet period reads every file anyway.
    private readonly Channel<string> _changes = Channel.CreateBounded<string>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private FileSystemWatcher? _watcher;

    /// <summary>
    /// Starts watching before the host finishes starting: since .NET 10, <see cref="ExecuteAsync"/> runs wholly in the
    /// background, and an edit made just after start-up would be missed if the watcher were set up there.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _watcher = Watch();
        return base.StartAsync(cancellationToken);
    }

    /// <summary>Whether the folder is being watched (for tests and diagnostics).</summary>
    internal bool IsWatching => _watcher?.EnableRaisingEvents == true;

    public override void Dispose()
    {
        _watcher?.Dispose();
        base.Dispose();
    }

    private FileSystemWatcher? Watch()
    {
        if (!options.Value.Enabled)
        {
            log.LogInformation("Knowledge folder watching is off (Knowledge:Watch:Enabled=false); use /pick reload after an edit");
            return null;
        }

        var path = Path.GetFullPath(knowledge.Value.Path);
        if (!Directory.Exists(path))
        {
            log.LogWarning("Knowledge folder {Path} does not exist, so it is not watched; create it and run /pick reload", path);
            return null;
        }

        FileSystemWatcher? watcher = null;
        try
        {
            watcher = new FileSystemWatcher(path)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Changed += OnChanged;
            watcher.Created += OnChanged;
            watcher.Deleted += OnChanged;
            watcher.Renamed += OnRenamed;
            watcher.Error += OnError;
            watcher.EnableRaisingEvents = true;
        }
        catch (IOException e)
        {
            // For example the system's inotify limit: the bot still answers, edits need /pick reload.
            watcher?.Dispose();
            log.LogError("Knowledge folder {Path} cannot be watched ({Reason}); use /pick reload after an edit", path, e.Message);
            return null;
        }

        log.LogInformation("Watching {Path} for knowledge edits (debounce {Debounce} ms)", path, options.Value.DebounceMilliseconds);
        return watcher;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_watcher is null)
        {
            return;
        }

        var quiet = TimeSpan.FromMilliseconds(options.Value.DebounceMilliseconds);
        try
        {
            while (await _changes.Reader.WaitToReadAsync(stoppingToken))
            {
                _changes.Reader.TryRead(out var first);
                do
                {
                    await Task.Delay(quiet, time, stoppingToken);
                }
                while (_changes.Reader.TryRead(out _));

                log.LogInformation("Knowledge changed ({File}); reloading", first);
                await reloader.ReloadAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping is not a failure; when the host's start failed (a port in use) the host would report it as one.
        }
    }

    /// <summary>Whether a change to this path can change the knowledge: a knowledge file, or a folder (no extension).</summary>
    internal static bool IsRelevant(string? path) =>
        path is not null && Path.GetExtension(path) is var extension
        && (extension.Length == 0
            || extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase));

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        if (IsRelevant(e.FullPath))
        {
            _changes.Writer.TryWrite(e.FullPath);
        }
    }

    // Editors save by writing a temporary file and renaming it over the original: the new name is what counts.
    private void OnRenamed(object sender, RenamedEventArgs e)
    {
        if (IsRelevant(e.FullPath) || IsRelevant(e.OldFullPath))
        {
            _changes.Writer.TryWrite(e.FullPath);
        }
    }

    // The watcher's buffer overflowed: some events were lost, so reload to be sure.
    private void OnError(object sender, ErrorEventArgs e)
    {
        log.LogWarning(e.GetException(), "Knowledge folder watcher lost events; reloading to be safe");
        _changes.Writer.TryWrite("(lost events)");
    }
}
