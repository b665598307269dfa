using System.Globalization;
using PickBot.Core.Knowledge.Yaml;

namespace PickBot.Core.Knowledge;

/// <summary>
/// Reads values out of YAML nodes and reports every problem with the position of the node it is about, so that
/// an admin's editor can jump straight to it. Nothing here throws on bad content.
/// </summary>
internal sealed class YamlNodeReader(string path, List<KnowledgeProblem> problems)
{
    public string Path { get; } = path;

    /// <summary>How many errors this reader has reported so far: a parse step compares before and after.</summary>
    /// <remarks>Counted as they are added: counting the shared list each time made loading quadratic.</remarks>
    public int ErrorCount { get; private set; }

    public SourceLocation At(YamlTreeNode node) => new(Path, node.Line, node.Column);

    public void Error(YamlTreeNode node, string message)
    {
        problems.Add(new KnowledgeProblem(At(node), message));
        ErrorCount++;
    }

    public void Warning(YamlTreeNode node, string message) =>
        problems.Add(new KnowledgeProblem(At(node), message, ProblemSeverity.Warning));

    /// <summary>Reports keys that are not in <paramref name="known"/>, with the nearest known key as a hint.</summary>
    public void CheckKeys(YamlMap map, string what, params string[] known)
    {
        foreach (var (key, _) in map.Entries)
        {
            if (key is not YamlScalar { Value: var name })
            {
                Error(key, $"{what}: keys must be plain words");
                continue;
            }

            if (Array.IndexOf(known, name) < 0)
            {
                var hint = known.MinBy(k => Matching.EditDistance.Compute(k, name));
                Error(key, $"{what}: unknown key '{name}'" + (hint is null ? string.Empty : $" (did you mean '{hint}'?)"));
            }
        }
    }

    public static YamlTreeNode? Child(YamlMap map, string key) => map[key];

    public string? RequiredString(YamlMap map, string key, string what)
    {
        var node = Child(map, key);
        if (node is null)
        {
            Error(map, $"{what}: missing required field '{key}'");
            return null;
        }

        var value = Scalar(node, $"{what}: '{key}'");
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            Error(node, $"{what}: '{key}' must not be empty");
            return null;
        }

        return value?.Trim();
    }

    public string? OptionalString(YamlMap map, string key, string what)
    {
        var node = Child(map, key);
        return node is null ? null : Scalar(node, $"{what}: '{key}'")?.Trim();
    }

    public string? Scalar(YamlTreeNode node, string what)
    {
        if (node is YamlScalar scalar)
        {
            return scalar.Value;
        }

        Error(node, $"{what} must be a single value, not a {Describe(node)}");
        return null;
    }

    /// <summary>A list of strings; a single string is accepted as a list of one, since that is what people write.</summary>
    public List<string> StringList(YamlMap map, string key, string what, bool required = false)
    {
        var node = Child(map, key);
        var result = new List<string>();
        if (node is null)
        {
            if (required)
            {
                Error(map, $"{what}: missing required field '{key}'");
            }

            return result;
        }

        if (node is YamlScalar single)
        {
            if (!string.IsNullOrWhiteSpace(single.Value))
            {
                result.Add(single.Value.Trim());
            }
        }
        else if (node is YamlList sequence)
        {
            foreach (var item in sequence.Items)
            {
                var value = Scalar(item, $"{what}: each item of '{key}'");
                if (string.IsNullOrWhiteSpace(value))
                {
                    if (value is not null)
                    {
                        Error(item, $"{what}: '{key}' has an empty item");
                    }

                    continue;
                }

                result.Add(value.Trim());
            }
        }
        else
        {
            Error(node, $"{what}: '{key}' must be a list");
        }

        if (required && result.Count == 0 && node is not null)
        {
            Error(node, $"{what}: '{key}' must not be empty");
        }

        return result;
    }

    public IEnumerable<YamlMap> MappingList(YamlMap map, string key, string what)
    {
        var node = Child(map, key);
        if (node is null)
        {
            yield break;
        }

        if (node is not YamlList sequence)
        {
            Error(node, $"{what}: '{key}' must be a list");
            yield break;
        }

        for (var i = 0; i < sequence.Items.Length; i++)
        {
            var item = sequence.Items[i];
            if (item is YamlMap mapping)
            {
                yield return mapping;
            }
            else
            {
                Error(item, $"{what}: each item of '{key}' must be a mapping of fields, not a {Describe(item)}");
            }
        }
    }

    public DateOnly? Date(YamlMap map, string key, string what)
    {
        var node = Child(map, key);
        if (node is null)
        {
            Error(map, $"{what}: missing required field '{key}' (a date such as 2026-11-25)");
            return null;
        }

        var text = Scalar(node, $"{what}: '{key}'");
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Error(node, $"{what}: '{key}' must be a date written as YYYY-MM-DD, not '{text}'");
        return null;
    }

    public static string Describe(YamlTreeNode node) => node switch
    {
        YamlMap => "mapping",
        YamlList => "list",
        _ => "value",
    };
}
