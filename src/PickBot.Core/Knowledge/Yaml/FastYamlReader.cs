using System.Collections.Frozen;

namespace PickBot.Core.Knowledge.Yaml;

/// <summary>
/// Reads the plain YAML that knowledge files are written in (block mappings and lists, one-line flow lists, plain,
/// quoted and folded or literal scalars, comments) in one pass that allocates little more than the strings it keeps.
/// YamlDotNet allocates about fifteen times the file's size to read it, which made loading a large library slow.
/// <para>
/// Anything outside that subset (anchors, tags, flow mappings, multi-line plain or quoted scalars, tabs, several
/// documents, odd indentation, any error) makes <see cref="TryRead"/> return null, and the caller reads the file with
/// YamlDotNet instead, so the result and every problem reported are exactly YamlDotNet's. A differential test holds
/// this reader to YamlDotNet's tree, positions included, on the real library and on many mutated files.
/// </para>
/// </summary>
internal sealed class FastYamlReader
{
    private readonly string _text;
    private readonly int[] _starts;
    private readonly int[] _ends;
    private int _depth;

    private FastYamlReader(string text, int[] starts, int[] ends)
    {
        _text = text;
        _starts = starts;
        _ends = ends;
    }

    private int LineCount => _starts.Length;

    /// <summary>The document's root, or null when the text is not in the subset (read it with YamlDotNet then).</summary>
    public static YamlTreeNode? TryRead(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TrySplitLines(text, out var starts, out var ends))
        {
            return null;
        }

