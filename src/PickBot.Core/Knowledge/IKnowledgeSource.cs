namespace PickBot.Core.Knowledge;

/// <summary>Where knowledge files come from: a folder on disk in production, memory in tests and benchmarks.</summary>
public interface IKnowledgeSource
{
    /// <summary>A readable description of the source, used in messages ("knowledge folder /srv/pickbot/knowledge").</summary>
    string Description { get; }

    /// <summary>Reads every knowledge file. Problems reading the source itself are returned, not thrown.</summary>
    KnowledgeSourceSnapshot Read();
}

public sealed record KnowledgeSourceSnapshot(IReadOnlyList<KnowledgeDocument> Documents, IReadOnlyList<KnowledgeProblem> Problems);
