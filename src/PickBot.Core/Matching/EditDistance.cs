namespace PickBot.Core.Matching;

/// <summary>
/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours each cost one,
/// so "mulit" is one edit from "multi", as a person would count it.
/// </summary>
public static class EditDistance
{
    public static int Compute(string a, string b) => Compute(a.AsSpan(), b.AsSpan(), int.MaxValue);

    /// <summary>The distance, or <c>max + 1</c> as soon as it is known to exceed <paramref name="max"/>.</summary>
    public static int Compute(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max == int.MaxValue ? Math.Max(a.Length, b.Length) : max + 1;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return Math.Max(a.Length, b.Length);
        }

        var width = b.Length + 1;
        Span<int> rows = width * 3 <= 512 ? stackalloc int[width * 3] : new int[width * 3];
        var twoBack = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);
        for (var j = 0; j < width; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, twoBack[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            var recycled = twoBack;
            twoBack = previous;
            previous = current;
            current = recycled;
        }

        return previous[b.Length];
    }

    /// <summary>
    /// How many edits a typo may have for a word of this length: none under five letters, where a single edit turns
    /// one short name into another ("mtl" and "stl"), one up to eight, two beyond.
    /// </summary>
    public static int AllowedTypos(int length) => length switch
    {
        < 5 => 0,
        < 9 => 1,
        _ => 2,
    };
}
