using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PickBot.Core.Knowledge;

namespace PickBot.Benchmarks.Synthetic;

/// <summary>
/// Builds a knowledge base of any size that looks like a real one to the loader and the engine: one file per
/// comparison, each defining one option (so options are shared by about two comparisons each, as Kafka or Postgres
/// are in a real library), 2-6 aliases per option, 3-5 rules per entry and 5-12 signals per rule. Names are made of
/// syllables that encode the entry number, so they are unique, pronounceable, and close enough to one another that
/// the typo index has real neighbours to sort through at 100,000 entries. Seeded: the same size gives the same text.
/// Nothing generated here is ever written into the repository.
/// </summary>
public static partial class SyntheticKnowledge
{
    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "bo", "da", "fe",
        "gu", "ha", "ji", "pe", "qu", "ro", "su", "te", "wa", "xi", "yo", "zu",
    ];

    private static readonly string[] Kinds =
    [
        "DB", "Queue", "Cache", "Mesh", "Stream", "Store", "Gateway", "Router", "Learning", "Framework", "Engine", "Index",
    ];

    private static readonly string[] Areas = [.. KnowledgeAreas.All];

    // Context words a person might give; signals are phrases of one to three of them.
    private static readonly string[] ContextWords =
    [
        "latency", "throughput", "ordering", "strict", "replay", "audit", "small", "large", "team", "startup", "budget",
        "cheap", "managed", "hosted", "cloud", "edge", "mobile", "embedded", "offline", "realtime", "batch", "analytics",
        "reporting", "dashboard", "search", "fulltext", "geo", "spatial", "graph", "relations", "joins", "schema",
        "schemaless", "documents", "events", "logs", "metrics", "traces", "payments", "billing", "orders", "inventory",
        "users", "sessions", "tokens", "secrets", "compliance", "regulated", "healthcare", "banking", "retail", "gaming",
        "media", "video", "images", "audio", "text", "sentiment", "spam", "fraud", "risk", "scoring", "ranking",
        "recommendations", "personalisation", "experiments", "migration", "legacy", "monolith", "microservices",
        "serverless", "containers", "kubernetes", "windows", "linux", "java", "python", "typescript", "dotnet", "rust",
        "golang", "frontend", "backend", "api", "public", "internal", "partners", "tenants", "multitenant", "global",
        "regional", "failover", "backup", "restore", "durability", "consistency", "availability", "partition",
        "sharding", "scaling", "autoscaling", "bursty", "steady", "spiky", "seasonal", "prototype", "production",
        "critical", "hobby", "research", "students", "training", "inference", "labels", "labelled", "unlabelled",
        "streaming", "queueing", "fanout", "pubsub", "workflow", "orchestration", "choreography", "saga", "ledger",
        "immutable", "append", "writes", "reads", "heavy", "light", "tiny", "huge", "petabytes", "gigabytes",
        "transactions", "acid", "eventual", "versioning", "rollback", "canary", "bluegreen", "observability", "tracing",
        "alerting", "oncall", "ops", "nops", "devops", "platform", "vendor", "lockin", "opensource", "licence", "cost",
    ];

    private static readonly string[] Fillers =
    [
        "for our {0} service", "we care about {0}", "our team has {0} needs", "mostly {0}", "with {0} in mind",
        "the product is about {0}", "{0} matters most", "thinking of {0}",
    ];

    /// <summary>The knowledge files for <paramref name="entries"/> comparisons, in memory.</summary>
    public static IReadOnlyList<KnowledgeDocument> Documents(int entries, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(entries, 30);
        var documents = new List<KnowledgeDocument>(entries);
        for (var i = 0; i < entries; i++)
        {
            documents.Add(new KnowledgeDocument($"synthetic/{Areas[i % Areas.Length]}/{ComparisonId(i, entries)}.yaml", File(i, entries, seed)));
        }

        return documents;
    }

    /// <summary>Loads <paramref name="entries"/> comparisons straight from memory.</summary>
    public static KnowledgeBase Load(int entries, int seed = 42) =>
        new KnowledgeLoader(TimeProvider.System, 36500).Load(Documents(entries, seed));

    /// <summary>Writes the files below <paramref name="folder"/> (a temporary folder; never the repository).</summary>
    public static void WriteTo(string folder, int entries, int seed = 42)
    {
        foreach (var document in Documents(entries, seed))
        {
            var path = Path.Combine(folder, document.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            System.IO.File.WriteAllText(path, document.Text);
        }
    }

    /// <summary>
    /// Questions a person would ask of this base: two options by some alias, in either order, with context words
    /// from the entry's rules (sometimes none) and filler. With <paramref name="typo"/>, one option's name is
    /// misspelt by one edit, the way people type.
    /// </summary>
    public static string[] Questions(int entries, int count, bool typo, int seed = 7)
    {
        var random = new Random(seed);
        var questions = new string[count];
        for (var q = 0; q < count; q++)
        {
            var c = random.Next(entries);
            var (a, b) = Pair(c, entries);
            var first = AliasesOf(a, 42)[random.Next(2)];
            var second = AliasesOf(b, 42)[random.Next(2)];
            if (typo)
            {
                first = Misspell(Word(a), random);
            }

            if (random.Next(2) == 0)
            {
                (first, second) = (second, first);
            }

            var rules = RulesOf(c, entries, 42);
            var context = random.Next(4) == 0
                ? string.Empty
                : " " + string.Format(CultureInfo.InvariantCulture, Fillers[random.Next(Fillers.Length)], SayNumbers(rules[random.Next(rules.Count)].Signals[0]));
            var joiner = (random.Next(3)) switch
            {
                0 => " vs ",
                1 => " or ",
                _ => " versus ",
            };
            questions[q] = random.Next(3) == 0
                ? $"should we use {first}{joiner.TrimEnd()} {second}?{context}"
                : $"{first}{joiner}{second}{context}";
        }

        return questions;
    }

    /// <summary>
    /// Questions that name no option, only a situation in an entry's rule words ("which should we pick? we care
    /// about replay and audit"): what meaning places, by ranking every comparison. Distinct by construction.
    /// </summary>
    public static string[] Contexts(int entries, int count, int seed = 9)
    {
        var random = new Random(seed);
        var questions = new HashSet<string>(StringComparer.Ordinal);
        while (questions.Count < count)
        {
            var rules = RulesOf(random.Next(entries), entries, 42);
            var signals = rules[random.Next(rules.Count)].Signals;
            var first = SayNumbers(signals[random.Next(signals.Count)]);
            var second = SayNumbers(signals[random.Next(signals.Count)]);
            questions.Add($"which should we pick? {string.Format(CultureInfo.InvariantCulture, Fillers[random.Next(Fillers.Length)], first)}, and {second}");
        }

        return [.. questions];
    }

    // "team of {n<=5}" is asked as "team of 5": the bound itself is always inside the range.
    private static string SayNumbers(string signal) => NumberSlot().Replace(signal, "$1");

    [GeneratedRegex(@"\{n[<>=]*(\d+)\}")]
    private static partial Regex NumberSlot();

    private static string Misspell(string word, Random random)
    {
        var chars = word.ToLowerInvariant().ToCharArray();
        var at = 1 + random.Next(chars.Length - 2);
        switch (random.Next(3))
        {
            case 0:
                (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
                return new string(chars);
            case 1:
                return new string(chars).Remove(at, 1);
            default:
                chars[at] = chars[at] == 'e' ? 'a' : 'e';
                return new string(chars);
        }
    }

    private static string File(int i, int entries, int seed)
    {
        var (a, b) = Pair(i, entries);
        var yaml = new StringBuilder(4096);
        yaml.Append("options:\n");
        AppendOption(yaml, i, seed);
        yaml.Append("comparisons:\n");
        yaml.Append("  - id: ").Append(ComparisonId(i, entries)).Append('\n');
        yaml.Append("    title: \"").Append(Name(a)).Append(" vs ").Append(Name(b)).Append("\"\n");
        yaml.Append("    area: ").Append(Areas[i % Areas.Length]).Append('\n');
        yaml.Append("    tags: [synthetic, ").Append(Kinds[a % Kinds.Length].ToLowerInvariant()).Append("]\n");
        yaml.Append("    owner: platform-team\n");
        yaml.Append("    reviewed: 2026-11-01\n");
        yaml.Append("    options:\n");
        foreach (var o in new[] { a, b })
        {
            yaml.Append("      - option: ").Append(OptionId(o)).Append('\n');
            yaml.Append("        use-when: \"You want what ").Append(Name(o)).Append(" does best, and its trade-offs suit the team.\"\n");
            yaml.Append("        pros:\n          - \"Mature and well documented.\"\n          - \"Fits ").Append(Kinds[o % Kinds.Length].ToLowerInvariant()).Append(" workloads.\"\n");
            yaml.Append("        cons:\n          - \"Needs care to operate at scale.\"\n");
        }

        yaml.Append("    verdict:\n");
        yaml.Append("      default: ").Append(OptionId(a)).Append('\n');
        yaml.Append("      because: \"For most teams ").Append(Name(a)).Append(" is the safer start.\"\n");
        yaml.Append("    rules:\n");
        foreach (var rule in RulesOf(i, entries, seed))
        {
            yaml.Append("      - id: ").Append(rule.Id).Append('\n');
            yaml.Append("        pick: ").Append(OptionId(rule.Pick)).Append('\n');
            yaml.Append("        when:\n");
            foreach (var signal in rule.Signals)
            {
                yaml.Append("          - \"").Append(signal).Append("\"\n");
            }

            yaml.Append("        because: \"").Append(Name(rule.Pick)).Append(" suits this context better.\"\n");
        }

        yaml.Append("    sources:\n");
        yaml.Append("      - title: \"").Append(Name(a)).Append(" documentation\"\n");
        yaml.Append("        url: https://example.org/").Append(OptionId(a)).Append('\n');
        return yaml.ToString();
    }

    private static void AppendOption(StringBuilder yaml, int o, int seed)
    {
        yaml.Append("  - id: ").Append(OptionId(o)).Append('\n');
        yaml.Append("    name: \"").Append(Name(o)).Append("\"\n");
        yaml.Append("    aliases: [");
        var aliases = AliasesOf(o, seed);
        for (var k = 0; k < aliases.Count; k++)
        {
            yaml.Append(k == 0 ? "\"" : ", \"").Append(aliases[k]).Append('"');
        }

        yaml.Append("]\n");
        yaml.Append("    summary: \"A synthetic ").Append(Kinds[o % Kinds.Length].ToLowerInvariant()).Append(" used to measure PickBot.\"\n");
        yaml.Append("    tags: [synthetic]\n");
    }

    /// <summary>2-6 ways to write option <paramref name="o"/>; the first two are the ones questions use.</summary>
    private static List<string> AliasesOf(int o, int seed)
    {
        var word = Word(o);
        var all = new List<string>
        {
            word,
            Abbreviation(o),
            $"{word} {Kinds[(o + 5) % Kinds.Length]}",
            $"{word.ToLowerInvariant()}js",
            $"{word} cloud",
            $"{word}-{Kinds[(o + 7) % Kinds.Length].ToLowerInvariant()}",
        };
        var count = 2 + new Random(Mix(seed, o, 3)).Next(5);
        return all.GetRange(0, count);
    }

    private sealed record SyntheticRule(string Id, int Pick, List<string> Signals);

    private static List<SyntheticRule> RulesOf(int i, int entries, int seed)
    {
        var random = new Random(Mix(seed, i, 17));
        var (a, b) = Pair(i, entries);
        var rules = new List<SyntheticRule>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var ruleCount = 3 + random.Next(3);
        for (var r = 0; r < ruleCount; r++)
        {
            var signals = new List<string>();
            var signalCount = 5 + random.Next(8);
            while (signals.Count < signalCount)
            {
                var signal = random.Next(10) switch
                {
                    0 => $"team of {{n<={2 + random.Next(8)}}}",
                    1 => $"{{n>={10 * (1 + random.Next(9))}}} {ContextWords[random.Next(ContextWords.Length)]}",
                    < 5 => ContextWords[random.Next(ContextWords.Length)],
                    < 8 => $"{ContextWords[random.Next(ContextWords.Length)]} {ContextWords[random.Next(ContextWords.Length)]}",
                    _ => $"{ContextWords[random.Next(ContextWords.Length)]} {ContextWords[random.Next(ContextWords.Length)]} {ContextWords[random.Next(ContextWords.Length)]}",
                };
                if (used.Add(signal))
                {
                    signals.Add(signal);
                }
            }

            rules.Add(new SyntheticRule($"rule-{r + 1}", r % 2 == 0 ? b : a, signals));
        }

        return rules;
    }

    // HashCode.Combine is seeded per process; the same size must give the same library in every run.
    private static int Mix(int seed, int index, int salt) => unchecked((seed * 1_000_003) ^ (index * 7_919) ^ (salt * 104_729));

    // Each entry compares its own option with one a short, varying step ahead, so no two entries compare the same pair.
    private static (int A, int B) Pair(int i, int entries) => (i, (i + 1 + (i % 11)) % entries);

    private static string ComparisonId(int i, int entries)
    {
        var (a, b) = Pair(i, entries);
        return $"{OptionId(a)}-vs-{OptionId(b)}";
    }

    private static string OptionId(int o) => $"{Word(o).ToLowerInvariant()}-{Kinds[o % Kinds.Length].ToLowerInvariant()}";

    private static string Name(int o) => $"{Word(o)} {Kinds[o % Kinds.Length]}";

    /// <summary>A pronounceable word that encodes <paramref name="o"/>: three or more two-letter syllables.</summary>
    private static string Word(int o)
    {
        var syllables = new StringBuilder();
        var rest = o;
        for (var k = 0; k < 3 || rest > 0; k++)
        {
            syllables.Insert(0, Syllables[rest % Syllables.Length]);
            rest /= Syllables.Length;
        }

        syllables[0] = char.ToUpperInvariant(syllables[0]);
        return syllables.ToString();
    }

    private static string Abbreviation(int o) =>
        string.Concat("x", o.ToString("x", CultureInfo.InvariantCulture), Kinds[o % Kinds.Length][..1].ToLowerInvariant());
}
