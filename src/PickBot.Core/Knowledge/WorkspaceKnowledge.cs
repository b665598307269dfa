using System.Collections.Frozen;
using Microsoft.Extensions.Logging;

namespace PickBot.Core.Knowledge;

/// <summary>
/// Knowledge per workspace (<see cref="KnowledgeOptions.WorkspacesPath"/>): for each folder named after a team id, the
/// shared set with that folder's entries on top, in its own store with its own reloader, so a broken edit in one
/// workspace's folder is rejected there and touches no one else. A change to the shared set reloads every workspace.
/// Empty (and free) when no workspaces folder is configured.
/// </summary>
public sealed class WorkspaceKnowledge : IDisposable
{
    private readonly IKnowledgeSource _shared;
    private readonly KnowledgeLoader _loader;
    private readonly IAdminNotifier _notifier;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _logs;
    private readonly string? _root;
    private readonly SemaphoreSlim _rescan = new(1, 1);
    private FrozenDictionary<string, Workspace> _workspaces = FrozenDictionary<string, Workspace>.Empty;

    public WorkspaceKnowledge(KnowledgeStore sharedStore, IKnowledgeSource shared, KnowledgeLoader loader, IAdminNotifier notifier, TimeProvider time, ILoggerFactory logs, string? workspacesPath)
    {
        ArgumentNullException.ThrowIfNull(sharedStore);
        _shared = shared;
        _loader = loader;
        _notifier = notifier;
        _time = time;
        _logs = logs;
        _root = string.IsNullOrWhiteSpace(workspacesPath) ? null : Path.GetFullPath(workspacesPath);
        if (_root is null)
        {
            return;
        }

        _workspaces = Scan(FrozenDictionary<string, Workspace>.Empty);
        sharedStore.Swapped += _ => ReloadAllInBackground();
    }

    /// <summary>The workspaces folder, or null when knowledge is shared by all.</summary>
    public string? Root => _root;

    public bool IsEmpty => _workspaces.Count == 0;

    public IReadOnlyCollection<string> Workspaces => _workspaces.Keys;

    /// <summary>The set <paramref name="workspace"/> is served, or null when it sees the shared one.</summary>
    public KnowledgeBase? CurrentFor(string? workspace) =>
        workspace is not null && _workspaces.TryGetValue(workspace, out var found) ? found.Store.Current : null;

    public KnowledgeStore? StoreFor(string? workspace) =>
        workspace is not null && _workspaces.TryGetValue(workspace, out var found) ? found.Store : null;

    public KnowledgeReloadResult? LastReloadOf(string workspace) => _workspaces.TryGetValue(workspace, out var found) ? found.Reloader.Last : null;

    /// <summary>How many of the set's comparisons come from the workspace's own folder.</summary>
    public int OwnComparisons(string workspace)
    {
        if (!_workspaces.TryGetValue(workspace, out var found))
        {
            return 0;
        }

        var folder = found.Source.Folder + Path.DirectorySeparatorChar;
        return found.Store.Current.Comparisons.Count(c => Path.GetFullPath(c.Location.Path).StartsWith(folder, StringComparison.Ordinal));
    }

    public string? FolderOf(string workspace) => _workspaces.TryGetValue(workspace, out var found) ? found.Source.Folder : null;

    /// <summary>Reloads one workspace's set (its folder and the shared files); null when it has no folder.</summary>
    public async Task<KnowledgeReloadResult?> ReloadAsync(string workspace, CancellationToken cancellationToken = default)
    {
        await RescanAsync(cancellationToken);
        return _workspaces.TryGetValue(workspace, out var found) ? await found.Reloader.ReloadAsync(cancellationToken) : null;
    }

    /// <summary>Reloads every workspace (after the shared set changed), picking up folders added since.</summary>
    public async Task ReloadAllAsync(CancellationToken cancellationToken = default)
    {
        await RescanAsync(cancellationToken);
        foreach (var workspace in _workspaces.Values)
        {
            await workspace.Reloader.ReloadAsync(cancellationToken);
        }
    }

    private void ReloadAllInBackground() => _ = Task.Run(async () =>
    {
        try
        {
            await ReloadAllAsync();
        }
        catch (Exception e)
        {
            _logs.CreateLogger<WorkspaceKnowledge>().LogError(e, "Reloading the workspaces after a shared knowledge change failed; each keeps its set");
        }
    });

    public void Dispose()
    {
        foreach (var workspace in _workspaces.Values)
        {
            workspace.Reloader.Dispose();
        }

        _rescan.Dispose();
    }

    private async Task RescanAsync(CancellationToken cancellationToken)
    {
        if (_root is null)
        {
            return;
        }

        await _rescan.WaitAsync(cancellationToken);
        try
        {
            _workspaces = Scan(_workspaces);
        }
        finally
        {
            _rescan.Release();
        }
    }

    /// <summary>The folders there now; a workspace already known keeps its store, a new one is read in the background.</summary>
    private FrozenDictionary<string, Workspace> Scan(FrozenDictionary<string, Workspace> known)
    {
        if (!Directory.Exists(_root))
        {
            _logs.CreateLogger<WorkspaceKnowledge>().LogWarning("Knowledge:WorkspacesPath {Path} does not exist: every workspace sees the shared knowledge", _root);
            return FrozenDictionary<string, Workspace>.Empty;
        }

        var found = new Dictionary<string, Workspace>(StringComparer.Ordinal);
        foreach (var folder in Directory.GetDirectories(_root!).Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileName(folder);
            if (known.TryGetValue(id, out var existing))
            {
                found[id] = existing;
                continue;
            }

            var source = new WorkspaceKnowledgeSource(_shared, id, folder);
            var store = new KnowledgeStore(Task.Run(() => _loader.Load(source)));
            found[id] = new Workspace(source, store, new KnowledgeReloader(store, _loader, source, _notifier, _time, _logs.CreateLogger<KnowledgeReloader>()));
        }

        return found.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record Workspace(WorkspaceKnowledgeSource Source, KnowledgeStore Store, KnowledgeReloader Reloader);
}
