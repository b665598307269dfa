using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PickBot.Core.Answers;
using PickBot.Core.Rephrasing;
using PickBot.Slack.Admin;
using PickBot.Slack.Events;
using PickBot.Slack.Feedback;
using PickBot.Slack.Formatting;
using PickBot.Slack.Installations;
using PickBot.Slack.Limits;

namespace PickBot.Slack.Commands;

/// <summary>
/// <c>/pick &lt;question&gt;</c>, answered synchronously: the engine is fast enough for Slack's 3-second window. A pick
/// goes to the channel (configurable); help, the list and "no match" go only to the person who asked. With the LLM
/// step on, the same answer is queued for rewording, which replaces it through response_url when ready.
/// </summary>
public sealed partial class PickCommandHandler(
    PickEngine engine,
    ConversationalAnswerer answerer,
    SlackWorkChannel queue,
    UnansweredRecorder unanswered,
    AdminCommands admin,
    IRateLimiter limiter,
    IOptions<SlackAdminOptions> limits,
    IOptions<SlackOptions> options,
    ILogger<PickCommandHandler> logger)
{
    public const string ErrorText = "Sorry, something went wrong while answering that. Please try again in a moment.";

    public async Task<SlashCommandResponse> HandleAsync(SlashCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        cancellationToken.ThrowIfCancellationRequested();

        // The rewording queued below goes out in this team's scope too.
        using var scope = SlackTeamScope.Enter(command.Team);
        try
        {
            var decision = await limiter.TryAcquireAsync(command.UserId, cancellationToken);
            if (!decision.Allowed)
            {
                var limit = limits.Value.PickRequestsPerMinute;
                logger.LogInformation("{User} is over the limit of {Limit} commands a minute", command.UserId, limit);
                return new SlashCommandResponse(SlackOptions.Ephemeral, UserRateLimiter.Refusal(limit, decision.RetryAfter));
            }

            // Only the bare word is a verb: "/pick status page vs statuspage.io" is still a question.
            var text = command.Text.Trim();
            if (AdminCommands.IsAdminVerb(text) && string.Equals(command.Command, options.Value.CommandName, StringComparison.OrdinalIgnoreCase))
            {
                return new SlashCommandResponse(SlackOptions.Ephemeral, await admin.HandleAsync(text, command.UserId, options.Value.CommandName, cancellationToken));
            }

            return Answer(command);
        }
        catch (Exception e)
        {
            // Slack shows a 500 as "operation_timeout"; the person gets a friendly ephemeral line instead.
            logger.LogError(e, "Slash command {Command} from {User} in {Channel} failed", command.Command, command.UserId, command.ChannelId);
            return new SlashCommandResponse(SlackOptions.Ephemeral, ErrorText);
        }
    }

    private SlashCommandResponse Answer(SlashCommand command)
    {
        var name = options.Value.CommandName;
        if (!string.Equals(command.Command, name, StringComparison.OrdinalIgnoreCase))
        {
            logger.LogWarning("Unknown slash command {Command} from {User}; only {Known} is handled", command.Command, command.UserId, name);
            return new SlashCommandResponse(SlackOptions.Ephemeral, $"I only answer {name}.");
        }

        var request = PickRequest.Parse(command.Text);
        switch (request.Kind)
        {
            case PickRequestKind.Help:
                return SlashCommandResponse.From(SlackOptions.Ephemeral, HelpBlocks.Render(name));
            case PickRequestKind.List:
                return SlashCommandResponse.From(SlackOptions.Ephemeral, CatalogBlocks.Render(engine.Knowledge, request.Text, name));
        }

        var text = request.Text;
        var answer = answerer.Ask(text);
        switch (answer.Kind)
        {
            case AnswerKind.Pick:
                LogAnswered(logger, name, command.ChannelId, answer.Entry!.Id, answer.Pick!.Id, answer.RuleId);
                QueueRewording(command, answer, options.Value.CommandResponseType, name);
                return SlashCommandResponse.From(options.Value.CommandResponseType, AnswerBlocks.Render(answer, name));
            case AnswerKind.NoMatch:
                _ = unanswered.RecordInBackground(text, command.UserId, command.ChannelId, "command");
                QueueRewording(command, answer, SlackOptions.Ephemeral, name);
                return SlashCommandResponse.From(SlackOptions.Ephemeral, AnswerBlocks.Render(answer, name));
            default:
                QueueRewording(command, answer, SlackOptions.Ephemeral, name);
                return SlashCommandResponse.From(SlackOptions.Ephemeral, HelpBlocks.Render(name));
        }
    }

    // Generated: the one log line of every answered command, without boxing its values into an array.
    [LoggerMessage(Level = LogLevel.Information, Message = "Answered {Command} in {Channel}: {Entry} -> {Pick} ({Rule})")]
    private static partial void LogAnswered(ILogger logger, string command, string channel, string entry, string pick, string? rule);

    /// <summary>The immediate answer never waits for the LLM; its wording (or placement) follows as a replacement.</summary>
    private void QueueRewording(SlashCommand command, Answer answer, string responseType, string askHint)
    {
        if (!answerer.CanImprove(answer)
            || !Uri.TryCreate(command.ResponseUrl, UriKind.Absolute, out var responseUrl))
        {
            return;
        }

        if (!queue.TryEnqueue(new CommandRephraseWork(answer, responseUrl, responseType, askHint, command.ChannelId)))
        {
            logger.LogWarning("Work queue full: the answer in {Channel} goes out without the LLM's wording", command.ChannelId);
        }
    }
}
