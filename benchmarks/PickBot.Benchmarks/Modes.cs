using System.Diagnostics;
using System.Globalization;
using PickBot.Benchmarks.Synthetic;
using PickBot.Core.Answers;
using PickBot.Core.Knowledge;

namespace PickBot.Benchmarks;

/// <summary>The measurements that are not BenchmarkDotNet runs. Each prints plain, grep-able lines.</summary>
internal static class Modes
{
    public static int Entries(string[] args, int fallback) =>
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : fallback;

    /// <summary>
    /// Resident memory with a large library in service: load, let the YAML text and parse trees go, collect, and
    /// report what the process keeps. Peak (VmHWM) includes the load itself.
    /// </summary>
    public static int Rss(int entries)
    {
        var baseline = Process.GetCurrentProcess().WorkingSet64;
        var clock = Stopwatch.StartNew();
        var engine = new PickEngine(SyntheticKnowledge.Load(entries));
        var loadTime = clock.Elapsed;
        foreach (var question in SyntheticKnowledge.Questions(entries, 64, typo: true))
        {
            engine.Ask(question);
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        var kb = engine.Knowledge;
        Console.WriteLine(Invariant($"entries={entries} options={kb.Options.Count} aliases={kb.Aliases.Count} load_s={loadTime.TotalSeconds:F2}"));
        Console.WriteLine(Invariant($"rss_mb={process.WorkingSet64 / 1048576.0:F1} peak_rss_mb={ProcStatus("VmHWM") / 1024.0:F1} gc_heap_mb={GC.GetTotalMemory(false) / 1048576.0:F1} start_rss_mb={baseline / 1048576.0:F1} server_gc={System.Runtime.GCSettings.IsServerGC}"));
        if (Environment.GetEnvironmentVariable("PICKBOT_RSS_HOLD") is { Length: > 0 } hold)
        {
            // Time to take a heap snapshot (dotnet-gcdump collect -p PID) of the library in service.
            Console.WriteLine(Invariant($"pid={Environment.ProcessId} holding {hold}s"));
            Thread.Sleep(TimeSpan.FromSeconds(int.Parse(hold, CultureInfo.InvariantCulture)));
        }

        GC.KeepAlive(engine);
        return 0;
    }

    /// <summary>
    /// Load and validate a library of <paramref name="files"/> generated files, from disk (read, parse, check, index:
    /// what start-up, reload and <c>pickbot validate</c> do) and from memory (the loader alone), several rounds in
    /// one process after a warm-up round. Prints each round and the medians; CPU time beside wall time.
    /// </summary>
    public static int Load(int files, int rounds)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"pickbot-load-{Environment.ProcessId}");
        SyntheticKnowledge.WriteTo(folder, files);
        try
        {
            var source = new DirectoryKnowledgeSource(folder);
            var documents = source.Read().Documents;
            var disk = new List<(double Wall, double Cpu, long Bytes)>();
            var memory = new List<(double Wall, double Cpu, long Bytes)>();
            for (var round = 0; round <= rounds; round++)
            {
                var fromDisk = Time(() => new KnowledgeLoader().Load(source));
                var fromMemory = Time(() => new KnowledgeLoader().Load(documents));
                if (round == 0)
                {
                    continue;
                }

                disk.Add(fromDisk);
                memory.Add(fromMemory);
                Console.WriteLine(Invariant($"round={round} disk_s={fromDisk.Wall:F2} disk_cpu_s={fromDisk.Cpu:F2} memory_s={fromMemory.Wall:F2} memory_cpu_s={fromMemory.Cpu:F2} allocated_mb={fromMemory.Bytes / 1048576.0:F0}"));
            }

            Console.WriteLine(Invariant($"files={files} rounds={rounds} median_disk_s={Median(disk, r => r.Wall):F2} median_disk_cpu_s={Median(disk, r => r.Cpu):F2} median_memory_s={Median(memory, r => r.Wall):F2} median_memory_cpu_s={Median(memory, r => r.Cpu):F2} server_gc={System.Runtime.GCSettings.IsServerGC}"));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        static (double Wall, double Cpu, long Bytes) Time(Func<KnowledgeBase> load)
        {
            GC.Collect();
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var kb = load();
            var wall = clock.Elapsed.TotalSeconds;
            process.Refresh();
            if (kb.Comparisons.Count == 0)
            {
                throw new InvalidOperationException("the generated library did not load");
            }

            return (wall, (process.TotalProcessorTime - cpu).TotalSeconds, GC.GetTotalAllocatedBytes(precise: true) - bytes);
        }

        static double Median(List<(double Wall, double Cpu, long Bytes)> runs, Func<(double Wall, double Cpu, long Bytes), double> pick)
        {
            var sorted = runs.Select(pick).Order().ToArray();
            return sorted[sorted.Length / 2];
        }
    }

    /// <summary>A quick table of the cost of one question by library size (Stopwatch medians over repeated rounds).</summary>
    public static int Scale(int[] sizes)
    {
        Console.WriteLine("entries\tload_s\texact_median_us\ttypo_median_us\texact_cpu_us\ttypo_cpu_us\texact_alloc_b\ttypo_alloc_b");
        foreach (var entries in sizes)
        {
            var clock = Stopwatch.StartNew();
            var engine = new PickEngine(SyntheticKnowledge.Load(entries));
            var load = clock.Elapsed.TotalSeconds;
            var exact = SyntheticKnowledge.Questions(entries, 64, typo: false);
            var typo = SyntheticKnowledge.Questions(entries, 256, typo: true)
                .Where(q => engine.Ask(q) is { Kind: AnswerKind.Pick, Corrections.Count: > 0 })
                .Take(64)
                .ToArray();
            var (exactUs, exactCpu, exactBytes) = Measure(engine, exact);
            var (typoUs, typoCpu, typoBytes) = Measure(engine, typo);
            Console.WriteLine(Invariant($"{entries}\t{load:F2}\t{exactUs:F2}\t{typoUs:F2}\t{exactCpu:F2}\t{typoCpu:F2}\t{exactBytes}\t{typoBytes}"));
        }

        return 0;
    }

