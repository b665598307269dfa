using Microsoft.Extensions.Logging;
using PickBot.Core.Feedback;

namespace PickBot.Slack.Feedback;

/// <summary>
/// Notes a question PickBot could not answer, without making the person wait for the store: the answer goes out at
/// once and a failed write is logged (it is the admins' to-do list, not worth failing a reply for).
/// </summary>
public sealed class UnansweredRecorder(IFeedbackStore store, TimeProvider time, ILogger<UnansweredRecorder> logger)
{
    public Task RecordInBackground(string question, string? userId, string? channelId, string origin)
    {
        var item = new UnansweredQuestion(question, userId, channelId, origin, time.GetUtcNow());
        return Task.Run(async () =>
        {
            try
            {
                await store.RecordUnansweredAsync(item);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Could not record unanswered question from {Origin} in channel {Channel} by {User}", origin, channelId, userId);
            }
        });
    }
}
