using System.Globalization;
using PickBot.Core.Answers;
using PickBot.Core.Evaluation;
using PickBot.Core.Knowledge;
using PickBot.Core.Semantic;

namespace PickBot.Cli;

internal static class EvalCommand
{
    private const double DefaultThreshold = 100;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var parsed = new CliArguments("eval", args, ["--calibrate", "--lexical"], ["--threshold"]);
        if (parsed.Positional.Count > 1)
        {
            throw new UsageException("eval takes at most one file or folder");
        }

        double? flagThreshold = null;
        if (parsed.Value("--threshold") is { } text)
        {
            if (!double.TryParse(text.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < 0 or > 100)
            {
                throw new UsageException($"eval: --threshold must be a percentage from 0 to 100, not '{text}'");
            }

            flagThreshold = value;
        }

        var configuration = CliKnowledge.Configuration();
        var kb = CliKnowledge.Load();
        CliKnowledge.ReportErrors(kb, error);
        var path = parsed.Positional.Count == 1 ? parsed.Positional[0] : Path.Combine(CliKnowledge.Options(configuration).Path, "eval");
        var set = EvalSetLoader.LoadPath(path);
        foreach (var problem in set.Problems)
        {
            error.WriteLine(problem);
        }

        if (set.Cases.Count == 0)
        {
            error.WriteLine($"pickbot: no evaluation cases in {path}");
            return CommandLine.Failed;
        }

        // The engine as the bot runs it: with meaning on unless Semantic:Mode is Off (or --lexical is given).
        await using var services = CliServices.Build(configuration, new KnowledgeStore(kb));
        var calibrate = parsed.Has("--calibrate");
        var meaning = !parsed.Has("--lexical") && (calibrate
            ? await Semantic.SemanticGenerators.ActivateAsync(services, Directory.GetCurrentDirectory(), CancellationToken.None, g => new MemoizingGenerator(g))
            : await CliServices.EnableMeaningAsync(services));
        var engine = services.GetRequiredService<PickEngine>();
        if (calibrate)
        {
            if (!meaning)
            {
                error.WriteLine("pickbot: eval --calibrate needs meaning on (Semantic:Mode Local or OpenAI, and a model that loads)");
                return CommandLine.Failed;
            }

            Calibration.Run(engine, services.GetRequiredService<SemanticLayer>().Options, set, output);
        }

        var report = Evaluator.Run(engine, set);
        foreach (var problem in report.CaseProblems)
        {
            error.WriteLine(problem);
        }

        foreach (var miss in report.Misses.Concat(report.Tiers.SelectMany(t => t.Misses)))
        {
            var expected = miss.Case.Entry is null ? "no match" : $"{miss.Case.Entry} / {miss.Case.Pick}{(miss.Case.DefaultOnly ? " (default)" : string.Empty)}";
            var tier = miss.Case.Tier is { } t ? $"[{t}/{miss.Case.Half}] " : string.Empty;
            output.WriteLine($"MISS {tier}{miss.Case.Location}: \"{miss.Case.Question}\"  expected: {expected}  got: {miss.Got}");
        }

        output.WriteLine();
        output.WriteLine("Per entry:");
        foreach (var entry in report.PerEntry)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {entry.Percent,6:0.0}%  {entry.Passed,4}/{entry.Total,-4} {entry.Entry}"));
        }

        var threshold = flagThreshold ?? set.ThresholdPercent ?? DefaultThreshold;
        var pass = report.CaseProblems.Count == 0 && set.Problems.Count == 0;
        if (report.Tiers.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(meaning ? "Tiers (meaning on):" : "Tiers (meaning off: floors other than negative's are not held):");
            foreach (var tier in report.Tiers)
            {
                var picks = tier.Tier == Evaluator.ImplicitTier ? string.Create(CultureInfo.InvariantCulture, $"  (right pick {tier.PicksRight}/{tier.Total}, another comparison {tier.Elsewhere})") : string.Empty;
                var floor = tier.Floor is { } f ? string.Create(CultureInfo.InvariantCulture, $"floor {f:0.#}%{(tier.BelowFloor ? "  BELOW FLOOR" : string.Empty)}") : "no floor";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {tier.Tier,-10} {tier.Half,-11} {tier.Percent,6:0.0}%  {tier.Passed,4}/{tier.Total,-4} {floor}{picks}"));

                // The floors were measured with meaning on; by words alone only a negative tier must still hold.
                pass &= !tier.BelowFloor || (!meaning && tier.Tier != "negative");
            }
        }

        if (report.Total > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Accuracy: {report.Percent:0.0}% ({report.Passed}/{report.Total}), threshold {threshold:0.#}%"));
            pass &= report.Percent >= threshold;
        }

        return pass ? CommandLine.Ok : CommandLine.Failed;
    }

}
