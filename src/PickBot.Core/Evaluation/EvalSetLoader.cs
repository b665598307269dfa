using System.Globalization;
using PickBot.Core.Knowledge;
using PickBot.Core.Knowledge.Yaml;
using YamlDotNet.Core;

namespace PickBot.Core.Evaluation;

/// <summary>
/// Reads evaluation files: <c>threshold:</c> (percent, optional) and <c>cases:</c>, each with <c>question</c>,
/// <c>entry</c> (a comparison id, or <c>none</c> for a question that must not match) and <c>pick</c>.
/// </summary>
public static class EvalSetLoader
{
    public const string NoEntry = "none";

    public static EvalSet LoadPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path))
        {
            return Load([new KnowledgeDocument(path, File.ReadAllText(path))]);
        }

        if (!Directory.Exists(path))
        {
            return new EvalSet([], null, [new KnowledgeProblem(new SourceLocation(path, 1, 1), $"evaluation file or folder not found: {Path.GetFullPath(path)}")]);
        }

        var documents = Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => new KnowledgeDocument(f, File.ReadAllText(f)))
            .ToList();
        return documents.Count == 0
            ? new EvalSet([], null, [new KnowledgeProblem(new SourceLocation(path, 1, 1), "evaluation folder has no .yaml files")])
            : Load(documents);
    }

    public static EvalSet Load(IReadOnlyList<KnowledgeDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var cases = new List<EvalCase>();
        var problems = new List<KnowledgeProblem>();
        double? threshold = null;
        foreach (var document in documents)
        {
            List<YamlTreeNode> roots;
            try
            {
                roots = YamlEventReader.Read(new Parser(new StringReader(document.Text)));
            }
            catch (YamlException e)
            {
                problems.Add(new KnowledgeProblem(new SourceLocation(document.Path, (int)e.Start.Line, (int)e.Start.Column), $"YAML syntax: {e.Message}"));
                continue;
            }

            var yaml = new YamlNodeReader(document.Path, problems);
            foreach (var root in roots.OfType<YamlMap>())
            {
                yaml.CheckKeys(root, "evaluation file", "threshold", "cases");
                if (yaml.OptionalString(root, "threshold", "evaluation file") is { } text)
                {
                    if (double.TryParse(text.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 100)
                    {
                        threshold = Math.Min(threshold ?? 100, value);
                    }
                    else
                    {
                        yaml.Error(YamlNodeReader.Child(root, "threshold")!, $"threshold must be a percentage from 0 to 100, not '{text}'");
                    }
                }

                foreach (var node in yaml.MappingList(root, "cases", "evaluation file"))
                {
                    yaml.CheckKeys(node, "case", "question", "entry", "pick");
                    var question = yaml.OptionalString(node, "question", "case");
                    var entry = yaml.RequiredString(node, "entry", "case");
                    var pick = yaml.OptionalString(node, "pick", "case");
                    if (question is null)
                    {
                        yaml.Error(node, "case: missing required field 'question'");
                        continue;
                    }

                    if (entry is null)
                    {
                        continue;
                    }

                    var noEntry = entry == NoEntry;
                    if (!noEntry && string.IsNullOrEmpty(pick))
                    {
                        yaml.Error(node, $"case: 'pick' is required when 'entry' is '{entry}'");
                        continue;
                    }

                    cases.Add(new EvalCase(question, noEntry ? null : entry, noEntry ? null : pick, yaml.At(node)));
                }
            }
        }

        return new EvalSet(cases, threshold, problems);
    }
}
