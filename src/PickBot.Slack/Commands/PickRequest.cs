using PickBot.Core.Knowledge;

namespace PickBot.Slack.Commands;

/// <summary>What a line typed to PickBot asks for, the same for <c>/pick</c>, a mention and a direct message.</summary>
public sealed record PickRequest(PickRequestKind Kind, string Text)
{
    public static PickRequest Parse(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0 || trimmed.Equals("help", StringComparison.OrdinalIgnoreCase))
        {
            return new PickRequest(PickRequestKind.Help, string.Empty);
        }

        return CatalogRequest.TryParse(trimmed, out var filter)
            ? new PickRequest(PickRequestKind.List, filter)
            : new PickRequest(PickRequestKind.Question, trimmed);
    }
}

public enum PickRequestKind
{
    Help,

    /// <summary>The catalogue; <see cref="PickRequest.Text"/> is the area or tag filter, or empty.</summary>
    List,
    Question,
}
