using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using PickBot.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PickBot.BrowserTests;

/// <summary>The playground in a real headless Chromium against the real host on loopback: what a person sees.</summary>
public sealed class PlaygroundBrowserTests : IAsyncLifetime, IDisposable
{
    private readonly KnowledgeFolder _knowledge = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(BrowserFactAttribute.Chromium), $"{BrowserFactAttribute.Chromium} is missing: run .ci/install-browser.sh");
        SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.Chromium,
            Headless = true,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    public void Dispose() => _knowledge.Dispose();

    [BrowserFact]
    public Task Ask_SpamFilterQuestion_RendersPickLikeSlack() => WithPageAsync(async page =>
    {
        await page.Locator("#question").FillAsync("mtl vs stl for a spam filter");
        await page.Locator("#ask").ClickAsync();

        await Expect(page.GetByTestId("pick")).ToHaveTextAsync("Single Task Learning");
        await Expect(page.GetByTestId("decided-by")).ToContainTextAsync("spam filter");
        await Expect(page.GetByTestId("otherwise")).ToContainTextAsync("Choose Multi-Task Learning instead if:");
        var source = page.GetByTestId("sources").Locator("a").First;
        await Expect(source).ToHaveAttributeAsync("href", "https://doi.org/10.1023/A:1007379606734");
        await Expect(page.Locator("#problems")).ToBeHiddenAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("1 comparisons");
    });

    [BrowserFact]
    public Task DidYouMean_ClickSuggestion_AsksThatComparison() => WithPageAsync(async page =>
    {
        await page.Locator("#question").FillAsync("mtl for a spam thing");
        await page.Locator("#question").PressAsync("Enter");

        var suggestion = page.GetByTestId("suggestion").First;
        await Expect(suggestion).ToHaveTextAsync("Multi-Task Learning vs Single Task Learning");
        await suggestion.ClickAsync();

        await Expect(page.GetByTestId("pick")).ToHaveTextAsync("Multi-Task Learning");
        await Expect(page.Locator("#question")).ToHaveValueAsync("Multi-Task Learning vs Single Task Learning");
    });

    [BrowserFact]
    public Task QuestionWithMarkup_IsShownAsTextNeverAsHtml() => WithPageAsync(async page =>
    {
        await page.Locator("#question").FillAsync("<img src=x onerror=\"document.title='owned'\"> vs <b>bold</b>");
        await page.Locator("#ask").ClickAsync();

        await Expect(page.GetByTestId("answer")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#answer img, #answer b").CountAsync());
        Assert.Equal("PickBot playground", await page.TitleAsync());
    });

    [BrowserFact]
    public Task KnowledgeProblems_AreListedWithPositions() => WithPageAsync(
        async page =>
        {
            await Expect(page.GetByTestId("problem").First).ToContainTextAsync("broken.yaml:2:");
            await Expect(page.Locator("#problems")).ToBeVisibleAsync();
        },
        () => _knowledge.Write("ml/broken.yaml", "comparisons:\n  - id: Not Valid\n"));

    /// <summary>Starts the host and opens the page; on failure saves a screenshot to TestResults/browser and rethrows.</summary>
    private async Task WithPageAsync(Func<IPage, Task> test, Action? arrange = null, [CallerMemberName] string name = "")
    {
        arrange?.Invoke();
        await using var host = await RunningHost.StartAsync(_knowledge.Path);
        var page = await _browser!.NewPageAsync();
        try
        {
            await page.GotoAsync(host.BaseAddress.ToString());
            await test(page);
        }
        catch
        {
            var folder = Path.Combine(Repository.Root, "TestResults", "browser");
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
