using PickBot.Core.Knowledge;
using PickBot.Core.Matching;
using PickBot.Core.Text;

namespace PickBot.Core.Feedback;

/// <summary>
/// The admins' to-do list: what people asked that PickBot could not answer (similar wordings grouped), the entries
/// people found least helpful, and the entries nobody has reviewed for too long.
/// </summary>
/// <param name="Since">Only feedback from this time on was read; null for all of it.</param>
public sealed record GapsReport(
    DateTimeOffset GeneratedAt,
    DateTimeOffset? Since,
    IReadOnlyList<UnansweredGroup> Unanswered,
    IReadOnlyList<DownvotedEntry> Downvoted,
    IReadOnlyList<StaleEntry> Stale)
{
    /// <summary>Each list is cut to this many items: a to-do list, not a dump.</summary>
    public const int DefaultTop = 20;

    private const int MaxVariants = 5;
    private const int MaxSampleQuestions = 3;

    public static async Task<GapsReport> BuildAsync(
        IFeedbackStore store,
        KnowledgeBase knowledge,
        DateTimeOffset? since,
        DateTimeOffset now,
        int reviewMaxAgeDays,
        int top = DefaultTop,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var votes = await store.VotesAsync(since, cancellationToken);
        var unanswered = await store.UnansweredAsync(since, cancellationToken);
        return Build(votes, unanswered, knowledge, since, now, reviewMaxAgeDays, top);
    }

    public static GapsReport Build(
        IReadOnlyList<Vote> votes,
        IReadOnlyList<UnansweredQuestion> unanswered,
        KnowledgeBase knowledge,
        DateTimeOffset? since,
        DateTimeOffset now,
        int reviewMaxAgeDays,
        int top = DefaultTop)
    {
        ArgumentNullException.ThrowIfNull(votes);
        ArgumentNullException.ThrowIfNull(unanswered);
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        return new GapsReport(
            now,
            since,
            GroupUnanswered(unanswered.Where(q => since is null || q.At >= since)).Take(top).ToList(),
            Downvotes(votes.Where(v => since is null || v.At >= since), knowledge).Take(top).ToList(),
            StaleEntries(knowledge, now, reviewMaxAgeDays).Take(top).ToList());
    }

    /// <summary>
    /// The words that carry a question's meaning, stemmed and sorted, so "Kafka or RabbitMQ?" and "rabbitmq vs kafka"
    /// meet. Function words and comparison words are dropped; a question made only of them keeps all its words.
    /// </summary>
    public static IReadOnlyList<string> KeyWords(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var tokens = Tokenizer.Tokenize(SlackText.ToPlain(question));
        var words = tokens.Select(t => t.Value).Where(w => !Words.Stop.Contains(w) && !Words.ComparisonWords.Contains(w)).ToList();
        if (words.Count == 0)
        {
            words = tokens.Select(t => t.Value).ToList();
        }

        return words.Select(Tokenizer.Stem).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<UnansweredGroup> GroupUnanswered(IEnumerable<UnansweredQuestion> questions)
    {
        // Exact key groups first, then fold groups into clusters: a wording joins a cluster when it has the cluster's
        // key words (a typo allowed as the parser allows one), so "kafka vs rabbitmq for order events" joins "kafka or
        // rabbitmq". A one-word cluster only takes the same word, or every question naming it would land there.
        var groups = questions
            .Where(q => !string.IsNullOrWhiteSpace(q.Question))
            .GroupBy(q => string.Join(' ', KeyWords(q.Question)), StringComparer.Ordinal)
            .Select(g => (Words: g.Key.Length == 0 ? [] : g.Key.Split(' '), Questions: g.ToList()))
            .OrderBy(g => g.Words.Length)
            .ThenByDescending(g => g.Questions.Count)
            .ThenBy(g => string.Join(' ', g.Words), StringComparer.Ordinal);
        var clusters = new List<(string[] Core, List<UnansweredQuestion> Questions)>();
        foreach (var group in groups)
        {
            var home = clusters.FindIndex(c => c.Core.Length == group.Words.Length
                ? Covers(c.Core, group.Words)
                : c.Core.Length >= 2 && Covers(c.Core, group.Words));
            if (home < 0)
            {
                clusters.Add((group.Words, group.Questions));
            }
            else
            {
                clusters[home].Questions.AddRange(group.Questions);
            }
        }

        return clusters
            .Select(c => ToGroup(c.Core, c.Questions))
            .OrderByDescending(g => g.Count)
            .ThenByDescending(g => g.LastAsked)
            .ThenBy(g => g.Question, StringComparer.Ordinal);
    }

    /// <summary>Every core word has its own match among the words, exactly or within the parser's typo allowance.</summary>
    private static bool Covers(string[] core, string[] words)
    {
        var used = new bool[words.Length];
        foreach (var word in core)
        {
            var found = -1;
            for (var i = 0; i < words.Length && found < 0; i++)
            {
                if (!used[i] && words[i] == word)
                {
                    found = i;
                }
            }

            for (var i = 0; i < words.Length && found < 0; i++)
            {
                // A digit is never a typo: "vue2" and "vue3" are different questions.
                var allowed = word.Any(char.IsDigit) || words[i].Any(char.IsDigit) ? 0 : EditDistance.AllowedTypos(Math.Min(word.Length, words[i].Length));
                if (!used[i] && allowed > 0 && EditDistance.Compute(word, words[i], allowed) <= allowed)
                {
                    found = i;
                }
            }

            if (found < 0)
            {
                return false;
            }

            used[found] = true;
        }

        return true;
    }

    private static UnansweredGroup ToGroup(string[] core, List<UnansweredQuestion> questions)
    {
        var wordings = questions
            .GroupBy(q => Tokenizer.Normalize(SlackText.ToPlain(q.Question)), StringComparer.Ordinal)
            .Select(g => (Count: g.Count(), Last: g.Max(q => q.At), Text: g.OrderByDescending(q => q.At).First().Question.Trim()))
            .OrderByDescending(w => w.Count)
            .ThenByDescending(w => w.Last)
            .ToList();
        return new UnansweredGroup(
            wordings[0].Text,
            questions.Count,
            core,
            wordings.Skip(1).Take(MaxVariants).Select(w => w.Text).ToList(),
            questions.Max(q => q.At),
            questions.Select(q => q.Origin).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
    }

    private static IEnumerable<DownvotedEntry> Downvotes(IEnumerable<Vote> votes, KnowledgeBase knowledge) => votes
        .GroupBy(v => v.EntryId ?? string.Empty, StringComparer.Ordinal)
        .Where(g => g.Any(v => !v.Helpful))
        .Select(g =>
        {
            var down = g.Where(v => !v.Helpful).OrderByDescending(v => v.At).ToList();
            var id = g.Key.Length == 0 ? null : g.Key;
            return new DownvotedEntry(
                id,
                id is null ? null : knowledge.FindComparison(id)?.Title,
                down.Count,
                g.Count(v => v.Helpful),
                down.Select(v => v.Question.Trim()).Where(q => q.Length > 0).Distinct(StringComparer.Ordinal).Take(MaxSampleQuestions).ToList(),
                down[0].At);
        })
        .OrderByDescending(e => e.Down)
        .ThenByDescending(e => e.Down - e.Up)
        .ThenByDescending(e => e.LastDown);

    private static IEnumerable<StaleEntry> StaleEntries(KnowledgeBase knowledge, DateTimeOffset now, int reviewMaxAgeDays)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return knowledge.Comparisons
            .Select(c => (Comparison: c, Days: c.Reviewed is { } reviewed ? today.DayNumber - reviewed.DayNumber : (int?)null))
            .Where(x => x.Days is null || x.Days > reviewMaxAgeDays)
            .OrderByDescending(x => x.Days ?? int.MaxValue)
            .ThenBy(x => x.Comparison.Id, StringComparer.Ordinal)
            .Select(x => new StaleEntry(x.Comparison.Id, x.Comparison.Title, x.Comparison.Owner, x.Comparison.Reviewed, x.Days));
    }
}

/// <summary>Unanswered questions with similar wording.</summary>
/// <param name="Question">The most asked wording, as written.</param>
/// <param name="KeyWords">The words the group was formed on.</param>
/// <param name="Variants">Other wordings in the group, most asked first.</param>
public sealed record UnansweredGroup(
    string Question,
    int Count,
    IReadOnlyList<string> KeyWords,
    IReadOnlyList<string> Variants,
    DateTimeOffset LastAsked,
    IReadOnlyList<string> Origins);

/// <summary>An entry with thumbs-down votes; <see cref="EntryId"/> is null for votes on answers that named no entry.</summary>
public sealed record DownvotedEntry(
    string? EntryId,
    string? Title,
    int Down,
    int Up,
    IReadOnlyList<string> Questions,
    DateTimeOffset LastDown);

/// <summary>An entry not reviewed within the configured number of days; <see cref="DaysSinceReview"/> is null when it has no review date.</summary>
public sealed record StaleEntry(
    string EntryId,
    string Title,
    string Owner,
    DateOnly? Reviewed,
    int? DaysSinceReview);
