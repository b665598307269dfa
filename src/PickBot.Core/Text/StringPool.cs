using System.Collections.Concurrent;

namespace PickBot.Core.Text;

/// <summary>
/// One shared copy of each equal string for the lifetime of one knowledge base: the rules of a large library say the
/// same words ("latency", "team", "small") tens of thousands of times. Unlike <see cref="string.Intern"/>, the copies
/// go when the knowledge base does. Safe to use from several threads.
/// </summary>
internal sealed class StringPool
{
    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);

    public string Get(string value) => _strings.GetOrAdd(value, value);
}
