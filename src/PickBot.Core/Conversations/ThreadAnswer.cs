using PickBot.Core.Answers;

namespace PickBot.Core.Conversations;

/// <summary>PickBot's answer to a question asked inside a conversation.</summary>
/// <param name="Answer">The answer as usual; for a pick, <see cref="Answer.Attributions"/> says who wrote the deciding words.</param>
/// <param name="Source">Where the comparison came from.</param>
/// <param name="Overruled">Words of earlier messages that pointed to another option and were overruled by later ones.</param>
/// <param name="WhyNot">Set when the question was "why not X?".</param>
public sealed record ThreadAnswer(Answer Answer, ComparisonSource Source, IReadOnlyList<Overruled> Overruled, WhyNot? WhyNot);

/// <summary>Earlier words that pointed to <see cref="Option"/> before later words decided otherwise.</summary>
public sealed record Overruled(OptionRef Option, Attribution Words);
