using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PickBot.Core.Knowledge.Yaml;
using PickBot.Core.Text;
using PickBot.Core.Verdicts;
using YamlDotNet.Core;

namespace PickBot.Core.Knowledge;

/// <summary>
/// Reads knowledge files into a <see cref="KnowledgeBase"/> and checks them, file by file and across files. A broken
/// file or entry is reported with its position and left out; everything that is sound is still served.
/// </summary>
public sealed partial class KnowledgeLoader(TimeProvider time, int reviewMaxAgeDays = 365)
{
    /// <summary>Deeper YAML is refused: knowledge files nest a handful of levels, and YamlDotNet recurses per level.</summary>
    public const int MaxNestingDepth = 64;

    public KnowledgeLoader()
        : this(TimeProvider.System)
    {
    }

    public KnowledgeBase Load(IKnowledgeSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var snapshot = source.Read();
        return Load(snapshot.Documents, snapshot.Problems);
    }

    public KnowledgeBase Load(IReadOnlyList<KnowledgeDocument> documents, IReadOnlyList<KnowledgeProblem>? sourceProblems = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var problems = new List<KnowledgeProblem>(sourceProblems ?? []);
        var options = new List<ParsedOption>();
        var comparisons = new List<ParsedComparison>();
        var parsedDocuments = ParseAll(documents);
        var (overlaidOptions, overlaidComparisons) = OverlaidIds(documents, parsedDocuments);
        for (var i = 0; i < parsedDocuments.Length; i++)
        {
            var parsed = parsedDocuments[i];
            problems.AddRange(parsed.Problems);
            if (documents[i].Overlay || (overlaidOptions.Count == 0 && overlaidComparisons.Count == 0))
            {
                options.AddRange(parsed.Options);
                comparisons.AddRange(parsed.Comparisons);
                continue;
            }

            // A shared entry that the workspace redefines is left out, so the workspace's stands alone under its id.
            options.AddRange(parsed.Options.Where(o => !overlaidOptions.Contains(o.Option.Id)));
            comparisons.AddRange(parsed.Comparisons.Where(c => !overlaidComparisons.Contains(c.Comparison.Id)));
        }

        var servedOptions = CheckOptions(options, problems);
        var servedComparisons = CheckComparisons(comparisons, servedOptions, problems);
        var orderedProblems = problems
            .OrderBy(p => p.Location.Path, StringComparer.Ordinal)
            .ThenBy(p => p.Location.Line)
            .ThenBy(p => p.Location.Column)
            .ToList();
        return new KnowledgeBase(
            servedOptions.Values.Select(o => o.Option).ToList(),
            servedComparisons,
            orderedProblems,
            VersionOf(documents),
            time.GetUtcNow());
    }

    private static (HashSet<string> Options, HashSet<string> Comparisons) OverlaidIds(IReadOnlyList<KnowledgeDocument> documents, ParsedDocument[] parsed)
    {
        var options = new HashSet<string>(StringComparer.Ordinal);
        var comparisons = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < parsed.Length; i++)
        {
            if (documents[i].Overlay)
            {
                options.UnionWith(parsed[i].Options.Where(o => o.Valid).Select(o => o.Option.Id));
                comparisons.UnionWith(parsed[i].Comparisons.Where(c => c.Valid).Select(c => c.Comparison.Id));
            }
        }

