namespace PickBot.Core.Knowledge.Yaml;

/// <summary>
/// A YAML document as the loader reads it: scalars, lists and mappings, each with the 1-based line and column where it
/// starts (for "path:line:col" problems). Built by <see cref="YamlEventReader"/> from YamlDotNet's parser events, so
/// the checks run on one small shape.
/// </summary>
internal abstract class YamlTreeNode(int line, int column)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}

internal sealed class YamlScalar(string value, int line, int column) : YamlTreeNode(line, column)
{
    public string Value { get; } = value;
}

internal sealed class YamlList(YamlTreeNode[] items, int line, int column) : YamlTreeNode(line, column)
{
    // Spans, so walking a library's hundreds of thousands of nodes allocates no enumerators.
    public ReadOnlySpan<YamlTreeNode> Items => items;
}

internal sealed class YamlMap(KeyValuePair<YamlTreeNode, YamlTreeNode>[] entries, int line, int column) : YamlTreeNode(line, column)
{
    public ReadOnlySpan<KeyValuePair<YamlTreeNode, YamlTreeNode>> Entries => entries;

    /// <summary>The value under a plain key; mappings in knowledge files have a handful of keys, so a scan is fastest.</summary>
    public YamlTreeNode? this[string key]
    {
        get
        {
            foreach (var (k, value) in Entries)
            {
                if (k is YamlScalar scalar && scalar.Value == key)
                {
                    return value;
                }
            }

            return null;
        }
    }
}
