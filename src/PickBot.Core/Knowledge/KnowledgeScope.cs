namespace PickBot.Core.Knowledge;

/// <summary>
/// The workspace a question comes from, for everything that answers it: the engine reads that workspace's set when it
/// has one (<see cref="WorkspaceKnowledge"/>). Entered by the Slack adapter with the team it serves; unset, everyone
/// sees the shared knowledge.
/// </summary>
public static class KnowledgeScope
{
    private static readonly AmbientValue<string> CurrentWorkspace = new();

    public static string? Workspace => CurrentWorkspace.Current;

    /// <summary>Serves <paramref name="workspace"/> until the result is disposed; null leaves the current one as it is.</summary>
    public static AmbientValue<string>.Scope Enter(string? workspace) => CurrentWorkspace.Enter(workspace);
}
