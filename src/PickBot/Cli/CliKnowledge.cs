using PickBot.Core.Knowledge;

namespace PickBot.Cli;

/// <summary>Configuration and knowledge for the verbs that run and exit: the same sources the host reads.</summary>
internal static class CliKnowledge
{
    public static IConfiguration Configuration() => new ConfigurationBuilder()
        .SetBasePath(Directory.GetCurrentDirectory())
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();

    public static KnowledgeOptions Options(IConfiguration configuration)
    {
        var options = new KnowledgeOptions();
        configuration.GetSection(KnowledgeOptions.SectionName).Bind(options);
        return options;
    }

    public static KnowledgeBase Load(string? path = null)
    {
        var options = Options(Configuration());
        var loader = new KnowledgeLoader(TimeProvider.System, options.ReviewMaxAgeDays);
        return loader.Load(new DirectoryKnowledgeSource(path ?? options.Path));
    }

    /// <summary>Errors go to standard error; the sound entries are still served.</summary>
    public static void ReportErrors(KnowledgeBase kb, TextWriter error)
    {
        foreach (var problem in kb.Problems.Where(p => p.IsError))
        {
            error.WriteLine(problem);
        }
    }
}
