using Microsoft.Extensions.Logging;
using PickBot.Core.Rephrasing;
using PickBot.Slack.Formatting;
using PickBot.Slack.WebApi;

namespace PickBot.Slack.Commands;

/// <summary>
/// Replaces a slash command's immediate answer with the LLM's wording when it arrives (<c>replace_original</c>). When
/// the LLM gives nothing usable, nothing is sent: the deterministic answer already stands.
/// </summary>
public sealed class CommandRephraseHandler(
    ConversationalAnswerer answerer,
    ISlackApiClient slack,
    ILogger<CommandRephraseHandler> logger)
{
    public async Task HandleAsync(CommandRephraseWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var result = await answerer.ImproveAsync(work.Answer, cancellationToken);
        var inferred = result.Answer.Inferred && !work.Answer.Inferred;
        if (result.Rephrased is null && !inferred)
        {
            logger.LogInformation("Slash command answer in {Channel} left as it was ({Outcome})", work.Channel, result.Outcome);
            return;
        }

        var content = AnswerBlocks.Render(result.Answer, work.AskHint, result.Rephrased);
        var message = new ResponseMessage(content.Text, content.Blocks.Count > 0 ? content.Blocks : null, work.ResponseType)
        {
            ReplaceOriginal = true,
        };
        var sent = await slack.RespondAsync(work.ResponseUrl, message, cancellationToken);
        if (!sent.Ok)
        {
            logger.LogWarning("Reworded slash command answer in {Channel} NOT delivered ({Error}); the first answer stands", work.Channel, sent.Error);
        }
    }
}
