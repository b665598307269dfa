using FsCheck;
using FsCheck.Fluent;

namespace PickBot.Core.Tests.Properties;

/// <summary>Text built from the pieces most likely to break a parser: markup, numbers, odd Unicode, runs of symbols.</summary>
public sealed record AdversarialText(string Value)
{
    public override string ToString() => Printable.Of(Value);
}

/// <summary>Text that looks like YAML: keys, indentation, flow and block collections, anchors, tags, quotes.</summary>
public sealed record YamlishText(string Value)
{
    public override string ToString() => Printable.Of(Value);
}

/// <summary>Rule signals: words, number slots well and badly written.</summary>
public sealed record SignalText(string Value)
{
    public override string ToString() => Printable.Of(Value);
}

/// <summary>The generators, registered with <c>[Property(Arbitrary = [typeof(Adversarial)])]</c>.</summary>
public static class Adversarial
{
    private static readonly string[] QuestionPieces =
    [
        "mtl", "stl", "MTL", "multi-task", "multi task learning", "single-task", "kafka", "rabbitmq", "vs", "vs.", "or",
        "versus", "which", "should we use", "for a spam filter", "little labelled data", "not", "no", "don't", "team of 3",
        "{n<=5}", "<@U012AB3CD>", "<#C123|general>", "<https://example.com|label>", "<https://x>", "<!here>", "<!subteam^S1>",
        "<", ">", "<>", "<|>", "&lt;", "&gt;", "&amp;", "&", ":smile:", ":+1:", "10:30:00", "*", "_", "~", "`", "```",
        "*bold*", "_it_", "~strike~", "c++", "c#", ".net", "node.js", ".", "..", "...", "'", "\u2019", "-", "/", "+#+#",
        "0", "3", "1.5k", "10m", "2b", "1e308", "99999999999999999999999999", "-5", "NaN", "\u0000", "\uD800", "\uDC00",
        "\uD83D\uDE00", "\u200B", "\u202E", "e\u0301", "\u0130", "\u01C5", "\uFEFF", "\u00A0", "\t", "\n", "\r\n", " ",
        "     ", "ǅungla", "ß", "ﬁ", "\u0661\u0662", "١٢", "Ⅻ", "½",
    ];

    private static readonly string[] YamlPieces =
    [
        "options:", "comparisons:", "- id: a", "- id: multi-task-learning", "id:", "name: X", "aliases: [a, b]", "summary: s",
        "tags:", "option: x", "use-when: y", "pros: [p]", "cons: [c]", "verdict:", "default: x", "because: z", "rules:",
        "when: [\"{n<=5} tasks\"]", "pick: x", "sources:", "url: https://x", "reviewed: 2026-13-45", "reviewed: 2026-01-01",
        "area: ml", "- ", "-", ":", ": ", "? ", "[", "]", "{", "}", ",", "&a", "*a", "*b", "&b [*a, *a]", "<<: *a", "!!str",
        "!!binary ???", "!!map", "!custom", "---", "...", "|", ">", "|-", ">+", "'", "\"", "''", "\"\\x\"", "\"\\u12\"",
        "#", "# comment", "%YAML 1.2", "%TAG ! tag:x,", "\t", "  ", "    ", "\n", "\r\n", "\u0000", "\uFEFF", "~", "null",
        "true", "0x1F", "1e999", ".inf", "@", "`", "%",
    ];

    public static Arbitrary<AdversarialText> AdversarialText() =>
        Pieces(QuestionPieces, 60).Select(s => new AdversarialText(s)).ToArbitrary();

    public static Arbitrary<YamlishText> YamlishText() =>
        Gen.ListOf(Line(), 0)
            .Select(lines => string.Join('\n', lines))
            .Select(s => new YamlishText(s))
            .ToArbitrary();

    public static Arbitrary<SignalText> SignalText() =>
        Gen.OneOf(
                Pieces(["team", "of", "tasks", "little", "data", "{n}", "{n<=5}", "{n>=2}", "{n<3}", "{n>3}", "{n=4}", "{n<=}", "{<=5}", "{n<=5.5.5}",
                    "{n<=99999999999999999999999999999}", "{n<=1e999}", "{n!=3}", "{", "}", "{{n}}", "{n<=-1}", "not", "no", "\u0000", "é", "  "], 12),
                Pieces(QuestionPieces, 12))
            .Select(s => new SignalText(s))
            .ToArbitrary();

    private static Gen<string> Line() =>
        Gen.Zip(Gen.Choose(0, 12), Pieces(YamlPieces, 6))
            .Select(t => new string(' ', t.Item1) + t.Item2);

    private static Gen<string> Pieces(string[] pieces, int max) =>
        Gen.Choose(0, max).SelectMany(count => Gen.ArrayOf(Piece(pieces), count))
            .Select(parts => string.Join(string.Empty, parts));

    private static Gen<string> Piece(string[] pieces) =>
        Gen.Frequency(
            (6, Gen.Elements(pieces)),
            (2, Gen.Elements(pieces).Select(p => " " + p + " ")),
            (1, Gen.Choose(0, 0xFFFF).Select(c => ((char)c).ToString())),
            (1, Gen.Zip(Gen.Elements(pieces), Gen.Choose(2, 300)).Select(t => string.Concat(Enumerable.Repeat(t.Item1, t.Item2)))));
}

/// <summary>Shows control characters in a failing case's report instead of printing them raw.</summary>
internal static class Printable
{
    public static string Of(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
