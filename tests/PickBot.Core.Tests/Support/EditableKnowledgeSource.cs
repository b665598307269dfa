using PickBot.Core.Knowledge;

namespace PickBot.Core.Tests.Support;

/// <summary>A knowledge source whose files a test edits between reloads, as an admin edits the folder.</summary>
internal sealed class EditableKnowledgeSource : IKnowledgeSource
{
    private readonly SortedDictionary<string, string> _files = new(StringComparer.Ordinal);

    public Exception? Failure { get; set; }

    public string Description => "editable test knowledge";

    public EditableKnowledgeSource Set(string path, string text)
    {
        _files[path] = text;
        return this;
    }

    public EditableKnowledgeSource Remove(string path)
    {
        _files.Remove(path);
        return this;
    }

    public KnowledgeSourceSnapshot Read() => Failure is { } failure
        ? throw failure
        : new KnowledgeSourceSnapshot(_files.Select(f => new KnowledgeDocument(f.Key, f.Value)).ToList(), []);
}
