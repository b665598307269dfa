using System.Globalization;
using PickBot.Core.Answers;
using PickBot.Core.Evaluation;
using PickBot.Core.Knowledge;

namespace PickBot.Cli;

internal static class EvalCommand
{
    private const double DefaultThreshold = 100;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var parsed = new CliArguments("eval", args, [], ["--threshold"]);
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

        var kb = CliKnowledge.Load();
        CliKnowledge.ReportErrors(kb, error);
        var path = parsed.Positional.Count == 1 ? parsed.Positional[0] : Path.Combine(CliKnowledge.Options(CliKnowledge.Configuration()).Path, "eval");
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

        var report = Evaluator.Run(new PickEngine(new KnowledgeStore(kb)), set);
        foreach (var problem in report.CaseProblems)
        {
            error.WriteLine(problem);
        }

        foreach (var miss in report.Misses)
        {
            var expected = miss.Case.Entry is null ? "no match" : $"{miss.Case.Entry} / {miss.Case.Pick}";
            output.WriteLine($"MISS {miss.Case.Location}: \"{miss.Case.Question}\"  expected: {expected}  got: {miss.Got}");
        }

        output.WriteLine();
        output.WriteLine("Per entry:");
        foreach (var entry in report.PerEntry)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {entry.Percent,6:0.0}%  {entry.Passed,4}/{entry.Total,-4} {entry.Entry}"));
        }

        var threshold = flagThreshold ?? set.ThresholdPercent ?? DefaultThreshold;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Accuracy: {report.Percent:0.0}% ({report.Passed}/{report.Total}), threshold {threshold:0.#}%"));
        var pass = report.Percent >= threshold && report.CaseProblems.Count == 0 && set.Problems.Count == 0;
        return pass ? CommandLine.Ok : CommandLine.Failed;
    }
}
