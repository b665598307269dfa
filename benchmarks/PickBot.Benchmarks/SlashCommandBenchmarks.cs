using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using PickBot.Core.Answers;
using PickBot.Core.Knowledge;
using PickBot.Slack;
using PickBot.Slack.Commands;
using PickBot.Slack.Formatting;
using PickBot.Slack.Hosting;
using PickBot.Slack.Verification;

namespace PickBot.Benchmarks;

/// <summary>
/// The work PickBot does for one signed <c>/pick</c> request, stage by stage, on the same body the load harness sends:
/// what the HTTP figure in docs/performance.md is made of above Kestrel's own floor.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SlashCommandBenchmarks : IDisposable
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=example&channel_id=C2147483705&channel_name=test"
        + "&user_id=U2147483697&user_name=Steve&command=%2Fpick&text=mtl+vs+stl&api_app_id=A123456"
        + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1234%2F5678&trigger_id=13345224609.738474920.8088930838d88f008e0");

    private readonly ArrayBufferWriter<byte> _output = new(8192);
    private SlackSignatureVerifier _verifier = null!;
    private PickEngine _engine = null!;
    private string _timestamp = null!;
    private string _signature = null!;
    private SlashCommandResponse _response = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new PickEngine(new KnowledgeLoader().Load(new DirectoryKnowledgeSource(RepositoryPaths.Knowledge())));
        _verifier = new SlackSignatureVerifier(Secret, TimeProvider.System);
        _timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        _signature = SlackSignatureVerifier.Sign(Secret, _timestamp, Body);
        _response = Answer();
    }

    public void Dispose()
    {
        _verifier?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public SignatureCheck Verify() => _verifier.Verify(_timestamp, _signature, Body);

    [Benchmark]
    public SlashCommand? ParseForm() => SlashCommand.FromForm(SlackForm.Parse(Body));

    [Benchmark]
    public SlashCommandResponse Answer() =>
        SlashCommandResponse.From(SlackOptions.InChannel, AnswerBlocks.Render(_engine.Ask("mtl vs stl"), "/pick"));

    [Benchmark]
    public int Serialize()
    {
        _output.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_output);
        JsonSerializer.Serialize(writer, _response, SlackJson.Options);
        return _output.WrittenCount;
    }
}
