using System.ComponentModel.DataAnnotations;

namespace PickBot.Slack.Tests;

public sealed class SlackOptionsTests
{
    [Fact]
    public void Validate_Defaults_Valid()
    {
        Assert.Empty(Validate(new SlackOptions()));
    }

    [Theory]
    [InlineData(nameof(SlackOptions.CommandResponseType), "loud")]
    [InlineData(nameof(SlackOptions.ApiBaseUrl), "slack.com/api")]
    [InlineData(nameof(SlackOptions.ApiBaseUrl), "ftp://slack.com/api/")]
    [InlineData(nameof(SlackOptions.CommandName), "pick")]
    public void Validate_BadValue_NamesTheSetting(string property, string value)
    {
        var options = new SlackOptions();
        typeof(SlackOptions).GetProperty(property)!.SetValue(options, value);

        var errors = Validate(options);

        Assert.Contains(errors, e => e.MemberNames.Contains(property));
    }

    [Fact]
    public void Validate_ZeroQueueCapacity_Invalid()
    {
        Assert.NotEmpty(Validate(new SlackOptions { MentionQueueCapacity = 0 }));
    }

    [Theory]
    [InlineData("-00:00:00.001")]
    [InlineData("00:00:02.501")]
    [InlineData("00:00:03")]
    public void Validate_EnqueueWaitOutsideTheAckWindow_NamesTheSetting(string wait)
    {
        var errors = Validate(new SlackOptions { EnqueueWait = TimeSpan.Parse(wait, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(SlackOptions.EnqueueWait)));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:01")]
    [InlineData("00:00:02.500")]
    public void Validate_EnqueueWaitInsideTheAckWindow_Valid(string wait)
    {
        Assert.Empty(Validate(new SlackOptions { EnqueueWait = TimeSpan.Parse(wait, System.Globalization.CultureInfo.InvariantCulture) }));
    }

    [Fact]
    public void Validate_TotalTimeoutShorterThanAttempt_Invalid()
    {
        Assert.NotEmpty(Validate(new SlackOptions { AttemptTimeout = TimeSpan.FromSeconds(30), TotalTimeout = TimeSpan.FromSeconds(10) }));
    }

    private static List<ValidationResult> Validate(SlackOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
