using PickBot.Core.Knowledge;

namespace PickBot.Slack.Installations;

/// <summary>
/// The team whose request or event is being handled, for everything called while handling it. The handlers enter it at
/// their entry point (a slash command, an interaction, a queued work item); the Web API client reads it to choose the
/// token, so a handler never passes a token around and a new Web API method cannot pick the wrong one.
/// </summary>
/// <remarks>
/// Ambient (an <see cref="AsyncLocal{T}"/>) because the team has to reach every call below a handler, including ones
/// added later, and work queued inside a scope takes the scope's team along (<see cref="Events.SlackWork.Team"/>).
/// </remarks>
public static class SlackTeamScope
{
    private static readonly AmbientValue<SlackTeam> CurrentTeam = new();

    /// <summary>The team being served, or null outside any request (start-up, admin notices, single-workspace mode).</summary>
    public static SlackTeam? Current => CurrentTeam.Current;

    /// <summary>
    /// Serves <paramref name="team"/> (its token, and its workspace's knowledge in <see cref="KnowledgeScope"/>) until
    /// the result is disposed; null leaves the current team as it is.
    /// </summary>
    public static Scope Enter(SlackTeam? team) => new(CurrentTeam.Enter(team), KnowledgeScope.Enter(team?.TeamId ?? team?.EnterpriseId));

    public readonly struct Scope(AmbientValue<SlackTeam>.Scope team, AmbientValue<string>.Scope knowledge) : IDisposable
    {
        public void Dispose()
        {
            knowledge.Dispose();
            team.Dispose();
        }
    }
}
