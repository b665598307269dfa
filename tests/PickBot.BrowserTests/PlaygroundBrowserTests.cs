using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PickBot.Core.Feedback;
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
        // As in Slack: the question it answered, then the bot's message with its name, avatar and time.
        await Expect(page.GetByTestId("question")).ToHaveTextAsync("mtl vs stl for a spam filter");
        var bot = page.GetByTestId("bot-message");
        await Expect(bot.Locator(".name")).ToHaveTextAsync("PickBot");
        await Expect(bot.Locator(".avatar")).ToBeVisibleAsync();
        await Expect(bot.Locator("time")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\d{1,2}:\d{2}"));
    });

    [BrowserFact]
    public Task DidYouMean_ClickSuggestion_AsksThatComparison() => WithPageAsync(async page =>
    {
        await page.Locator("#question").FillAsync("mtl for a spam thing");
        await page.Locator("#question").PressAsync("Enter");

        var suggestion = page.GetByTestId("suggestion").First;
        await Expect(suggestion).ToHaveTextAsync("Multi-Task Learning vs Single Task Learning");
        // The title once, not the title and then the same words again as the question it asks.
        await Expect(page.GetByTestId("suggestions").Locator("li").First).ToHaveTextAsync("Multi-Task Learning vs Single Task Learning");
        await suggestion.ClickAsync();

        await Expect(page.GetByTestId("pick")).ToHaveTextAsync("Multi-Task Learning");
        await Expect(page.Locator("#question")).ToHaveValueAsync("Multi-Task Learning vs Single Task Learning");
    });

    [BrowserFact]
    public Task List_ShowsTheCatalogueWithLinksToTheKnowledgePage() => WithPageAsync(async page =>
    {
        await page.Locator("#question").FillAsync("list ml");
        await page.Locator("#ask").ClickAsync();

        await Expect(page.GetByTestId("answer")).ToHaveAttributeAsync("data-kind", "list");
        var entry = page.GetByTestId("entry");
        await Expect(entry).ToHaveTextAsync("Multi-Task Learning vs Single Task Learning");
        await entry.Locator("a").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/knowledge#multi-task-vs-single-task-learning$"));
        await Expect(page.Locator("#multi-task-vs-single-task-learning")).ToBeVisibleAsync();
    });

    [BrowserFact]
    public Task HelpExamples_AreClickable() => WithPageAsync(async page =>
    {
        await page.Locator("#question").FillAsync("hello there");
        await page.Locator("#ask").ClickAsync();

        await Expect(page.GetByTestId("answer")).ToHaveAttributeAsync("data-kind", "help");
        var example = page.GetByTestId("example").Filter(new LocatorFilterOptions { HasText = "spam filter" });
        await example.ClickAsync();

        await Expect(page.GetByTestId("pick")).ToHaveTextAsync("Single Task Learning");
        await Expect(page.GetByTestId("question")).ToHaveTextAsync("mtl or stl for a spam filter?");

        // The examples under the box too.
        await page.Locator("[data-example='list']").ClickAsync();
        await Expect(page.GetByTestId("answer")).ToHaveAttributeAsync("data-kind", "list");
    });

    [BrowserFact]
    public Task EmptySubmit_ClearsThePreviousAnswer() => WithPageAsync(async page =>
    {
        await page.Locator("#question").FillAsync("mtl vs stl for a spam filter");
        await page.Locator("#ask").ClickAsync();
        await Expect(page.GetByTestId("pick")).ToBeVisibleAsync();

        await page.Locator("#question").FillAsync("   ");
        await page.Locator("#ask").ClickAsync();

        await Expect(page.GetByTestId("answer")).ToHaveCountAsync(0);
        await Expect(page.Locator("#conversation")).ToBeEmptyAsync();
    });

    [BrowserFact]
    public Task Buttons_VoteIntoTheFeedbackStoreAndShowBothSides() => WithPageAsync(async (page, host) =>
    {
        await page.Locator("#question").FillAsync("mtl vs stl for a spam filter");
        await page.Locator("#ask").ClickAsync();

        await page.GetByTestId("helpful").ClickAsync();
        await Expect(page.GetByTestId("vote-reply")).ToHaveTextAsync("Thanks! Noted that this answer helped.");
        var vote = Assert.Single(await host.App.Services.GetRequiredService<IFeedbackStore>().VotesAsync());
        Assert.True(vote.Helpful);
        Assert.Equal(("multi-task-vs-single-task-learning", "single-task-learning", "playground"), (vote.EntryId, vote.PickId, vote.ChannelId));
        Assert.Equal("mtl vs stl for a spam filter", vote.Question);

        await page.GetByTestId("both-sides").First.ClickAsync();
        var sides = page.Locator("[data-testid=both-sides]:not(button)");
        await Expect(sides).ToContainTextAsync("Use it when:");
        await Expect(sides).ToContainTextAsync("How I decide:");
        await Expect(sides).ToContainTextAsync("(my pick for your question)");
    });

    [BrowserFact]
    public Task KnowledgePage_ListsEachComparisonWithItsRules() => WithPageAsync(async page =>
    {
        await page.GetByTestId("knowledge-link").ClickAsync();

        var comparison = page.GetByTestId("comparison");
        await Expect(comparison).ToHaveCountAsync(1);
        await Expect(comparison.Locator("h3")).ToHaveTextAsync("Multi-Task Learning vs Single Task Learning");
        await Expect(comparison.GetByTestId("rule").Filter(new LocatorFilterOptions { HasText = "spam filter" })).ToContainTextAsync("Single Task Learning");
        await Expect(comparison.GetByTestId("rule").Last).ToContainTextAsync("when nothing else decides");
        await Expect(page.Locator("#summary")).ToContainTextAsync("1 comparisons with");

        await page.Locator("#filter").FillAsync("kubernetes");
        await Expect(comparison).ToBeHiddenAsync();
    });

    [BrowserFact]
    public Task QuestionWithMarkup_IsShownAsTextNeverAsHtml() => WithPageAsync(async page =>
    {
        await page.Locator("#question").FillAsync("<img src=x onerror=\"document.title='owned'\"> vs <b>bold</b>");
        await page.Locator("#ask").ClickAsync();

        await Expect(page.GetByTestId("answer")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("question")).ToHaveTextAsync("<img src=x onerror=\"document.title='owned'\"> vs <b>bold</b>");
        Assert.Equal(0, await page.Locator("#conversation img, #conversation b").CountAsync());
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

    private Task WithPageAsync(Func<IPage, Task> test, Action? arrange = null, [CallerMemberName] string name = "") =>
        WithPageAsync((page, _) => test(page), arrange, name);

    /// <summary>
    /// Starts the host and opens the page. The screenshot of the end state is kept under TestResults/browser/ (CI keeps
    /// it as an artefact), whether the test passed or failed.
    /// </summary>
    private async Task WithPageAsync(Func<IPage, RunningHost, Task> test, Action? arrange = null, [CallerMemberName] string name = "")
    {
        arrange?.Invoke();
        await using var host = await RunningHost.StartAsync(_knowledge.Path);
        var page = await _browser!.NewPageAsync();
        try
        {
            await page.GotoAsync(host.BaseAddress.ToString());
            await test(page, host);
        }
        finally
        {
            var folder = Path.Combine(Repository.Root, "TestResults", "browser");
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
            await page.CloseAsync();
        }
    }
}
