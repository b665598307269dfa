using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PickBot.Core;
using PickBot.Core.Knowledge;
using PickBot.Core.Rephrasing;
using PickBot.Hosting;
using PickBot.Llm;
using PickBot.Tests.Support;

namespace PickBot.Tests.Llm;

public sealed class LlmOptionsTests
{
    [Fact]
    public void AddPickBotLlm_Disabled_RegistersThePassThrough()
    {
        using var services = CreateSut(new() { ["Llm:Enabled"] = "false" });

        Assert.IsType<PassThroughRephraser>(services.GetRequiredService<IAnswerRephraser>());
        Assert.IsType<NoQuestionInterpreter>(services.GetRequiredService<IQuestionInterpreter>());
        Assert.False(services.GetRequiredService<ConversationalAnswerer>().IsEnabled);
    }

    [Fact]
    public void AddPickBotLlm_Enabled_RegistersTheSemanticKernelSteps()
    {
        using var services = CreateSut(new() { ["Llm:Enabled"] = "true", ["Llm:Endpoint"] = "http://127.0.0.1:11434/v1", ["Llm:Model"] = "llama3.1" });

        Assert.IsType<SemanticKernelRephraser>(services.GetRequiredService<IAnswerRephraser>());
        Assert.IsType<SemanticKernelInterpreter>(services.GetRequiredService<IQuestionInterpreter>());
        Assert.True(services.GetRequiredService<ConversationalAnswerer>().IsEnabled);
    }

    [Theory]
    [InlineData(null, "llama3.1", "Llm:Endpoint is required")]
    [InlineData("http://127.0.0.1:11434/v1", null, "Llm:Model is required")]
    [InlineData("127.0.0.1:11434/v1", "llama3.1", "not an absolute http(s) URL")]
    [InlineData("ftp://models.example/v1", "llama3.1", "not an absolute http(s) URL")]
    public void Validate_EnabledWithoutWhatItNeeds_FailsNamingTheSetting(string? endpoint, string? model, string expected)
    {
        using var services = CreateSut(new() { ["Llm:Enabled"] = "true", ["Llm:Endpoint"] = endpoint, ["Llm:Model"] = model });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LlmOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ApiKeyInAJsonFile_Fails()
    {
        var file = Path.Combine(Path.GetTempPath(), $"pickbot-llm-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{ "Llm": { "ApiKey": "sk-in-a-file" } }""");
        try
        {
            var configuration = new ConfigurationBuilder().AddJsonFile(file).Build();
            using var services = CreateSutFrom(configuration);

            var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LlmOptions>>().Value);

            Assert.Contains(error.Failures, f => f.Contains("Llm__ApiKey", StringComparison.Ordinal));
            Assert.DoesNotContain(error.Failures, f => f.Contains("sk-in-a-file", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ServeCommand_EnabledWithoutEndpoint_FailsAtStart()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = ServeCommand.Build(["--urls", "http://127.0.0.1:0", "--Knowledge:Path", Path.Combine(LlmKnowledge.RepositoryRoot, "knowledge"), "--Llm:Enabled", "true", "--Llm:Model", "llama3.1"]);
            await app.StartAsync();
        });

        Assert.Contains(error.Failures, f => f.Contains("Llm:Endpoint is required", StringComparison.Ordinal));
    }

    private static ServiceProvider CreateSut(Dictionary<string, string?> settings) =>
        CreateSutFrom(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    private static ServiceProvider CreateSutFrom(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        services.AddSingleton(new KnowledgeStore(LlmKnowledge.Load()));
        services.AddPickBotCore();
        services.AddPickBotLlm();
        return services.BuildServiceProvider();
    }
}
