using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PickBot.Core.Knowledge;
using PickBot.Core.Text;

namespace PickBot.Slack.Admin;

/// <summary>
/// <c>/pick reload</c> and <c>/pick status</c>, for the admin user ids in configuration; everyone else gets a polite
/// refusal. The replies describe knowledge only (versions, counts, times, problems), never configuration or secrets.
/// </summary>
public sealed class AdminCommands(
    KnowledgeReloader reloader,
    KnowledgeStore store,
    IOptions<SlackAdminOptions> options,
    ILogger<AdminCommands> logger,
    WorkspaceKnowledge? workspaces = null)
{
    public const string Reload = "reload";
    public const string Status = "status";

    /// <summary>Slack waits 3 seconds for a slash command's answer; a longer reload is reported by <c>/pick status</c>.</summary>
    public static readonly TimeSpan ReloadAnswerWithin = TimeSpan.FromSeconds(2.5);

    /// <summary>Slack shows long messages badly; the rest of the problems are in the log and the playground.</summary>
    public const int MaxProblemsShown = 15;

    public static bool IsAdminVerb(string word) =>
        word.Equals(Reload, StringComparison.OrdinalIgnoreCase) || word.Equals(Status, StringComparison.OrdinalIgnoreCase);

    public bool IsAdmin(string userId) => options.Value.Admins().Contains(userId);

    /// <summary>Runs the verb for <paramref name="userId"/> and returns Slack mrkdwn for an ephemeral reply.</summary>
    public async Task<string> HandleAsync(string verb, string userId, string commandName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verb);
        ArgumentNullException.ThrowIfNull(userId);
        if (!IsAdmin(userId))
        {
            logger.LogInformation("Refused {Command} {Verb} for {User}: not an admin", commandName, verb, userId);
            return $"Sorry, `{commandName} {verb.ToLowerInvariant()}` is only for PickBot's admins. If you think a comparison is wrong or missing, tell one of them, or vote on the answer.";
        }

        // With knowledge per workspace, the workspace asking is answered about the set it sees.
        var workspace = KnowledgeScope.Workspace is { } id && workspaces?.StoreFor(id) is { } own ? (Id: id, Store: own) : default;
        if (verb.Equals(Reload, StringComparison.OrdinalIgnoreCase))
        {
            logger.LogInformation("{User} asked for a knowledge reload", userId);
            // Not cancelled with the request: a reload that outlives Slack's wait still finishes and goes into service.
            var reload = ReloadBothAsync(workspace.Store is null ? null : workspace.Id);
            try
            {
                var (shared, mine) = await reload.WaitAsync(ReloadAnswerWithin, cancellationToken);
                return mine is null
                    ? RenderReload(shared)
                    : $"*Shared knowledge:* {RenderReload(shared)}\n*This workspace's own folder:* {RenderReload(mine)}";
            }
            catch (TimeoutException)
            {
                return $":hourglass_flowing_sand: Reloading the knowledge takes longer than Slack lets me wait; it carries on. `{commandName} status` shows the result when it is done.";
            }
        }

        if (workspace.Store is null)
        {
            return RenderStatus(KnowledgeStatus.From(store), reloader.Last);
        }

        var count = workspaces!.OwnComparisons(workspace.Id);
        return $"This workspace (`{SlackText.Escape(workspace.Id)}`) sees the shared knowledge plus {count} {(count == 1 ? "comparison" : "comparisons")} of its own.\n"
            + RenderStatus(KnowledgeStatus.From(workspace.Store), workspaces.LastReloadOf(workspace.Id));
    }

    /// <summary>The shared set, then the asking workspace's own folder (null without one).</summary>
    private async Task<(KnowledgeReloadResult Shared, KnowledgeReloadResult? Mine)> ReloadBothAsync(string? workspaceId)
    {
        var shared = await reloader.ReloadAsync(CancellationToken.None);
        var mine = workspaceId is null ? null : await workspaces!.ReloadAsync(workspaceId, CancellationToken.None);
        return (shared, mine);
    }

    internal static string RenderReload(KnowledgeReloadResult result)
    {
        var text = new StringBuilder();
        text.Append(result.InService ? ":white_check_mark: " : ":warning: ").Append(SlackText.Escape(result.Summary));
        var shown = result.Outcome == KnowledgeReloadOutcome.Rejected ? result.NewErrors : result.Problems.Where(p => p.IsError).ToList();
        AppendProblems(text, result.Outcome == KnowledgeReloadOutcome.Rejected ? "What is wrong with the edit" : "Entries left out", shown.Select(p => p.ToString()).ToList());
        return text.ToString();
    }

    internal static string RenderStatus(KnowledgeStatus status, KnowledgeReloadResult? last)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"*Knowledge* `{status.Version}`: {status.Comparisons} comparisons, {status.Options} options, loaded {status.LoadedAt:yyyy-MM-dd HH:mm:ss} UTC.");
        if (last is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nLast reload {last.At:yyyy-MM-dd HH:mm:ss} UTC: {SlackText.Escape(last.Summary)}");
        }

        if (status.RejectedProblems.Count > 0)
        {
            AppendProblems(text, "The last edit was rejected; still serving the set above. Errors", status.RejectedProblems);
        }

        var errors = status.Problems.Where(p => !p.Contains(": warning: ", StringComparison.Ordinal)).ToList();
        AppendProblems(text, "Entries left out of the set in service", errors);
        if (status.RejectedProblems.Count == 0 && errors.Count == 0)
        {
            text.Append("\nNo errors.");
        }

        var warnings = status.Problems.Count - errors.Count;
        if (warnings > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{warnings} {(warnings == 1 ? "warning" : "warnings")} (see `pickbot validate`).");
        }

        return text.ToString();
    }

    private static void AppendProblems(StringBuilder text, string title, IReadOnlyList<string> problems)
    {
        if (problems.Count == 0)
        {
            return;
        }

        // Problems quote the files, which anyone with the repository can edit: escaped so "<!channel>" pings nobody.
        text.Append(CultureInfo.InvariantCulture, $"\n*{title} ({problems.Count}):*\n```");
        foreach (var problem in problems.Take(MaxProblemsShown))
        {
            text.Append('\n').Append(SlackText.Escape(problem.Replace("```", "'''", StringComparison.Ordinal)));
        }

        if (problems.Count > MaxProblemsShown)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n… and {problems.Count - MaxProblemsShown} more");
        }

        text.Append("\n```");
    }
}
