using System.Globalization;
using PickBot.Core.Knowledge;
using PickBot.Core.Knowledge.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PickBot.Core.Evaluation;

/// <summary>
/// Reads evaluation files: <c>threshold:</c> (percent, optional) and <c>cases:</c>, each with <c>question</c>,
/// <c>entry</c> (a comparison id, or <c>none</c> for a question that must not match), <c>pick</c>, and optionally
/// <c>rule: none</c> (the default must decide). A tier file adds <c>tier:</c> and <c>half:</c> (calibration or
/// held-out); a file with <c>floors:</c> (tier, then half, then percent) records the floors CI holds the tiers to.
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
        var floors = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(document.Text));
            }
            catch (YamlException e)
            {
                problems.Add(new KnowledgeProblem(new SourceLocation(document.Path, (int)e.Start.Line, (int)e.Start.Column), $"YAML syntax: {e.Message}"));
                continue;
            }

            var yaml = new YamlNodeReader(document.Path, problems);
            foreach (var root in stream.Documents.Select(d => YamlTreeNode.From(d.RootNode)).OfType<YamlMap>())
            {
                yaml.CheckKeys(root, "evaluation file", "threshold", "cases", "tier", "half", "floors");
                var tier = yaml.OptionalString(root, "tier", "evaluation file");
                var half = yaml.OptionalString(root, "half", "evaluation file");
                if (tier is not null && half is not "calibration" and not "held-out")
                {
                    yaml.Error(root, $"a tier file needs 'half: calibration' or 'half: held-out', not '{half}'");
                }

                ReadFloors(yaml, root, floors);
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
                    yaml.CheckKeys(node, "case", "question", "entry", "pick", "rule");
                    var rule = yaml.OptionalString(node, "rule", "case");
                    if (rule is not null and not NoEntry)
                    {
                        yaml.Error(node, $"case: 'rule' can only be '{NoEntry}' (the default must decide), not '{rule}'");
                    }

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

                    cases.Add(new EvalCase(question, noEntry ? null : entry, noEntry ? null : pick, yaml.At(node), tier, tier is null ? null : half, rule == NoEntry));
                }
            }
        }

        return new EvalSet(cases, threshold, problems) { Floors = floors };
    }

    private static void ReadFloors(YamlNodeReader yaml, YamlMap root, Dictionary<string, double> floors)
    {
        if (YamlNodeReader.Child(root, "floors") is not YamlMap tiers)
        {
            return;
        }

        foreach (var (tierKey, halves) in tiers.Entries)
        {
            var tier = (tierKey as YamlScalar)?.Value;
            if (halves is not YamlMap byHalf)
            {
                yaml.Error(halves, $"floors: '{tier}' needs 'calibration:' and 'held-out:' percentages");
                continue;
            }

            foreach (var (halfKey, value) in byHalf.Entries)
            {
                var half = (halfKey as YamlScalar)?.Value;
                if (value is YamlScalar { Value: var text }
                    && double.TryParse(text.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and <= 100)
                {
                    floors[$"{tier}/{half}"] = percent;
                }
                else
                {
                    yaml.Error(value, $"floors: {tier}/{half} must be a percentage from 0 to 100");
                }
            }
        }
    }
}
