namespace PickBot.Core.Knowledge;

public sealed class InMemoryKnowledgeSource(IEnumerable<KnowledgeDocument> documents) : IKnowledgeSource
{
    private readonly KnowledgeDocument[] _documents = documents.ToArray();

    public InMemoryKnowledgeSource(params (string Path, string Text)[] files)
        : this(files.Select(f => new KnowledgeDocument(f.Path, f.Text)))
    {
    }

    public string Description => "in-memory knowledge";

    public KnowledgeSourceSnapshot Read() => new(_documents, []);
}
