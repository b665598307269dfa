using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace PickBot.Core.Knowledge;

/// <summary>
/// Reads the whole knowledge set again, checks it, and puts it in service only if it is no worse than the running set.
/// Called by the folder watcher and by <c>/pick reload</c>; reloads run one at a time and off the request path.
/// </summary>
/// <remarks>
/// The loader already leaves broken entries out and serves the sound ones, which is right at start-up (a deploy with
/// one bad file still answers about everything else). A reload is different: the running set is known to be good, and
/// swapping in a set that silently lost an entry to a typo would be a regression. So a set is rejected when it has any
/// error the running set did not have; errors that were already there (and already left out) do not block a fix to
/// another file. Errors are compared by file and message, not position, because an edit above a known error moves it.
/// When nothing is in service (the folder was missing or empty at start-up) there is no good set to protect, and the
/// sound entries of the new set are served.
/// </remarks>
public sealed partial class KnowledgeReloader(
    KnowledgeStore store,
    KnowledgeLoader loader,
    IKnowledgeSource source,
    IAdminNotifier notifier,
    TimeProvider time,
    ILogger<KnowledgeReloader> log) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The most recent reload, or null before the first.</summary>
    public KnowledgeReloadResult? Last { get; private set; }

    /// <summary>
    /// How long a reload may take, waiting for an earlier one included: reading the folder longer than this means
    /// something in it blocks (a stuck network mount), and the reload gives up with the running set still in service.
    /// </summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    public async Task<KnowledgeReloadResult> ReloadAsync(CancellationToken cancellationToken = default)
    {
        if (!await _gate.WaitAsync(TimeLimit, cancellationToken))
        {
            var running = store.Current;
            log.LogWarning("Knowledge reload not started: the previous one has run for over {Limit}; still serving {Version}", TimeLimit, running.Version);
            return Failed(running);
        }

        try
        {
            var result = await LoadAndSwapAsync(cancellationToken);
            Last = result;
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>The errors of <paramref name="next"/> that <paramref name="running"/> does not have (file and message, any position).</summary>
    public static IReadOnlyList<KnowledgeProblem> NewErrors(KnowledgeBase running, KnowledgeBase next)
    {
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(next);
        var known = running.Problems.Where(p => p.IsError).GroupBy(Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var fresh = new List<KnowledgeProblem>();
        foreach (var problem in next.Problems.Where(p => p.IsError))
        {
            var key = Key(problem);
            if (known.TryGetValue(key, out var count) && count > 0)
            {
                known[key] = count - 1;
            }
            else
            {
                fresh.Add(problem);
            }
        }

        return fresh;
    }

    private async Task<KnowledgeReloadResult> LoadAndSwapAsync(CancellationToken cancellationToken)
    {
        var running = store.Current;
        KnowledgeBase next;
        try
        {
            // Parsing every file is CPU work: keep it off the caller's thread (a request or the watcher's loop).
            next = await Task.Run(() => loader.Load(source), cancellationToken).WaitAsync(TimeLimit, cancellationToken);
        }
        catch (TimeoutException)
        {
            log.LogError("Knowledge reload from {Source} did not finish within {Limit}; still serving {Version}", source.Description, TimeLimit, running.Version);
            var failed = Failed(running);
            await NotifyAsync(new AdminNotice(LogLevel.Error, failed.Summary, [$"Reading the knowledge took over {TimeLimit.TotalSeconds:0.#} s; is a file or mount in the folder blocking?"]), cancellationToken);
            return failed;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Knowledge reload from {Source} failed; still serving {Version}", source.Description, running.Version);
            var failed = Failed(running);
            await NotifyAsync(new AdminNotice(LogLevel.Error, failed.Summary, [e.Message]), cancellationToken);
            return failed;
        }

        IReadOnlyList<KnowledgeProblem> newErrors = running.Comparisons.Count == 0 ? [] : NewErrors(running, next);
        if (newErrors.Count > 0)
        {
            var errors = next.Problems.Where(p => p.IsError).ToList();
            store.Reject(errors, time.GetUtcNow());
            var rejected = new KnowledgeReloadResult(KnowledgeReloadOutcome.Rejected, running.Version, next.Version, running.Comparisons.Count, running.Options.Count, next.Problems, newErrors, time.GetUtcNow());
            log.LogError("Knowledge {Attempted} rejected with {NewErrors} new errors; still serving {Version}", next.Version, newErrors.Count, running.Version);
            LogProblems(next.Problems);
            await NotifyAsync(new AdminNotice(LogLevel.Error, rejected.Summary, newErrors.Select(p => p.ToString()).ToList()), cancellationToken);
            return rejected;
        }

        var recovered = store.LastRejectedProblems.Count > 0;
        store.Swap(next);
        var outcome = next.Version == running.Version ? KnowledgeReloadOutcome.Unchanged : KnowledgeReloadOutcome.Served;
        var served = new KnowledgeReloadResult(outcome, next.Version, next.Version, next.Comparisons.Count, next.Options.Count, next.Problems, [], next.LoadedAt);
        log.LogInformation("Knowledge {Version} in service ({Outcome}): {Comparisons} comparisons, {Options} options", next.Version, outcome, next.Comparisons.Count, next.Options.Count);
        LogProblems(next.Problems);
        if (recovered)
        {
            await NotifyAsync(new AdminNotice(LogLevel.Information, served.Summary + " The earlier problems are fixed.", []), cancellationToken);
        }

        return served;
    }

    private KnowledgeReloadResult Failed(KnowledgeBase running) =>
        new(KnowledgeReloadOutcome.Failed, running.Version, running.Version, running.Comparisons.Count, running.Options.Count, [], [], time.GetUtcNow());

    private void LogProblems(IReadOnlyList<KnowledgeProblem> problems)
    {
        foreach (var problem in problems)
        {
            log.Log(problem.IsError ? LogLevel.Error : LogLevel.Warning, "Knowledge problem {Problem}", problem.ToString());
        }
    }

    private async Task NotifyAsync(AdminNotice notice, CancellationToken cancellationToken)
    {
        try
        {
            await notifier.NotifyAsync(notice, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The reload itself is done; an unreachable Slack must not turn it into a failure.
            log.LogWarning(e, "Could not notify the admins: {Summary}", notice.Summary);
        }
    }

    private static string Key(KnowledgeProblem problem) =>
        problem.Location.Path + "\n" + PositionInMessage().Replace(problem.Message, string.Empty);

    // Some messages point at another place ("already defined at a.yaml:3:5"); those positions move with edits too.
    [GeneratedRegex(@":\d+:\d+")]
    private static partial Regex PositionInMessage();
}