        return (options, comparisons);
    }

    /// <summary>
    /// Parses every file, one after another, in file order.
    /// <para>
    /// Not a parallel loop: YamlDotNet's parser does not scale across threads here (its scanner shares a pool of
    /// string builders, and two allocating threads on these machines slow each other down). On 10,000 generated files
    /// its events alone took 0.62 s of wall and 1.15 s of CPU on two threads against 0.63 s and 0.63 s on one. In the
    /// loader (<c>--load 10000 3</c>, medians) the parallel loop took 3.0-3.3 s from disk and 4.7-5.2 s of CPU, one
    /// thread 2.5-2.7 s and 2.7-2.8 s, and a two-stage pipeline (YAML on one thread, entries on the other) 2.9 s.
    /// </para>
    /// </summary>
    private static ParsedDocument[] ParseAll(IReadOnlyList<KnowledgeDocument> documents)
    {
        var results = new ParsedDocument[documents.Count];
        for (var i = 0; i < documents.Count; i++)
        {
            results[i] = new ParsedDocument([], [], []);
            ParseDocument(documents[i], results[i].Problems, results[i].Options, results[i].Comparisons);
        }

        return results;
    }

    private static void ParseDocument(KnowledgeDocument document, List<KnowledgeProblem> problems, List<ParsedOption> options, List<ParsedComparison> comparisons)
    {
        if (NotText(document) is { } notText)
        {
            problems.Add(notText);
            return;
        }

        var roots = ReadWithYamlDotNet(document, problems);
        if (roots is null)
        {
            return;
        }

        var yaml = new YamlNodeReader(document.Path, problems);
        if (roots.Count == 0 || roots.All(r => r is YamlScalar { Value: "" }))
        {
            problems.Add(new KnowledgeProblem(new SourceLocation(document.Path, 1, 1), "file is empty, so nothing is loaded from it (a warning: it breaks nothing); expected 'options:' and/or 'comparisons:'", ProblemSeverity.Warning));
            return;
        }

        foreach (var node in roots)
        {
            if (node is not YamlMap map)
            {
                yaml.Error(node, $"a knowledge file is a mapping with 'options:' and/or 'comparisons:', not a {YamlNodeReader.Describe(node)}");
                continue;
            }

            yaml.CheckKeys(map, "file", "options", "comparisons");
            foreach (var item in yaml.MappingList(map, "options", "file"))
            {
                options.Add(ParseOption(yaml, item));
            }

            foreach (var item in yaml.MappingList(map, "comparisons", "file"))
            {
                comparisons.Add(ParseComparison(yaml, item));
            }
        }
    }

    /// <summary>
    /// Every file is read by YamlDotNet's parser (guarded against deep nesting), which also gives the positions and
    /// wording of syntax problems. Null when the file cannot be read.
    /// </summary>
    private static List<YamlTreeNode>? ReadWithYamlDotNet(KnowledgeDocument document, List<KnowledgeProblem> problems)
    {
        using var reader = new StringReader(document.Text);
        var parser = new GuardedYamlParser(new Parser(reader), MaxNestingDepth);
        List<YamlTreeNode> roots;
        try
        {
            roots = YamlEventReader.Read(parser);
        }
        catch (YamlException e)
        {
            problems.Add(new KnowledgeProblem(Position(document, e), $"YAML syntax: {Describe(e)}"));
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner fails this way on some malformed input (an unclosed '[' before a less indented line).
            var at = parser.LastPosition;
            problems.Add(new KnowledgeProblem(
                new SourceLocation(document.Path, Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column)),
                "YAML syntax: the file cannot be read from here on; look for an unclosed '[', '{' or quote"));
            return null;
        }

        return roots;
    }

    /// <summary>
    /// A file that is not UTF-8 text (an image saved as .yaml, a Latin-1 file) decodes with NUL or replacement
    /// characters; the YAML parser would report it as a syntax error somewhere in the middle.
    /// </summary>
    private static KnowledgeProblem? NotText(KnowledgeDocument document)
    {
        var text = document.Text.AsSpan();
        var at = text.IndexOfAny('\0', '\uFFFD');
        if (at < 0)
        {
            return null;
        }

        var line = text[..at].Count('\n') + 1;
        var column = at - (text[..at].LastIndexOf('\n') + 1) + 1;
        var what = text[at] == '\0' ? "not a text file (found a NUL byte)" : "not UTF-8 text (found bytes that are not UTF-8)";
        return new KnowledgeProblem(
            new SourceLocation(document.Path, line, column),
            $"{what}: knowledge files are UTF-8 text; save it as UTF-8, or move it out of the knowledge folder");
    }

    /// <summary>
    /// Where the parser stopped, except for a tab: the scanner reports it at the end of the scalar before it (a line
    /// early), so the tab itself is found after that point.
    /// </summary>
    private static SourceLocation Position(KnowledgeDocument document, YamlException e)
    {
        var line = Math.Max(1, (int)e.Start.Line);
        var column = Math.Max(1, (int)e.Start.Column);
        var from = (int)Math.Clamp(e.Start.Index, 0, document.Text.Length);
        if ((e.InnerException?.Message ?? e.Message).Contains("tab character", StringComparison.Ordinal)
            && document.Text.IndexOf('\t', from) is var tab and >= 0)
        {
            var before = document.Text.AsSpan(0, tab);
            line = before.Count('\n') + 1;
            column = tab - (before.LastIndexOf('\n') + 1) + 1;
        }

        return new SourceLocation(document.Path, line, column);
    }

    /// <summary>A syntax error in an admin's words where the parser's are cryptic, with the parser's detail after it.</summary>
    private static string Describe(YamlException e)
    {
        // YamlDotNet prefixes its message with the position, which the problem line already carries.
        var message = e.InnerException?.Message ?? e.Message;
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        var detail = (message.StartsWith("(Line", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message).TrimEnd('.');
        foreach (var (parser, words) in SyntaxWording)
        {
            if (detail.Contains(parser, StringComparison.OrdinalIgnoreCase))
            {
                return $"{words} (parser: {detail})";
            }
        }

        return detail;
    }

    // The parser's message, and what it usually means in a knowledge file.
    private static readonly (string Parser, string Words)[] SyntaxWording =
    [
        ("found a tab character", "a tab is used for indentation; YAML indents with spaces only"),
        ("found invalid mapping", "a value contains ': ', which YAML reads as the start of another key; put the value in quotes"),
        ("mapping values are not allowed in this context", "a value contains ': ', which YAML reads as the start of another key; put the value in quotes"),
        ("did not find expected ',' or ']'", "a '[' list is not closed with ']', or its items are not separated by commas"),
        ("did not find expected ',' or '}'", "a '{' mapping is not closed with '}', or its entries are not separated by commas"),
        ("did not find expected '-' indicator", "a list item is indented differently from the items above it, or has no '- '"),
        ("did not find expected key", "this line is indented differently from the keys around it, or is not a 'key: value' pair"),
        ("did not find expected <document end>", "this line does not fit the structure above it; check its indentation"),
        ("found unexpected end of stream", "a quote or bracket opened here is never closed"),
        ("duplicate key", "the same key appears twice in one mapping"),
    ];

    private static ParsedOption ParseOption(YamlNodeReader yaml, YamlMap node)
    {
        var errorsBefore = yaml.ErrorCount;
        yaml.CheckKeys(node, "option", "id", "name", "aliases", "summary", "tags");
        var id = yaml.RequiredString(node, "id", "option");
        var what = $"option '{id ?? "?"}'";
        var name = yaml.RequiredString(node, "name", what);
        var aliases = yaml.StringList(node, "aliases", what);
        var summary = yaml.RequiredString(node, "summary", what);
        var tags = yaml.StringList(node, "tags", what);
        var aliasLocations = new List<SourceLocation>();
        if (YamlNodeReader.Child(node, "aliases") is YamlList aliasNodes)
        {
            foreach (var alias in aliasNodes.Items)
            {
                if (alias is YamlScalar { Value.Length: > 0 })
                {
                    aliasLocations.Add(yaml.At(alias));
                }
            }
        }
        else if (YamlNodeReader.Child(node, "aliases") is { } single)
        {
            aliasLocations.Add(yaml.At(single));
        }

        if (id is not null && !IdPattern().IsMatch(id))
        {
            yaml.Error(YamlNodeReader.Child(node, "id")!, $"option id '{id}' must be lower-case words joined by hyphens, such as 'multi-task-learning'");
        }

        var option = new KnowledgeOption(id ?? string.Empty, name ?? string.Empty, aliases, summary ?? string.Empty, tags, yaml.At(node));
        return new ParsedOption(option, aliasLocations, yaml.ErrorCount == errorsBefore);
    }

    private static ParsedComparison ParseComparison(YamlNodeReader yaml, YamlMap node)
    {
        var errorsBefore = yaml.ErrorCount;
        yaml.CheckKeys(node, "comparison", "id", "title", "area", "tags", "owner", "reviewed", "options", "verdict", "rules", "sources");
        var id = yaml.RequiredString(node, "id", "comparison");
        var what = $"comparison '{id ?? "?"}'";
        if (id is not null && !IdPattern().IsMatch(id))
        {
            yaml.Error(YamlNodeReader.Child(node, "id")!, $"comparison id '{id}' must be lower-case words joined by hyphens, such as 'kafka-vs-rabbitmq'");
        }

        var title = yaml.RequiredString(node, "title", what);
        var area = yaml.RequiredString(node, "area", what);
        if (area is not null && !KnowledgeAreas.All.Contains(area))
        {
            yaml.Error(YamlNodeReader.Child(node, "area")!, $"{what}: area '{area}' is not one of {string.Join(", ", KnowledgeAreas.All)}");
        }

        var tags = yaml.StringList(node, "tags", what);
        var owner = yaml.RequiredString(node, "owner", what);
        var reviewed = yaml.Date(node, "reviewed", what);
        var reviewedAt = YamlNodeReader.Child(node, "reviewed") is { } reviewedNode ? yaml.At(reviewedNode) : yaml.At(node);

        var sides = new List<ComparisonSide>();
        var sideNodes = YamlNodeReader.Child(node, "options");
        if (sideNodes is null)
        {
            yaml.Error(node, $"{what}: missing required field 'options' (the options it compares)");
        }

        foreach (var side in yaml.MappingList(node, "options", what))
        {
            yaml.CheckKeys(side, $"{what} option", "option", "use-when", "pros", "cons", "examples");
            var optionId = yaml.RequiredString(side, "option", $"{what} option");
            var sideWhat = $"{what} option '{optionId ?? "?"}'";
            var useWhen = yaml.RequiredString(side, "use-when", sideWhat);
            var pros = yaml.StringList(side, "pros", sideWhat, required: true);
            var cons = yaml.StringList(side, "cons", sideWhat, required: true);
            var examples = yaml.StringList(side, "examples", sideWhat);
            sides.Add(new ComparisonSide(optionId ?? string.Empty, useWhen ?? string.Empty, pros, cons, examples, yaml.At(side)));
        }

        if (sideNodes is not null && sides.Count < 2)
        {
            yaml.Error(sideNodes, $"{what}: a comparison needs at least two options, found {sides.Count}");
        }

        string? defaultPick = null;
        string? defaultBecause = null;
        SourceLocation? defaultAt = null;
        if (YamlNodeReader.Child(node, "verdict") is { } verdictNode)
        {
            if (verdictNode is YamlMap verdict)
            {
                yaml.CheckKeys(verdict, $"{what} verdict", "default", "because");
                defaultPick = yaml.RequiredString(verdict, "default", $"{what} verdict");
                defaultAt = YamlNodeReader.Child(verdict, "default") is { } defaultNode ? yaml.At(defaultNode) : null;
                defaultBecause = yaml.RequiredString(verdict, "because", $"{what} verdict");
            }
            else
            {
                yaml.Error(verdictNode, $"{what}: 'verdict' must be a mapping with 'default' and 'because'");
            }
        }
        else
        {
            yaml.Error(node, $"{what}: missing required field 'verdict' (the default pick and why)");
        }

        var rules = new List<VerdictRule>();
        var signalLocations = new List<(int Rule, string Signal, SourceLocation Location)>(48);
        if (YamlNodeReader.Child(node, "rules") is null)
        {
            yaml.Error(node, $"{what}: missing required field 'rules' (when the context changes the pick)");
        }

        foreach (var ruleNode in yaml.MappingList(node, "rules", what))
        {
            yaml.CheckKeys(ruleNode, $"{what} rule", "id", "pick", "when", "because");
            var ruleId = yaml.OptionalString(ruleNode, "id", $"{what} rule");
            var pick = yaml.RequiredString(ruleNode, "pick", $"{what} rule");
            var ruleWhat = $"{what} rule {rules.Count + 1}";
            var when = yaml.StringList(ruleNode, "when", ruleWhat, required: true);
            var because = yaml.RequiredString(ruleNode, "because", ruleWhat);
            if (YamlNodeReader.Child(ruleNode, "when") is YamlList signalNodes)
            {
                foreach (var item in signalNodes.Items)
                {
                    if (item is not YamlScalar signalNode || string.IsNullOrWhiteSpace(signalNode.Value))
                    {
                        continue;
                    }

                    var signal = signalNode.Value.Trim();
                    if (!SignalPattern.IsValid(signal, out var error))
                    {
                        yaml.Error(signalNode, $"{ruleWhat}: signal '{signal}': {error}");
                    }

                    signalLocations.Add((rules.Count, signal, yaml.At(signalNode)));
                }
            }

            rules.Add(new VerdictRule(
                string.IsNullOrWhiteSpace(ruleId) ? $"rule-{rules.Count + 1}" : ruleId,
                pick ?? string.Empty,
                when,
                because ?? string.Empty,
                yaml.At(ruleNode)));
        }

        if (YamlNodeReader.Child(node, "rules") is YamlList { Items.Length: 0 } emptyRules)
        {
            yaml.Error(emptyRules, $"{what}: 'rules' is empty; write at least one rule for each option");
        }

        var sources = new List<Source>();
        if (YamlNodeReader.Child(node, "sources") is null)
        {
            yaml.Error(node, $"{what}: missing required field 'sources' (links a reader can check)");
        }

        foreach (var sourceNode in yaml.MappingList(node, "sources", what))
        {
            yaml.CheckKeys(sourceNode, $"{what} source", "title", "url");
            var sourceTitle = yaml.RequiredString(sourceNode, "title", $"{what} source");
            var url = yaml.RequiredString(sourceNode, "url", $"{what} source");
            if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                yaml.Error(YamlNodeReader.Child(sourceNode, "url")!, $"{what}: source url '{url}' must be an absolute http(s) link");
            }

            sources.Add(new Source(sourceTitle ?? string.Empty, url ?? string.Empty));
        }

        if (YamlNodeReader.Child(node, "sources") is YamlList { Items.Length: 0 } emptySources)
        {
            yaml.Error(emptySources, $"{what}: 'sources' is empty; give at least one link");
        }

        var comparison = new Comparison(
            id ?? string.Empty,
            title ?? string.Empty,
            area ?? string.Empty,
            tags,
            sides,
            defaultPick ?? string.Empty,
            defaultBecause ?? string.Empty,
            rules,
            sources,
            owner ?? string.Empty,
            reviewed,
            yaml.At(node));
        return new ParsedComparison(comparison, yaml, signalLocations, defaultAt ?? comparison.Location, reviewedAt, yaml.ErrorCount == errorsBefore);
    }

    private static Dictionary<string, ParsedOption> CheckOptions(List<ParsedOption> options, List<KnowledgeProblem> problems)
    {
        var served = new Dictionary<string, ParsedOption>(StringComparer.Ordinal);
        var aliasOwners = new Dictionary<string, (string OptionId, string Written)>(options.Count * 8, StringComparer.Ordinal);
        foreach (var parsed in options)
        {
            var option = parsed.Option;
            if (!parsed.Valid)
            {
                continue;
            }

            if (served.TryGetValue(option.Id, out var first))
            {
                problems.Add(new KnowledgeProblem(option.Location, $"option id '{option.Id}' is already defined at {first.Option.Location}"));
                continue;
            }

            served[option.Id] = parsed;
            var names = new List<(string Written, SourceLocation Location)> { (option.Name, option.Location), (option.Id, option.Location) };
            names.AddRange(option.Aliases.Select((a, i) => (a, i < parsed.AliasLocations.Count ? parsed.AliasLocations[i] : option.Location)));
            foreach (var (written, location) in names)
            {
                var key = Tokenizer.Compact(written);
                if (key.Length == 0)
                {
                    problems.Add(new KnowledgeProblem(location, $"option '{option.Id}': alias '{written}' has no letters or digits"));
                    continue;
                }

                if (aliasOwners.TryGetValue(key, out var owner) && owner.OptionId != option.Id)
                {
                    problems.Add(new KnowledgeProblem(location, $"option '{option.Id}': alias '{written}' also names option '{owner.OptionId}' (as '{owner.Written}'); an alias must belong to one option"));
                    continue;
                }

                aliasOwners.TryAdd(key, (option.Id, written));
            }
        }

        return served;
    }

    private List<Comparison> CheckComparisons(List<ParsedComparison> comparisons, Dictionary<string, ParsedOption> options, List<KnowledgeProblem> problems)
    {
        var served = new List<Comparison>();
        var ids = new Dictionary<string, Comparison>(StringComparer.Ordinal);
        var optionSets = new Dictionary<string, Comparison>(StringComparer.Ordinal);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var ownNameCache = new Dictionary<string, List<(string Written, string[] Stems, string Probe)>>(StringComparer.Ordinal);
        foreach (var parsed in comparisons)
        {
            var c = parsed.Comparison;
            var what = $"comparison '{c.Id}'";
            var problemsBefore = problems.Count;

            var optionIds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var side in c.Sides.Where(s => s.OptionId.Length > 0))
            {
                if (!options.ContainsKey(side.OptionId))
                {
                    var hint = options.Keys.MinBy(k => Matching.EditDistance.Compute(k, side.OptionId));
                    Error(problems, side.Location, $"{what}: unknown option id '{side.OptionId}'" + (hint is null ? string.Empty : $" (did you mean '{hint}'?)"));
                }

                if (!optionIds.Add(side.OptionId))
                {
                    Error(problems, side.Location, $"{what}: option '{side.OptionId}' is listed twice");
                }
            }

            if (c.DefaultPick.Length > 0 && !optionIds.Contains(c.DefaultPick))
            {
                Error(problems, parsed.DefaultLocation, $"{what}: the default pick '{c.DefaultPick}' is not one of its options ({string.Join(", ", optionIds)})");
            }

            var signalsByPick = new Dictionary<string, (string Pick, int Rule, SourceLocation Location)>(parsed.Signals.Count, StringComparer.Ordinal);
            for (var r = 0; r < c.Rules.Count; r++)
            {
                var rule = c.Rules[r];
                if (rule.Pick.Length > 0 && !optionIds.Contains(rule.Pick))
                {
                    Error(problems, rule.Location, $"{what}: rule '{rule.Id}' picks '{rule.Pick}', which is not one of its options ({string.Join(", ", optionIds)})");
                }

                foreach (var (ruleIndex, signal, location) in parsed.Signals)
                {
                    if (ruleIndex != r)
                    {
                        continue;
                    }

                    var key = Tokenizer.Normalize(signal);
                    var seen = signalsByPick.TryGetValue(key, out var other);
                    if (seen && other.Pick != rule.Pick)
                    {
                        Error(problems, location, $"{what}: signal '{signal}' also points to '{other.Pick}' (at {other.Location}); a signal must point one way");
                    }
                    else if (seen)
                    {
                        // Harmless to answers (the first rule decides), but a repeated phrase hides which rule an
                        // editor should change, and the second copy is never what fires.
                        var where = other.Rule == r ? "earlier in the same rule" : $"in rule '{c.Rules[other.Rule].Id}'";
                        problems.Add(new KnowledgeProblem(location, $"{what}: signal '{signal}' already appears {where} (at {other.Location}); keep a phrase in one rule", ProblemSeverity.Warning));
                    }

                    signalsByPick.TryAdd(key, (rule.Pick, r, location));
                }
            }

            WarnSignalsNamingOwnOption(parsed, optionIds, options, ownNameCache, problems);

            foreach (var optionId in optionIds.Where(id => c.Rules.All(r => r.Pick != id)))
            {
                Error(problems, c.Location, $"{what}: option '{optionId}' has no rule; every option needs at least one rule saying when it wins");
            }

            // One rule per option still answers, so this is a warning; but a side that wins on a single kind of
            // context is rarely how the trade-off really goes, and the library's own bar is two.
            foreach (var side in c.Sides.Where(s => c.Rules.Count(r => r.Pick == s.OptionId) == 1))
            {
                problems.Add(new KnowledgeProblem(side.Location, $"{what}: option '{side.OptionId}' has only one rule; write at least two rules saying when it wins", ProblemSeverity.Warning));
            }

            // A day of grace: a reviewer east of UTC writes their own today, which may be tomorrow here.
            if (c.Reviewed is { } reviewedOn && reviewedOn.DayNumber > today.DayNumber + 1)
            {
                Error(problems, parsed.ReviewedAt, $"{what}: reviewed {reviewedOn:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd}); write the date of the last review");
            }

            if (c.Reviewed is { } reviewed && today.DayNumber - reviewed.DayNumber > reviewMaxAgeDays)
            {
                problems.Add(new KnowledgeProblem(c.Location, $"{what}: last reviewed {reviewed:yyyy-MM-dd}, more than {reviewMaxAgeDays} days ago", ProblemSeverity.Warning));
            }

            if (c.Id.Length > 0 && ids.TryGetValue(c.Id, out var firstWithId))
            {
                Error(problems, c.Location, $"comparison id '{c.Id}' is already defined at {firstWithId.Location}");
                continue;
            }

            var setKey = string.Join('|', optionIds.Order(StringComparer.Ordinal));
            if (optionIds.Count > 1 && optionSets.TryGetValue(setKey, out var sameSet))
            {
                Error(problems, c.Location, $"{what} compares the same options as '{sameSet.Id}' ({sameSet.Location}); merge them into one entry");
                continue;
            }

            if (!parsed.Valid || HasErrorsSince(problems, problemsBefore))
            {
                continue;
            }

            ids[c.Id] = c;
            optionSets[setKey] = c;
            served.Add(c);
        }

        return served;
    }

    /// <summary>
    /// A signal that contains a name of one of its own entry's options can never fire: the question reads those words as
    /// the option and leaves them out of the context, so "kafka streams" in a Kafka entry is dead. Names are compared as
    /// stems, as the engine compares them.
    /// </summary>
    private static void WarnSignalsNamingOwnOption(
        ParsedComparison parsed,
        HashSet<string> optionIds,
        Dictionary<string, ParsedOption> options,
        Dictionary<string, List<(string Written, string[] Stems, string Probe)>> cache,
        List<KnowledgeProblem> problems)
    {
        var own = new List<(string OptionId, string Written, string[] Stems, string Probe)>();
        foreach (var id in optionIds)
        {
            if (!options.TryGetValue(id, out var option))
            {
                continue;
            }

            if (!cache.TryGetValue(id, out var names))
            {
                names = [.. new[] { option.Option.Name, option.Option.Id.Replace('-', ' ') }.Concat(option.Option.Aliases)
                    .Select(n => (n, Stems(n)))
                    .Where(n => n.Item2.Length > 0)
                    .Select(n => (n.n, n.Item2, n.Item2[0][..Math.Min(4, n.Item2[0].Length)]))];
                cache[id] = names;
            }

            own.AddRange(names.Select(n => (id, n.Written, n.Stems, n.Probe)));
        }

        foreach (var (_, signal, location) in parsed.Signals)
        {
            // Most signals share no text with the options' names; a substring probe skips tokenising those (the check
            // would otherwise cost a fifth of a 10,000-file load).
            if (!own.Exists(n => signal.Contains(n.Probe, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var words = Stems(signal);
            foreach (var (optionId, written, stems, _) in own)
            {
                if (ContainsRun(words, stems) && !CoveredByAnotherOption(words, stems))
                {
                    problems.Add(new KnowledgeProblem(location, $"comparison '{parsed.Comparison.Id}': signal '{signal}' contains '{written}', which names its own option '{optionId}'; a question's option names are not read as context, so this signal never fires", ProblemSeverity.Warning));
                    break;
                }
            }
        }

        // "react native" in a React entry does fire: the longer name makes it a mention of React Native, which is no
        // option of the entry, so its words stay in the context. Rare, so it is looked up only for a hit.
        bool CoveredByAnotherOption(string[] words, string[] run) => options.Values
            .Where(o => !optionIds.Contains(o.Option.Id))
            .SelectMany(o => o.Option.Aliases.Append(o.Option.Name))
            .Select(Stems)
            .Any(longer => longer.Length > run.Length && ContainsRun(longer, run) && ContainsRun(words, longer));

        static string[] Stems(string text) => [.. Tokenizer.Tokenize(text).Select(t => Tokenizer.Stem(t.Value))];

        static bool ContainsRun(string[] words, string[] run)
        {
            for (var i = 0; i + run.Length <= words.Length; i++)
            {
                if (words.AsSpan(i, run.Length).SequenceEqual(run))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static void Error(List<KnowledgeProblem> problems, SourceLocation at, string message) => problems.Add(new KnowledgeProblem(at, message));

    private static bool HasErrorsSince(List<KnowledgeProblem> problems, int start)
    {
        for (var i = start; i < problems.Count; i++)
        {
            if (problems[i].IsError)
            {
                return true;
            }
        }

        return false;
    }

    private static string VersionOf(IReadOnlyList<KnowledgeDocument> documents)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            foreach (var document in documents.OrderBy(d => d.Path, StringComparer.Ordinal))
            {
                Append(document.Path);
                Append(document.Text);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];

        // UTF-8 through one reused buffer: the same bytes as before, without a copy of every file per load.
        void Append(string text)
        {
            var needed = Encoding.UTF8.GetMaxByteCount(text.Length) + 1;
            if (buffer.Length < needed)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = ArrayPool<byte>.Shared.Rent(needed);
            }

            var length = Encoding.UTF8.GetBytes(text, buffer);
            buffer[length] = 0;
            hash.AppendData(buffer, 0, length + 1);
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    private sealed record ParsedDocument(List<KnowledgeProblem> Problems, List<ParsedOption> Options, List<ParsedComparison> Comparisons);

    private sealed record ParsedOption(KnowledgeOption Option, IReadOnlyList<SourceLocation> AliasLocations, bool Valid);

    private sealed record ParsedComparison(
        Comparison Comparison,
        YamlNodeReader Reader,
        IReadOnlyList<(int Rule, string Signal, SourceLocation Location)> Signals,
        SourceLocation DefaultLocation,
        SourceLocation ReviewedAt,
        bool Valid);
}
