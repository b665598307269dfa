using PickBot.LoadGen;

// The mention path under load; see LoadOptions.Usage and benchmarks/load/run-mention-bench.sh.
var (options, error) = LoadOptions.Parse(args, Environment.GetEnvironmentVariable);
if (options is null)
{
    Console.Error.WriteLine(error);
    return args.Contains("--help") || args.Contains("-h") ? 0 : 2;
}

return await new MentionBench(options, Console.Out).RunAsync();
