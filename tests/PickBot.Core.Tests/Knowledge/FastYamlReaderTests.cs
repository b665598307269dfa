using System.Text;
using PickBot.Core.Knowledge.Yaml;
using PickBot.Core.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace PickBot.Core.Tests.Knowledge;

/// <summary>
/// The fast reader must read exactly what YamlDotNet reads (values and positions), or decline. These tests compare
/// the two on the real library, on hand-written corners of YAML and on thousands of mutated knowledge files.
/// </summary>
public sealed class FastYamlReaderTests
{
    private static readonly Lazy<(string Path, string Text)[]> RealFiles = new(() => Directory
        .EnumerateFiles(Repository.Knowledge, "*.yaml", SearchOption.AllDirectories)
        .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}eval{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .Select(f => (Path.GetRelativePath(Repository.Root, f), File.ReadAllText(f)))
        .ToArray());

    [Fact]
    public void TryRead_EveryRealKnowledgeFile_ReadsWhatYamlDotNetReads()
    {
        Assert.NotEmpty(RealFiles.Value);
        foreach (var (path, text) in RealFiles.Value)
        {
            var fast = FastYamlReader.TryRead(text);
            Assert.True(fast is not null, $"{path} is not read by the fast reader");
            Assert.Equal(Reference(text), Describe(fast));
        }
    }

    [Theory]
    [InlineData("a: b\n")]
    [InlineData("a: b")]
    [InlineData("a:   b   # note\nc: 'it''s'\nd: \"say \\\"hi\\\" \\\\ there\"\n")]
    [InlineData("list:\n- one\n- two\nnext: x\n")]
    [InlineData("list:\n  - one\n  -   two # c\n\n# comment\nnext: [a, 'b c', \"d\",e  ]\n")]
    [InlineData("items:\n  - id: a\n    name: A\n  - id: b\n    tags: []\n    deep:\n      - x: 1\n        y: [1,2]\n")]
    [InlineData("text: >\n  one two\n  three\nnext: y\n")]
    [InlineData("text: >-\n    one\n    two # not a comment\n\n\nnext: |\n  a\n  b\n")]
    [InlineData("text: |-\n  a\n  # still text\nn: 1\n")]
    [InlineData("url: https://example.org/a#b\nratio: 1:2\nneg: -5\n")]
    [InlineData("- a\n- b: c\n  d: e\n")]
    [InlineData("k: [a, b]   # trailing\n")]
    [InlineData("k: plain with [brackets] and {braces}\n")]
    [InlineData("unicode: Café — naïve\n")]
    [InlineData("k: [a, b,\n   c,\n     d]\nn: x\n")]
    [InlineData("- id: a\n  aliases: [x, y,\n    z]\n  name: A\n")]
    public void TryRead_SubsetCorners_MatchYamlDotNet(string text)
    {
        var fast = FastYamlReader.TryRead(text);
        Assert.NotNull(fast);
        Assert.Equal(Reference(text), Describe(fast));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("a: &x b\nc: *x\n")]
    [InlineData("a: !tag b\n")]
    [InlineData("a: {b: c}\n")]
    [InlineData("a: b\n  continued\n")]
    [InlineData("a: \"open\n  quote\"\n")]
    [InlineData("a:\tb\n")]
    [InlineData("a: b\r\n")]
    [InlineData("---\na: b\n")]
    [InlineData("a: b\na: c\n")]
    [InlineData("a:\nb: c\n")]
    [InlineData("a: >\n  one\n\n  two\n")]
    [InlineData("a: >\n  one\n    indented\n")]
    [InlineData("a: >+\n  one\n")]
    [InlineData("a: >\n  one")]
    [InlineData("a: [b, [c]]\n")]
    [InlineData("a: [b,]\n")]
    [InlineData("a: b: c\n")]
    [InlineData("a: \"\\n\"\n")]
    [InlineData("  a: b\n")]
    [InlineData("a: 😀\n")]
    [InlineData("k: [a,\nb]\n")]
    [InlineData("k: [a\n  , b]\n")]
    public void TryRead_OutsideTheSubset_Declines(string text) => Assert.Null(FastYamlReader.TryRead(text));

