using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PickBot.Core.Answers;
using PickBot.Core.Text;

namespace PickBot.Core.Rephrasing;

/// <summary>
/// The answer pipeline with the optional LLM step: PickEngine answers; when it cannot place the question, the
/// interpreter may propose a comparison id, which is used only if the knowledge base has it; then the rephraser may
/// reword the pick, and <see cref="RephraseGuard"/> decides whether that wording is shown. The pick always comes from
/// PickEngine, and nothing here throws for an LLM failure: the deterministic answer is the fallback.
/// </summary>
public sealed class ConversationalAnswerer(
    PickEngine engine,
    IAnswerRephraser rephraser,
    IQuestionInterpreter interpreter,
    ILogger<ConversationalAnswerer>? logger = null,
    int maxChars = RephraseGuard.DefaultMaxChars,
    TimeSpan? waitBudget = null)
{
    /// <summary>How long a caller that cannot send a second message (a Slack mention) waits by default.</summary>
    public static readonly TimeSpan DefaultWaitBudget = TimeSpan.FromSeconds(5);

    // "hi" or "help" is not worth a model call; a sentence the parser could not place may be.
    private const int MinWordsToInterpret = 3;

    private readonly ILogger _logger = logger ?? NullLogger<ConversationalAnswerer>.Instance;

    public ConversationalAnswerer(PickEngine engine)
        : this(engine, new PassThroughRephraser(), new NoQuestionInterpreter())
    {
    }

    /// <summary>True when some LLM step is on, so a caller may wait for <see cref="ImproveAsync"/> or send a replacement.</summary>
    public bool IsEnabled => rephraser.IsEnabled || interpreter.IsEnabled;

    public PickEngine Engine => engine;

    /// <summary>How long a caller that posts only once should wait for <see cref="ImproveAsync"/> before posting what it has.</summary>
    public TimeSpan WaitBudget { get; } = waitBudget ?? DefaultWaitBudget;

    /// <summary>
    /// True when <see cref="ImproveAsync"/> may change how <paramref name="answer"/> reads: a pick to reword, or an
    /// unplaced question to interpret. Lets a caller skip queueing work that would change nothing.
    /// </summary>
    public bool CanImprove(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return (rephraser.IsEnabled && answer.Kind == AnswerKind.Pick) || ShouldInterpret(answer);
    }

    /// <summary>The deterministic answer, at once.</summary>
    public Answer Ask(string? question) => engine.Ask(question);

    /// <summary>The deterministic answer, then whatever the LLM step adds to it.</summary>
    public Task<ConversationalAnswer> AnswerAsync(string? question, CancellationToken cancellationToken = default) =>
        ImproveAsync(engine.Ask(question), cancellationToken);

    /// <summary>
    /// Adds the LLM step to an answer PickEngine already gave. Cancelling <paramref name="cancellationToken"/> (a
    /// caller's time budget) returns what is ready: the deterministic answer, or an inferred one without rewording.
    /// </summary>
    public async Task<ConversationalAnswer> ImproveAsync(Answer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var current = answer;
        if (ShouldInterpret(answer))
        {
            current = await InferAsync(answer, cancellationToken).ConfigureAwait(false) ?? answer;
        }

        if (!rephraser.IsEnabled || current.Kind != AnswerKind.Pick)
        {
            return ConversationalAnswer.Plain(current);
        }

        string? text;
        try
        {
            text = await rephraser.RephraseAsync(SlackText.ToPlain(current.Question), current, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _logger.LogInformation("Rephrasing of {Entry} not ready within the caller's budget; the plain answer goes out", current.Entry?.Id);
            return ConversationalAnswer.Plain(current, RephraseOutcome.Unavailable);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The contract says implementations do not throw; a bug in one must still not cost the answer.
            _logger.LogWarning(e, "Rephraser failed for {Entry}; the plain answer goes out", current.Entry?.Id);
            return ConversationalAnswer.Plain(current, RephraseOutcome.Unavailable);
        }

        if (text is null)
        {
            return ConversationalAnswer.Plain(current, RephraseOutcome.Unavailable);
        }

        text = text.Trim();
        var verdict = RephraseGuard.Check(text, current, engine.Knowledge, maxChars);
        if (!verdict.Accepted)
        {
            _logger.LogWarning("Rephrased text for {Entry} rejected: {Reason}; the plain answer goes out", current.Entry?.Id, verdict.Reason);
            return new ConversationalAnswer(current, null, RephraseOutcome.Rejected, verdict.Reason);
        }

        return new ConversationalAnswer(current, text, RephraseOutcome.Rephrased);
    }

    private bool ShouldInterpret(Answer answer) =>
        interpreter.IsEnabled
        && (answer.Kind == AnswerKind.NoMatch
            || (answer.Kind == AnswerKind.Help && Tokenizer.Tokenize(SlackText.ToPlain(answer.Question)).Count >= MinWordsToInterpret));

    private async Task<Answer?> InferAsync(Answer answer, CancellationToken cancellationToken)
    {
        var kb = engine.Knowledge;
        var choices = kb.Comparisons
            .Select(c => new ComparisonChoice(c.Id, c.Title, c.OptionIds.Select(kb.OptionName).ToList()))
            .ToList();
        if (choices.Count == 0)
        {
            return null;
        }

        string? id;
        try
        {
            id = await interpreter.InterpretAsync(SlackText.ToPlain(answer.Question), choices, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning(e, "Question interpreter failed; the question stays unplaced");
            return null;
        }

        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        // The model only proposes; an id the knowledge base does not have is never answered from.
        var inferred = engine.AskAbout(id.Trim(), answer.Question);
        if (inferred is null)
        {
            _logger.LogWarning("Question interpreter proposed {Proposed}, which is not a comparison id; ignored", id.Length > 100 ? id[..100] : id);
            return null;
        }

        _logger.LogInformation("Question placed by the interpreter in {Entry}", inferred.Entry?.Id);
        return inferred;
    }
}
