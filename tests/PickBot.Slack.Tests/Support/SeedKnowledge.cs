using PickBot.Core.Answers;
using PickBot.Core.Knowledge;

namespace PickBot.Slack.Tests.Support;

/// <summary>The repository's seed entry, for tests that need real answers.</summary>
internal static class SeedKnowledge
{
    private static readonly Lazy<KnowledgeBase> Base = new(() => new KnowledgeLoader().Load(new InMemoryKnowledgeSource(
        ("seed.yaml", File.ReadAllText(Path.Combine(Root(), "knowledge", "ml", "multi-task-vs-single-task-learning.yaml"))))));

    public static PickEngine Engine() => new(Base.Value);

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PickBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PickBot.sln not found above " + AppContext.BaseDirectory);
    }
}
