using PickBot.Slack.Installations;

namespace PickBot.Slack.Interactions;

/// <summary>A <c>block_actions</c> interaction payload: who clicked which button on which message.</summary>
public sealed record BlockActionsPayload
{
    public string? Type { get; init; }

    public InteractionUser? User { get; init; }

    public InteractionChannel? Channel { get; init; }

    public InteractionContainer? Container { get; init; }

    public InteractionMessage? Message { get; init; }

    public string? ResponseUrl { get; init; }

    public string? TriggerId { get; init; }

    public IReadOnlyList<BlockAction> Actions { get; init; } = [];

    /// <summary>Null for an org-wide install; then <see cref="Enterprise"/> and the user's team say whose it is.</summary>
    public InteractionTeam? Team { get; init; }

    public InteractionTeam? Enterprise { get; init; }

    public bool IsEnterpriseInstall { get; init; }

    public SlackTeam? Workspace => SlackTeam.From(Team?.Id ?? User?.TeamId, Enterprise?.Id, IsEnterpriseInstall);

    public const string BlockActions = "block_actions";
}

public sealed record InteractionUser(string? Id, string? Username = null, string? TeamId = null);

public sealed record InteractionTeam(string? Id, string? Domain = null, string? Name = null);

public sealed record InteractionChannel(string? Id, string? Name = null);

public sealed record InteractionContainer(string? Type, string? MessageTs = null, string? ChannelId = null, bool? IsEphemeral = null);

public sealed record InteractionMessage(string? Ts, string? ThreadTs = null);

/// <summary>One action in the payload: for a button, its action_id and value.</summary>
public sealed record BlockAction(string? ActionId, string? BlockId = null, string? Value = null, string? Type = null, string? ActionTs = null);
