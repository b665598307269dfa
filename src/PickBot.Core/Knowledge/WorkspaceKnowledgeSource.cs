namespace PickBot.Core.Knowledge;

/// <summary>The shared knowledge with one workspace's folder on top (its files marked <see cref="KnowledgeDocument.Overlay"/>).</summary>
public sealed class WorkspaceKnowledgeSource(IKnowledgeSource shared, string workspace, string folder) : IKnowledgeSource
{
    private readonly DirectoryKnowledgeSource _own = new(folder);

    public string Workspace { get; } = workspace;

    public string Folder => _own.FullPath;

    public string Description => $"{shared.Description} with workspace {Workspace}'s folder {Folder}";

    public KnowledgeSourceSnapshot Read()
    {
        var common = shared.Read();
        var own = _own.Read();
        return new KnowledgeSourceSnapshot(
            [.. common.Documents, .. own.Documents.Select(d => d with { Overlay = true })],
            [.. common.Problems, .. own.Problems]);
    }
}
