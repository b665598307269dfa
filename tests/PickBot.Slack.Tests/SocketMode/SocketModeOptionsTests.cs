using System.ComponentModel.DataAnnotations;
using PickBot.Slack.SocketMode;

namespace PickBot.Slack.Tests.SocketMode;

public sealed class SocketModeOptionsTests
{
    [Theory]
    [InlineData(SlackMode.Socket, null)]
    [InlineData(SlackMode.Both, "xoxb-a-bot-token")]
    public void Validate_SocketModeWithoutAppToken_NamesTheEnvironmentVariable(SlackMode mode, string? token)
    {
        var errors = Validate(new SocketModeOptions { Mode = mode, AppToken = token });

        Assert.Contains(errors, e => e.Contains("Slack__AppToken", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_HttpModeWithoutAppToken_IsFine()
    {
        Assert.Empty(Validate(new SocketModeOptions()));
    }

    [Fact]
    public void Validate_SocketModeWithAppToken_IsFine()
    {
        Assert.Empty(Validate(new SocketModeOptions { Mode = SlackMode.Socket, AppToken = "xapp-1-x" }));
    }

    private static List<string> Validate(SocketModeOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? string.Empty).ToList();
    }
}
