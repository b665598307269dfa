using PickBot.Core.Answers;

namespace PickBot.Core.Conversations;

/// <summary>"Why not X?": when X would win, and what in the conversation pointed away from it.</summary>
/// <param name="Option">The option asked about.</param>
/// <param name="IsPick">X is the pick already: nothing pointed away from it.</param>
/// <param name="When">The entry's "choose X when".</param>
/// <param name="Cues">Signals that would make X the pick.</param>
/// <param name="PointedAway">The deciding words of the pick, with who wrote them.</param>
public sealed record WhyNot(OptionRef Option, bool IsPick, string When, IReadOnlyList<string> Cues, IReadOnlyList<Attribution> PointedAway);
