using PickBot.Slack.Blocks;

namespace PickBot.Slack.WebApi;

/// <summary>views.publish arguments: the Home tab of <see cref="UserId"/>.</summary>
public sealed record ViewsPublish(string UserId, HomeView View);

/// <summary>A Home tab view (up to 100 blocks).</summary>
public sealed record HomeView(IReadOnlyList<Block> Blocks)
{
    public string Type { get; init; } = "home";
}
