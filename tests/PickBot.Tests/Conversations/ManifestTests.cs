using PickBot.Tests.Support;

namespace PickBot.Tests.Conversations;

/// <summary>The app manifest asks for what reading threads, naming people and the Home tab need.</summary>
public sealed class ManifestTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(Repository.Root, "slack", "manifest.yml"));

    [Theory]
    [InlineData("channels:history")]
    [InlineData("groups:history")]
    [InlineData("mpim:history")]
    [InlineData("im:history")]
    [InlineData("users:read")]
    public void BotScopes_IncludeWhatThreadsNeed(string scope)
    {
        var scopes = Lines.SkipWhile(l => l.Trim() != "bot:").Skip(1).TakeWhile(l => !l.StartsWith("settings:", StringComparison.Ordinal));
        Assert.Contains(scopes, l => l.Trim() == "- " + scope);
    }

    [Fact]
    public void HomeTab_IsOnAndItsEventSubscribed()
    {
        Assert.Contains(Lines, l => l.Trim() == "home_tab_enabled: true");
        Assert.Contains(Lines, l => l.Trim() == "- app_home_opened");
    }
}
