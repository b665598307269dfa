namespace PickBot.BrowserTests;

/// <summary>
/// A test that needs Debian's chromium. On a developer machine without it the test is skipped with the fix in the
/// message; under CI (CI=true) it runs and fails, because a browser test that silently skips proves nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(Chromium) && !IsCi)
        {
            Skip = $"{Chromium} is not installed: run .ci/install-browser.sh (under CI=true this test fails instead)";
        }
    }

    public static bool IsCi =>
        Environment.GetEnvironmentVariable("CI") is { } ci && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");
}