    [Fact]
    public void TryRead_NestedDeeperThanTheLoaderAllows_Declines()
    {
        var deep = new StringBuilder();
        for (var level = 0; level <= 100; level++)
        {
            deep.Append(' ', level).Append('k').Append(level).Append(":\n");
        }

        deep.Append(' ', 101).Append("leaf: x\n");
        Assert.Null(FastYamlReader.TryRead(deep.ToString()));
        Assert.NotNull(FastYamlReader.TryRead(deep.ToString().Split('\n')[..3].Append("   leaf: x").Aggregate((a, b) => a + "\n" + b)));
    }

    /// <summary>
    /// Random edits of real files (a character removed, inserted or doubled, a line moved or re-indented): whatever
    /// the fast reader accepts must equal YamlDotNet's reading, and it must still accept a fair share of them.
    /// </summary>
    [Fact]
    public void TryRead_MutatedKnowledgeFiles_AcceptsOnlyWhatYamlDotNetReadsTheSame()
    {
        var random = new Random(20261125);
        const string Interesting = " -:#'\"[]{},>|&*!\n\\x";
        int accepted = 0, total = 0;
        foreach (var (path, original) in RealFiles.Value)
        {
            for (var m = 0; m < 40; m++)
            {
                var text = Mutate(original, random, Interesting);
                total++;
                if (FastYamlReader.TryRead(text) is not { } fast)
                {
                    continue;
                }

                accepted++;
                var expected = Reference(text);
                Assert.True(expected == Describe(fast), $"{path}, mutation {m}: the fast reader differs from YamlDotNet on:\n{text}");
            }
        }

        Assert.True(accepted > total / 4, $"only {accepted} of {total} mutated files took the fast path");
    }

    private static string Mutate(string text, Random random, string interesting)
    {
        var at = random.Next(text.Length);
        switch (random.Next(5))
        {
            case 0:
                return text.Remove(at, 1);
            case 1:
                return text.Insert(at, interesting[random.Next(interesting.Length)].ToString());
            case 2:
                return text.Insert(at, text[at].ToString());
            case 3:
                var lines = text.Split('\n').ToList();
                var from = random.Next(lines.Count);
                var line = lines[from];
                lines.RemoveAt(from);
                lines.Insert(random.Next(lines.Count), line);
                return string.Join('\n', lines);
            default:
                var all = text.Split('\n');
                var which = random.Next(all.Length);
                all[which] = random.Next(2) == 0 ? "  " + all[which] : all[which].TrimStart();
                return string.Join('\n', all);
        }
    }

    /// <summary>YamlDotNet's reading in the same notation, or "error" when it refuses the text.</summary>
    private static string Reference(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 1 ? Describe(YamlTreeNode.From(stream.Documents[0].RootNode)) : $"{stream.Documents.Count} documents";
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidOperationException or ArgumentException)
        {
            return "error: " + e.Message;
        }
    }

    private static string Describe(YamlTreeNode? node)
    {
        var text = new StringBuilder();
        Write(node!);
        return text.ToString();

        void Write(YamlTreeNode n)
        {
            text.Append('@').Append(n.Line).Append(':').Append(n.Column);
            switch (n)
            {
                case YamlScalar scalar:
                    text.Append('"').Append(scalar.Value.Replace("\n", "\\n", StringComparison.Ordinal)).Append('"');
                    break;
                case YamlList list:
                    text.Append('[');
                    foreach (var item in list.Items)
                    {
                        Write(item);
                        text.Append(',');
                    }

                    text.Append(']');
                    break;
                case YamlMap map:
                    text.Append('{');
                    foreach (var (key, value) in map.Entries)
                    {
                        Write(key);
                        text.Append('=');
                        Write(value);
                        text.Append(';');
                    }

                    text.Append('}');
                    break;
            }

            text.Append('\n');
        }
    }
}
