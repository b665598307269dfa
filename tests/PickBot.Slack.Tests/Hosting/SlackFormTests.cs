using System.Text;
using PickBot.Slack.Hosting;

namespace PickBot.Slack.Tests.Hosting;

/// <summary>Slack's certificate probe is told apart from a slash command without parsing every command's form.</summary>
public sealed class SlackFormTests
{
    [Theory]
    [InlineData("ssl_check=1&token=abc", true)]
    [InlineData("token=abc&ssl_check=1", true)]
    [InlineData("SSL_CHECK=1&token=abc", true)]
    [InlineData("ssl_check=0&token=abc", false)]
    [InlineData("command=%2Fpick&text=is+ssl_check+a+thing&user_id=U1", false)]
    [InlineData("command=%2Fpick&text=mtl+vs+stl&user_id=U1&channel_id=C1&response_url=https%3A%2F%2Fhooks.slack.com%2Fx", false)]
    [InlineData("{\"ssl_check\":\"1\"}", false)]
    [InlineData("", false)]
    public void IsSslCheck_Body_TellsTheProbeApart(string body, bool expected) =>
        Assert.Equal(expected, SlackForm.IsSslCheck(Encoding.UTF8.GetBytes(body)));
}
