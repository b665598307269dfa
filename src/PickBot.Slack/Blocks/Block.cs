using System.Text.Json.Serialization;

namespace PickBot.Slack.Blocks;

/// <summary>A Block Kit layout block; the subset PickBot renders, typed the way SlackNet's Blocks are.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(HeaderBlock), "header")]
[JsonDerivedType(typeof(SectionBlock), "section")]
[JsonDerivedType(typeof(ContextBlock), "context")]
[JsonDerivedType(typeof(ActionsBlock), "actions")]
[JsonDerivedType(typeof(DividerBlock), "divider")]
public abstract record Block
{
    public string? BlockId { get; init; }
}
