using BenchmarkDotNet.Running;
using PickBot.Benchmarks;

// BenchmarkDotNet by default; a few plain modes measure what it cannot (resident memory, a quick scale table) and
// give a profiler something steady to attach to.
return args.FirstOrDefault() switch
{
    "--rss" => Modes.Rss(Modes.Entries(args, 100_000)),
    "--load" => Modes.Load(Modes.Entries(args, 10_000), args.Length > 2 ? int.Parse(args[2]) : 5),
    "--scale" => Modes.Scale(args.Length > 1 ? [.. args.Skip(1).Select(int.Parse)] : [50, 1_000, 10_000, 100_000]),
    "--profile" => Modes.Profile(Modes.Entries(args, 100_000), args.Length > 2 ? int.Parse(args[2]) : 10),
    "--warm" => WarmStart.Run(Modes.Entries(args, 10_000), args.Length > 2 ? int.Parse(args[2]) : 3, args.ElementAtOrDefault(3) == "hash"),
    "--meaning" => MeaningBenchmarks.Percentiles(args.Length > 1 ? int.Parse(args[1]) : 2_000),
    "--loop" => Modes.Loop(Console.In, args.Length > 1 ? int.Parse(args[1]) : 10),
    "--dump" when args.ElementAtOrDefault(1) == "real" => Modes.DumpReal(Console.In),
    "--dump" => Modes.Dump(Modes.Entries(args, 1_000)),
    "--write" when args.Length == 3 => Modes.Write(int.Parse(args[1]), args[2]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(AskBenchmarks).Assembly).Run(args);
    return 0;
}
