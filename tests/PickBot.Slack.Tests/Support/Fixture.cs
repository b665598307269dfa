namespace PickBot.Slack.Tests.Support;

/// <summary>Slack payloads as JSON files (Fixtures/), shaped like the examples in Slack's documentation.</summary>
internal static class Fixture
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
}
