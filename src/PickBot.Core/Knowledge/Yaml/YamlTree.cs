using YamlDotNet.RepresentationModel;

namespace PickBot.Core.Knowledge.Yaml;

/// <summary>
/// A YAML document as the loader reads it: scalars, lists and mappings, each with the 1-based line and column where it
/// starts (for "path:line:col" problems). Built by <see cref="FastYamlReader"/> for the plain subset knowledge files
/// are written in, and from YamlDotNet's representation model for everything else, so the checks run on one shape.
/// </summary>
internal abstract class YamlTreeNode(int line, int column)
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>
    /// The same document from YamlDotNet's representation model. An alias (*name) is the very node its anchor names,
    /// so the result is shared rather than copied: a file of nested aliases (a "billion laughs") stays small.
    /// </summary>
    public static YamlTreeNode From(YamlNode node) => From(node, new Dictionary<YamlNode, YamlTreeNode>(ReferenceEqualityComparer.Instance));

    private static YamlTreeNode From(YamlNode node, Dictionary<YamlNode, YamlTreeNode> seen)
    {
        if (seen.TryGetValue(node, out var done))
        {
            return done;
        }

        YamlTreeNode result = node switch
        {
            YamlScalarNode scalar => new YamlScalar(scalar.Value ?? string.Empty, (int)node.Start.Line, (int)node.Start.Column),
            YamlSequenceNode sequence => new YamlList([.. sequence.Children.Select(n => From(n, seen))], (int)node.Start.Line, (int)node.Start.Column),
            YamlMappingNode mapping => new YamlMap(
                [.. mapping.Children.Select(p => new KeyValuePair<YamlTreeNode, YamlTreeNode>(From(p.Key, seen), From(p.Value, seen)))],
                (int)node.Start.Line,
                (int)node.Start.Column),
            _ => new YamlScalar(string.Empty, (int)node.Start.Line, (int)node.Start.Column),
        };
        seen[node] = result;
        return result;
    }
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
