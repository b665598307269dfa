namespace PickBot.Core.Knowledge;

/// <summary>Where something was written: a knowledge file and a 1-based line and column.</summary>
public readonly record struct SourceLocation(string Path, int Line, int Column)
{
    public static SourceLocation None => new(string.Empty, 0, 0);

    public override string ToString() => $"{Path}:{Line}:{Column}";
}
