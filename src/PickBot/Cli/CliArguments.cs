namespace PickBot.Cli;

/// <summary>The flags and positional arguments of one verb, checked against the flags that verb knows.</summary>
internal sealed class CliArguments
{
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public CliArguments(string verb, string[] args, string[] flags, string[]? valued = null)
    {
        valued ??= [];
        var positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                positional.AddRange(args[(i + 1)..]);
                break;
            }

            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                var name = eq > 0 ? arg[..eq] : arg;
                if (flags.Contains(name) && eq < 0)
                {
                    _flags.Add(name);
                }
                else if (valued.Contains(name))
                {
                    var value = eq > 0 ? arg[(eq + 1)..] : i + 1 < args.Length ? args[++i] : throw new UsageException($"{verb}: {name} needs a value");
                    _values[name] = value;
                }
                else
                {
                    throw new UsageException($"{verb}: unknown option '{arg}'");
                }
            }
            else
            {
                positional.Add(arg);
            }
        }

        Positional = positional;
    }

    public IReadOnlyList<string> Positional { get; }

    public bool Has(string flag) => _flags.Contains(flag);

    public string? Value(string name) => _values.GetValueOrDefault(name);
}
