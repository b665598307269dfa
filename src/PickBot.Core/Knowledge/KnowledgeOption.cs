namespace PickBot.Core.Knowledge;

/// <summary>A technology or approach, written once in the catalogue and referred to by id from comparisons.</summary>
public sealed record KnowledgeOption(
    string Id,
    string Name,
    IReadOnlyList<string> Aliases,
    string Summary,
    IReadOnlyList<string> Tags,
    SourceLocation Location)
{
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
}
