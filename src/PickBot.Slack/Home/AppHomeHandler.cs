using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PickBot.Core.Answers;
using PickBot.Core.Feedback;
using PickBot.Core.Knowledge;
using PickBot.Slack.Admin;
using PickBot.Slack.Events;
using PickBot.Slack.Formatting;
using PickBot.Slack.WebApi;

namespace PickBot.Slack.Home;

/// <summary>
/// Publishes the Home tab with views.publish when someone opens it (app_home_opened). Admins also see the knowledge
/// status and the most frequent unanswered questions; a feedback store that cannot answer leaves that part empty.
/// </summary>
public sealed class AppHomeHandler(
    PickEngine engine,
    KnowledgeStore store,
    AdminCommands admins,
    IFeedbackStore feedback,
    ISlackApiClient slack,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<AppHomeHandler> logger)
{
    /// <summary>The unanswered questions an admin sees are this recent.</summary>
    public static readonly TimeSpan UnansweredWindow = TimeSpan.FromDays(30);

    public async Task HandleAsync(HomeWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var admin = admins.IsAdmin(work.User) ? await AdminSectionAsync(cancellationToken) : null;
        var blocks = HomeBlocks.Render(engine, options.Value.CommandName, admin);
        var result = await slack.ViewsPublishAsync(new ViewsPublish(work.User, new HomeView(blocks)), cancellationToken);
        if (!result.Ok)
        {
            logger.LogWarning("Home tab NOT published for {User} ({Error}); is the Home tab turned on in the app's settings?", work.User, result.Error);
        }
    }

    private async Task<HomeAdminSection> AdminSectionAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<UnansweredGroup> unanswered = [];
        var now = time.GetUtcNow();
        try
        {
            var questions = await feedback.UnansweredAsync(now - UnansweredWindow, cancellationToken);
            unanswered = GapsReport.Build([], questions, store.Current, now - UnansweredWindow, now, int.MaxValue, HomeBlocks.MaxUnanswered).Unanswered;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Unanswered questions could not be read for the Home tab");
        }

        return new HomeAdminSection(KnowledgeStatus.From(store), unanswered);
    }
}