    /// <summary>Where the time goes: load, then asking in a loop for <paramref name="seconds"/> so a profiler can attach.</summary>
    public static int Profile(int entries, int seconds)
    {
        var clock = Stopwatch.StartNew();
        var documents = SyntheticKnowledge.Documents(entries);
        Console.WriteLine(Invariant($"generate_s={clock.Elapsed.TotalSeconds:F2}"));
        clock.Restart();
        var kb = new KnowledgeLoader(TimeProvider.System, 36500).Load(documents);
        Console.WriteLine(Invariant($"load_s={clock.Elapsed.TotalSeconds:F2} comparisons={kb.Comparisons.Count} problems={kb.Problems.Count}"));
        var engine = new PickEngine(kb);
        var exact = SyntheticKnowledge.Questions(entries, 64, typo: false);
        var typo = SyntheticKnowledge.Questions(entries, 64, typo: true);
        clock.Restart();
        long asked = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            foreach (var question in asked % 2 == 0 ? exact : typo)
            {
                engine.Ask(question);
            }

            asked++;
        }

        Console.WriteLine(Invariant($"asked={asked * 64} in {clock.Elapsed.TotalSeconds:F1}s"));
        return 0;
    }

    /// <summary>Every answer to the synthetic questions as JSON, one a line: diff two builds to prove nothing changed.</summary>
    public static int Dump(int entries)
    {
        var engine = new PickEngine(SyntheticKnowledge.Load(entries));
        var questions = SyntheticKnowledge.Questions(entries, 200, typo: false)
            .Concat(SyntheticKnowledge.Questions(entries, 200, typo: true, seed: 11))
            .Concat(SyntheticKnowledge.Questions(entries, 100, typo: true, seed: 12).Select(q => q.Replace(" vs ", " ", StringComparison.Ordinal)))
            .Concat(SyntheticKnowledge.Questions(entries, 100, typo: false, seed: 13).Select(q => string.Join(' ', q.Split(' ').Skip(2))));
        foreach (var question in questions)
        {
            Console.WriteLine(AnswerDocument.From(engine.Ask(question)).ToJson());
        }

        return 0;
    }

    /// <summary>The answers from the real knowledge folder to the questions on standard input, one a line.</summary>
    public static int DumpReal(TextReader questions)
    {
        var engine = new PickEngine(new KnowledgeLoader().Load(new DirectoryKnowledgeSource(RepositoryPaths.Knowledge())));
        while (questions.ReadLine() is { } question)
        {
            Console.WriteLine(AnswerDocument.From(engine.Ask(question)).ToJson());
        }

        return 0;
    }

    /// <summary>
    /// Asks the questions on standard input against the real knowledge folder in a loop for a while (for a profiler),
    /// then prints wall and CPU time per question: CPU time holds up better than wall time on a busy shared machine.
    /// </summary>
    public static int Loop(TextReader input, int seconds)
    {
        var engine = new PickEngine(new KnowledgeLoader().Load(new DirectoryKnowledgeSource(RepositoryPaths.Knowledge())));
        var questions = new List<string>();
        while (input.ReadLine() is { } line)
        {
            questions.Add(line);
        }

        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long asked = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            foreach (var question in questions)
            {
                engine.Ask(question);
            }

            asked += questions.Count;
        }

        process.Refresh();
        var cpuUs = (process.TotalProcessorTime - cpu).TotalMicroseconds / asked;
        Console.WriteLine(Invariant($"comparisons={engine.Knowledge.Comparisons.Count} questions={questions.Count} asked={asked} wall_us_per_question={clock.Elapsed.TotalMicroseconds / asked:F2} cpu_us_per_question={cpuUs:F2}"));
        return 0;
    }

    public static int Write(int entries, string folder)
    {
        SyntheticKnowledge.WriteTo(folder, entries);
        Console.WriteLine(Invariant($"wrote {entries} files below {Path.GetFullPath(folder)}"));
        return 0;
    }

    private static (double MedianMicroseconds, double CpuMicroseconds, long BytesPerQuestion) Measure(PickEngine engine, string[] questions)
    {
        for (var warm = 0; warm < 20; warm++)
        {
            foreach (var question in questions)
            {
                engine.Ask(question);
            }
        }

        var rounds = new double[41];
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var r = 0; r < rounds.Length; r++)
        {
            var start = Stopwatch.GetTimestamp();
            foreach (var question in questions)
            {
                engine.Ask(question);
            }

            rounds[r] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / questions.Length;
        }

        var bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / (rounds.Length * questions.Length);
        process.Refresh();
        var cpuUs = (process.TotalProcessorTime - cpu).TotalMicroseconds / (rounds.Length * questions.Length);
        Array.Sort(rounds);
        return (rounds[rounds.Length / 2], cpuUs, bytes);
    }

    internal static long ProcStatus(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(field.Length + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
