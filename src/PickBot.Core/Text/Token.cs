namespace PickBot.Core.Text;

/// <summary>A word of a question: its normalised text and where it stands in the text it came from.</summary>
public readonly record struct Token(string Value, int Start, int Length)
{
    public int End => Start + Length;
}
