using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PickBot.Core.Knowledge;

/// <summary>
/// YamlDotNet's parser, guarded for files anyone can edit. YamlDotNet builds its node tree recursively, so a file
/// nested thousands of levels deep overflows the stack and kills the process (a reload must never do that); and on
/// some malformed input its scanner throws a bare exception without a position. This wrapper refuses nesting deeper
/// than any knowledge file needs and remembers the last position it read, for the problem report.
/// </summary>
internal sealed class GuardedYamlParser(IParser inner, int maxDepth) : IParser
{
    private int _depth;

    public ParsingEvent? Current => inner.Current;

    /// <summary>Where the last event started: the best position to report when the parser fails without one.</summary>
    public Mark LastPosition { get; private set; } = Mark.Empty;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        var current = inner.Current!;
        LastPosition = current.Start;
        if (current is SequenceStart or MappingStart && ++_depth > maxDepth)
        {
            throw new YamlException(current.Start, current.End, $"nested more than {maxDepth} levels deep; a knowledge file needs only a few");
        }

        if (current is SequenceEnd or MappingEnd)
        {
            _depth--;
        }

        return true;
    }
}
