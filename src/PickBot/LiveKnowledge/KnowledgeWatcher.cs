using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PickBot.Core.Knowledge;

namespace PickBot.LiveKnowledge;

/// <summary>
/// Watches the knowledge folder and reloads the whole set when a <c>*.yaml</c> or <c>*.yml</c> file (or a folder)
/// changes, once the folder has been quiet for the debounce period. The reloader decides whether the new set is served.
/// With knowledge per workspace it watches the workspaces folder too, and reloads only the workspaces whose folder
/// changed (a shared change reloads every workspace through <see cref="WorkspaceKnowledge"/>).
/// </summary>
public sealed class KnowledgeWatcher(
    KnowledgeReloader reloader,
    IOptions<KnowledgeOptions> knowledge,
    IOptions<KnowledgeWatchOptions> options,
    TimeProvider time,
    ILogger<KnowledgeWatcher> log,
    WorkspaceKnowledge? workspaces = null) : BackgroundService
{
    // One pending signal is enough: the reload after the quiet period reads every file anyway.
    private readonly Channel<string> _changes = Channel.CreateBounded<string>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly ConcurrentDictionary<string, byte> _changedWorkspaces = new(StringComparer.Ordinal);
    private FileSystemWatcher? _watcher;
    private FileSystemWatcher? _workspacesWatcher;
    private int _sharedChanged;

    /// <summary>
    /// Starts watching before the host finishes starting: since .NET 10, <see cref="ExecuteAsync"/> runs wholly in the
    /// background, and an edit made just after start-up would be missed if the watcher were set up there.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _watcher = Watch();
        _workspacesWatcher = WatchWorkspaces();
        return base.StartAsync(cancellationToken);
    }

    /// <summary>Whether the folder is being watched (for tests and diagnostics).</summary>
    internal bool IsWatching => _watcher?.EnableRaisingEvents == true;

    public override void Dispose()
    {
        _watcher?.Dispose();
        _workspacesWatcher?.Dispose();
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

        return WatchFolder(path, Shared);
    }

    private FileSystemWatcher? WatchWorkspaces()
    {
        if (!options.Value.Enabled || workspaces?.Root is not { } root || !Directory.Exists(root))
        {
            return null;
        }

        return WatchFolder(root, Workspace);
    }

    /// <param name="signal">Told of every relevant change (a knowledge file, or a folder).</param>
    private FileSystemWatcher? WatchFolder(string path, Action<string> signal)
    {
        void Changed(object sender, FileSystemEventArgs e)
        {
            if (IsRelevant(e.FullPath))
            {
                signal(e.FullPath);
            }
        }

        // Editors save by writing a temporary file and renaming it over the original: the new name is what counts.
        void Renamed(object sender, RenamedEventArgs e)
        {
            if (IsRelevant(e.FullPath) || IsRelevant(e.OldFullPath))
            {
                signal(e.FullPath);
            }
        }

        FileSystemWatcher? watcher = null;
        try
        {
            watcher = new FileSystemWatcher(path)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Changed += Changed;
            watcher.Created += Changed;
            watcher.Deleted += Changed;
            watcher.Renamed += Renamed;
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
        if (_watcher is null && _workspacesWatcher is null)
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
                if (Interlocked.Exchange(ref _sharedChanged, 0) == 1)
                {
                    await reloader.ReloadAsync(stoppingToken);
                }

                foreach (var workspace in _changedWorkspaces.Keys)
                {
                    _changedWorkspaces.TryRemove(workspace, out _);
                    await workspaces!.ReloadAsync(workspace, stoppingToken);
                }
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

    private void Shared(string path)
    {
        Volatile.Write(ref _sharedChanged, 1);
        _changes.Writer.TryWrite(path);
    }

    /// <summary>Only the workspace whose folder the path is in: the first folder below the workspaces folder.</summary>
    private void Workspace(string path)
    {
        var relative = Path.GetRelativePath(workspaces!.Root!, path);
        var id = relative.Split(Path.DirectorySeparatorChar)[0];
        if (id.Length > 0 && id != "." && id != "..")
        {
            _changedWorkspaces[id] = 0;
            _changes.Writer.TryWrite(path);
        }
    }

    // The watcher's buffer overflowed: some events were lost, so reload to be sure.
    private void OnError(object sender, ErrorEventArgs e)
    {
        log.LogWarning(e.GetException(), "Knowledge folder watcher lost events; reloading to be safe");
        Shared("(lost events)");
    }
}
