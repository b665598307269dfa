namespace PickBot.Core.Knowledge;

public enum ProblemSeverity
{
    Error,
    Warning,
}

/// <summary>One problem found in the knowledge files, printed as <c>path:line:col: message</c>.</summary>
public sealed record KnowledgeProblem(SourceLocation Location, string Message, ProblemSeverity Severity = ProblemSeverity.Error)
{
    public bool IsError => Severity == ProblemSeverity.Error;

    public override string ToString() => Severity == ProblemSeverity.Warning
        ? $"{Location}: warning: {Message}"
        : $"{Location}: {Message}";
}
