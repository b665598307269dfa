using PickBot.Core.Text;

namespace PickBot.Core.Knowledge;

/// <summary>A technology or approach, written once in the catalogue and referred to by id from comparisons.</summary>
/// <remarks>Compact like <see cref="Comparison"/>: exact-size lists, the summary as UTF-8, tags shared.</remarks>
public sealed record KnowledgeOption(
    string Id,
    string Name,
    IReadOnlyList<string> Aliases,
    string Summary,
    IReadOnlyList<string> Tags,
    SourceLocation Location)
{
    private readonly IReadOnlyList<string> _aliases = ExactList.From(Aliases);
    private readonly Utf8Text _summary = new(Summary);
    private IReadOnlyList<string> _tags = ExactList.From(Tags);

    public IReadOnlyList<string> Aliases { get => _aliases; init => _aliases = ExactList.From(value); }

    public string Summary { get => _summary.ToString(); init => _summary = new(value); }

    public IReadOnlyList<string> Tags { get => _tags; init => _tags = ExactList.From(value); }

    /// <summary>The name, the id and every alias: all the ways a person may write this option.</summary>
    public IEnumerable<string> AllNames()
    {
        yield return Name;
        yield return Id;
        foreach (var alias in Aliases)
        {
            yield return alias;
        }
    }

    internal void Share(StringPool strings) => _tags = ExactList.Share(_tags, strings);
}