        try
        {
            return new FastYamlReader(text, starts, ends).ReadDocument();
        }
        catch (NotInSubsetException)
        {
            return null;
        }
    }

    /// <summary>Line bounds, refusing text with characters the subset leaves to YamlDotNet (tabs, CR, BOM, controls).</summary>
    private static bool TrySplitLines(string text, out int[] starts, out int[] ends)
    {
        var lineStarts = new List<int>(text.Length / 24) { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                lineStarts.Add(i + 1);
            }
            else if (c < ' ' || c is >= '\u007f' and <= '\u009f' || c is '\ufeff' or '\ufffe' or '\uffff' || char.IsSurrogate(c))
            {
                starts = ends = [];
                return false;
            }
        }

        starts = [.. lineStarts];
        ends = new int[starts.Length];
        for (var l = 0; l < starts.Length; l++)
        {
            ends[l] = l + 1 < starts.Length ? starts[l + 1] - 1 : text.Length;
            if (Starts(text, starts[l], ends[l], "---") || Starts(text, starts[l], ends[l], "...") || Starts(text, starts[l], ends[l], "%"))
            {
                return false;
            }
        }

        return true;

        static bool Starts(string text, int start, int end, string marker) =>
            end - start >= marker.Length && string.CompareOrdinal(text, start, marker, 0, marker.Length) == 0;
    }

    private YamlTreeNode ReadDocument()
    {
        var line = NextContent(0);
        if (line == LineCount || Indent(line) != 0)
        {
            Bail();
        }

        var root = ReadBlock(ref line, 0);
        if (NextContent(line) != LineCount)
        {
            Bail();
        }

        return root;
    }

    /// <summary>A block list or mapping whose first line is <paramref name="line"/>, indented by <paramref name="indent"/>.</summary>
    private YamlTreeNode ReadBlock(ref int line, int indent) =>
        IsDash(line, indent) ? ReadList(ref line, indent) : ReadMap(ref line, indent, indent);

    private YamlList ReadList(ref int line, int indent)
    {
        var first = line;
        var items = new List<YamlTreeNode>();
        Nest();
        while (true)
        {
            line = NextContent(line);
            if (line == LineCount || Indent(line) < indent)
            {
                break;
            }

            if (Indent(line) > indent)
            {
                Bail();
            }

            if (!IsDash(line, indent))
            {
                // A key at the list's own indentation: the list was a mapping value written without extra indent.
                break;
            }

            var at = SkipSpaces(_starts[line] + indent + 1, _ends[line]);
            if (at == _ends[line] || _text[at] == '#' || at == _starts[line] + indent + 1)
            {
                Bail();
            }

            var column = at - _starts[line];
            if (KeyEnd(line, column) > 0)
            {
                items.Add(ReadMap(ref line, column, column));
            }
            else
            {
                items.Add(ReadInlineValue(ref line, at, indent));
            }
        }

        _depth--;
        return new YamlList([.. items], first + 1, indent + 1);
    }

    /// <summary>
    /// A block mapping with keys at <paramref name="indent"/>. Its first key may share a line with a list dash, so it
    /// starts at <paramref name="firstColumn"/> of <paramref name="line"/> rather than at the line's indentation.
    /// </summary>
    private YamlMap ReadMap(ref int line, int indent, int firstColumn)
    {
        var firstLine = line;
        var entries = new List<KeyValuePair<YamlTreeNode, YamlTreeNode>>(8);
        var column = firstColumn;
        Nest();
        while (true)
        {
            var colon = KeyEnd(line, column);
            if (colon < 0)
            {
                Bail();
            }

            var keyStart = _starts[line] + column;
            var key = KnownKey(_text.AsSpan(keyStart, colon - keyStart));
            foreach (var entry in entries)
            {
                if (((YamlScalar)entry.Key).Value == key)
                {
                    Bail();
                }
            }

            var keyNode = new YamlScalar(key, line + 1, column + 1);
            var at = SkipSpaces(colon + 1, _ends[line]);
            YamlTreeNode value;
            if (at == _ends[line] || (_text[at] == '#' && at > colon + 1))
            {
                var next = NextContent(line + 1);
                if (next < LineCount && Indent(next) > indent)
                {
                    line = next;
                    value = ReadBlock(ref line, Indent(next));
                }
                else if (next < LineCount && Indent(next) == indent && IsDash(next, indent))
                {
                    line = next;
                    value = ReadList(ref line, indent);
                }
                else
                {
                    value = Bail();
                }
            }
            else
            {
                value = ReadInlineValue(ref line, at, indent);
            }

            entries.Add(new(keyNode, value));
            line = NextContent(line);
            if (line == LineCount || Indent(line) < indent)
            {
                break;
            }

            if (Indent(line) > indent || IsDash(line, indent))
            {
                Bail();
            }

            column = indent;
        }

        _depth--;
        return new YamlMap([.. entries], firstLine + 1, firstColumn + 1);
    }

    /// <summary>Deep nesting is left to the guarded YamlDotNet path, which reports it; recursion here stays shallow.</summary>
    private void Nest()
    {
        if (++_depth > KnowledgeLoader.MaxNestingDepth)
        {
            Bail();
        }
    }

    /// <summary>
    /// A value that starts at <paramref name="at"/> on <paramref name="line"/>: a scalar, a one-line flow list or a
    /// block scalar. Moves <paramref name="line"/> past the lines the value used.
    /// </summary>
    private YamlTreeNode ReadInlineValue(ref int line, int at, int parentIndent)
    {
        var end = _ends[line];
        var column = at - _starts[line] + 1;
        YamlTreeNode value;
        int after;
        switch (_text[at])
        {
            case '"':
                value = new YamlScalar(DoubleQuoted(at, end, out after), line + 1, column);
                break;
            case '\'':
                value = new YamlScalar(SingleQuoted(at, end, out after), line + 1, column);
                break;
            case '[':
                value = FlowList(ref line, at, parentIndent, out after);
                end = _ends[line];
                break;
            case '>' or '|':
                return BlockScalar(ref line, at, parentIndent);
            default:
                var text = Plain(at, end, flow: false, out after);
                value = new YamlScalar(text, line + 1, column);
                break;
        }

        EndOfLine(after, end);
        line++;
        return value;
    }

    private string Plain(int at, int end, bool flow, out int after)
    {
        if (!CanStartPlain(at, end, flow))
        {
            Bail();
        }

        var last = at;
        var i = at;
        for (; i < end; i++)
        {
            var c = _text[i];
            if (c == ':' && (i + 1 == end || _text[i + 1] == ' ' || (flow && _text[i + 1] is ',' or ']' or '[' or '{' or '}')))
            {
                Bail();
            }

            if (c == '#' && _text[i - 1] == ' ')
            {
                break;
            }

            if (flow && c is ',' or ']')
            {
                break;
            }

            if (flow && c is '[' or '{' or '}')
            {
                Bail();
            }

            if (c != ' ')
            {
                last = i;
            }
        }

        after = i;
        return _text[at..(last + 1)];
    }

    private bool CanStartPlain(int at, int end, bool flow)
    {
        var c = _text[at];
        if (c is '[' or ']' or '{' or '}' or ',' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`' or '?' or ':')
        {
            return false;
        }

        return c != '-' || (at + 1 < end && _text[at + 1] != ' ' && !(flow && _text[at + 1] is ',' or ']'));
    }

    private string DoubleQuoted(int at, int end, out int after)
    {
        var close = _text.AsSpan(at + 1, end - at - 1).IndexOfAny('"', '\\');
        if (close >= 0 && _text[at + 1 + close] == '"')
        {
            after = at + close + 2;
            return _text.Substring(at + 1, close);
        }

        var text = new System.Text.StringBuilder();
        for (var i = at + 1; i < end; i++)
        {
            var c = _text[i];
            if (c == '"')
            {
                after = i + 1;
                return text.ToString();
            }

            if (c == '\\')
            {
                if (i + 1 < end && _text[i + 1] is '"' or '\\')
                {
                    text.Append(_text[++i]);
                    continue;
                }

                Bail();
            }

            text.Append(c);
        }

        after = end;
        return Bail<string>();
    }

    private string SingleQuoted(int at, int end, out int after)
    {
        var close = _text.AsSpan(at + 1, end - at - 1).IndexOf('\'');
        if (close >= 0 && (at + close + 2 == end || _text[at + close + 2] != '\''))
        {
            after = at + close + 2;
            return _text.Substring(at + 1, close);
        }

        var text = new System.Text.StringBuilder();
        for (var i = at + 1; i < end; i++)
        {
            if (_text[i] == '\'')
            {
                if (i + 1 < end && _text[i + 1] == '\'')
                {
                    text.Append('\'');
                    i++;
                    continue;
                }

                after = i + 1;
                return text.ToString();
            }

            text.Append(_text[i]);
        }

        after = end;
        return Bail<string>();
    }

    /// <summary>
    /// A flow list such as <c>[a, 'b c', "d"]</c>. It may go on over several lines when each line break follows a
    /// comma and the next line is indented under its key; <paramref name="line"/> moves to the line with the ']'.
    /// </summary>
    private YamlList FlowList(ref int line, int at, int parentIndent, out int after)
    {
        var node = (Line: line + 1, Column: at - _starts[line] + 1);
        var items = new List<YamlTreeNode>();
        var end = _ends[line];
        var i = SkipSpaces(at + 1, end);
        if (i < end && _text[i] == ']')
        {
            after = i + 1;
            return new YamlList([], node.Line, node.Column);
        }

        while (true)
        {
            i = SkipSpaces(i, end);
            if (i == end)
            {
                // The list goes on on the next line: only straight after '[' or a comma, indented under its key.
                line++;
                if (line == LineCount || IsBlank(line) || Indent(line) <= parentIndent)
                {
                    Bail();
                }

                end = _ends[line];
                i = _starts[line] + Indent(line);
            }

            var column = i - _starts[line] + 1;
            var value = _text[i] switch
            {
                '"' => DoubleQuoted(i, end, out i),
                '\'' => SingleQuoted(i, end, out i),
                _ => Plain(i, end, flow: true, out i),
            };
            items.Add(new YamlScalar(value, line + 1, column));
            i = SkipSpaces(i, end);
            if (i == end)
            {
                Bail();
            }

            if (_text[i] == ']')
            {
                after = i + 1;
                return new YamlList([.. items], node.Line, node.Column);
            }

            if (_text[i] != ',')
            {
                Bail();
            }

            i = SkipSpaces(i + 1, end);
            if (i < end && _text[i] == ']')
            {
                Bail();
            }
        }
    }

    /// <summary>
    /// A folded (&gt;) or literal (|) scalar, clipped or stripped (-), whose lines share one indentation and have no
    /// blank lines between them: how knowledge files write long prose. Other block scalars are left to YamlDotNet.
    /// </summary>
    private YamlScalar BlockScalar(ref int line, int at, int parentIndent)
    {
        var end = _ends[line];
        var folded = _text[at] == '>';
        var header = at + 1;
        var strip = header < end && _text[header] == '-';
        if (strip)
        {
            header++;
        }

        var rest = SkipSpaces(header, end);
        if (!(rest == end || (_text[rest] == '#' && rest > header)))
        {
            Bail();
        }

        var node = (Line: line + 1, Column: at - _starts[line] + 1);
        var first = line + 1;
        if (first >= LineCount || IsBlank(first))
        {
            Bail();
        }

        var indent = Indent(first);
        if (indent <= parentIndent)
        {
            Bail();
        }

        var text = new System.Text.StringBuilder();
        var l = first;
        for (; l < LineCount && !IsBlank(l) && Indent(l) >= indent; l++)
        {
            if (Indent(l) > indent || _text[_ends[l] - 1] == ' ')
            {
                Bail();
            }

            if (l > first)
            {
                text.Append(folded ? ' ' : '\n');
            }

            text.Append(_text, _starts[l] + indent, _ends[l] - _starts[l] - indent);
        }

        // Blank lines followed by more of the scalar would be kept or folded in ways this reader leaves to YamlDotNet.
        var next = l;
        while (next < LineCount && IsBlank(next))
        {
            next++;
        }

        if (next > l && next < LineCount && Indent(next) >= indent)
        {
            Bail();
        }

        if (!strip)
        {
            // Clipping keeps the last line break, which a file that ends without one does not have.
            if (l == LineCount)
            {
                Bail();
            }

            text.Append('\n');
        }

        line = l;
        return new YamlScalar(text.ToString(), node.Line, node.Column);
    }

    private void EndOfLine(int at, int end)
    {
        var i = SkipSpaces(at, end);
        if (i < end && !(_text[i] == '#' && _text[i - 1] == ' '))
        {
            Bail();
        }
    }

    /// <summary>Where the colon of a plain key (letters, digits, '-' and '_') at <paramref name="column"/> is, or -1.</summary>
    private int KeyEnd(int line, int column)
    {
        var end = _ends[line];
        var i = _starts[line] + column;
        var start = i;
        while (i < end && (char.IsAsciiLetterOrDigit(_text[i]) || _text[i] is '-' or '_'))
        {
            i++;
        }

        return i > start && i < end && _text[i] == ':' && (i + 1 == end || _text[i + 1] == ' ') && _text[start] != '-' ? i : -1;
    }

    private bool IsDash(int line, int indent)
    {
        var at = _starts[line] + indent;
        return at < _ends[line] && _text[at] == '-' && (at + 1 == _ends[line] || _text[at + 1] == ' ');
    }

    private int Indent(int line) => SkipSpaces(_starts[line], _ends[line]) - _starts[line];

    private bool IsBlank(int line) => SkipSpaces(_starts[line], _ends[line]) == _ends[line];

    /// <summary>The first line from <paramref name="line"/> on that is neither blank nor only a comment.</summary>
    private int NextContent(int line)
    {
        while (line < LineCount)
        {
            var at = SkipSpaces(_starts[line], _ends[line]);
            if (at < _ends[line] && _text[at] != '#')
            {
                return line;
            }

            line++;
        }

        return line;
    }

    private int SkipSpaces(int at, int end)
    {
        while (at < end && _text[at] == ' ')
        {
            at++;
        }

        return at;
    }

    /// <summary>The shared copy of a key the format defines (a library repeats them thousands of times), else a new string.</summary>
    private static string KnownKey(ReadOnlySpan<char> key) =>
        Keys.TryGetValue(key, out var known) ? known : key.ToString();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Keys = new[]
    {
        "options", "comparisons", "id", "name", "aliases", "summary", "tags", "title", "area", "owner", "reviewed",
        "option", "use-when", "pros", "cons", "examples", "verdict", "default", "because", "rules", "pick", "when",
        "sources", "url", "threshold", "cases", "question", "entry",
    }.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static YamlTreeNode Bail() => throw new NotInSubsetException();

    private static T Bail<T>() => throw new NotInSubsetException();

    /// <summary>Control flow out of the recursive reader; thrown only for files outside the subset, which are rare.</summary>
    private sealed class NotInSubsetException : Exception;
}
