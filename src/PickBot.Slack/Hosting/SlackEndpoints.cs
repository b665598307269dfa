using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using PickBot.Slack.Commands;
using PickBot.Slack.Events;
using PickBot.Slack.Interactions;

namespace PickBot.Slack.Hosting;

/// <summary>
/// The HTTP transport: each endpoint reads and verifies the raw body, parses it, and hands it to a transport-agnostic
/// handler. Bad input is a 4xx or a polite ignore; no exception escapes to Slack.
/// </summary>
public static class SlackEndpoints
{
    public const string CommandsPath = "/slack/commands";
    public const string EventsPath = "/slack/events";
    public const string InteractionsPath = "/slack/interactions";

    /// <summary>What a refused event's 503 suggests; Slack's own schedule (at once, 1 min, 5 min) decides in practice.</summary>
    private const string RetryAfterSeconds = "1";

    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost(CommandsPath, HandleCommandAsync).DisableAntiforgery();
        endpoints.MapPost(EventsPath, HandleEventAsync).DisableAntiforgery();
        endpoints.MapPost(InteractionsPath, HandleInteractionAsync).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> HandleCommandAsync(HttpContext context, SlackRequestReader reader, PickCommandHandler handler, ILoggerFactory logs)
    {
        var request = await reader.ReadAsync(context, allowSslCheck: true);
        if (request.FailureStatus is { } status)
        {
            return Results.StatusCode(status);
        }

        if (request.IsSslCheck)
        {
            return Results.Ok();
        }

        SlashCommand? command;
        try
        {
            command = SlashCommand.FromForm(SlackForm.Parse(request.Body));
        }
        catch (InvalidDataException e)
        {
            logs.CreateLogger(typeof(SlackEndpoints)).LogWarning("Malformed slash command form: {Reason}", e.Message);
            return Results.BadRequest();
        }

        if (command is null)
        {
            logs.CreateLogger(typeof(SlackEndpoints)).LogWarning("Slash command request without command, user_id or channel_id");
            return Results.BadRequest();
        }

        var response = await handler.HandleAsync(command, context.RequestAborted);
        return new SlashCommandJsonResult(response);
    }

    private static async Task<IResult> HandleEventAsync(HttpContext context, SlackRequestReader reader, SlackEventDispatcher dispatcher, ILoggerFactory logs)
    {
        var request = await reader.ReadAsync(context);
        if (request.FailureStatus is { } status)
        {
            return Results.StatusCode(status);
        }

        var log = logs.CreateLogger(typeof(SlackEndpoints));
        EventEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<EventEnvelope>(request.Body, SlackJson.Options);
        }
        catch (JsonException e)
        {
            log.LogWarning("Malformed Events API JSON: {Reason}", e.Message);
            return Results.BadRequest();
        }

        if (envelope is null)
        {
            return Results.BadRequest();
        }

        if (envelope.Type == EventEnvelope.UrlVerification)
        {
            return string.IsNullOrEmpty(envelope.Challenge) ? Results.BadRequest() : Results.Text(envelope.Challenge, "text/plain");
        }

        var headers = context.Request.Headers;
        var retryNum = int.TryParse(headers["X-Slack-Retry-Num"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        string? retryReason = headers["X-Slack-Retry-Reason"];
        DispatchResult result;
        try
        {
            result = await dispatcher.HandleAsync(envelope, retryNum, retryReason, context.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only a failing seam (a shared dedupe store) gets here; a 5xx makes Slack deliver the event again later.
            log.LogError(e, "Event {EventId} could not be accepted; Slack will retry it", envelope.EventId);
            return Unavailable(context);
        }

        // Not acknowledged: Slack redelivers a non-2xx (the dispatcher logged it and forgot the event id).
        return result == DispatchResult.QueueFull ? Unavailable(context) : Results.Ok();
    }

    /// <summary>
    /// 503 with a Retry-After: Slack keeps its own retry schedule, but a proxy or a load generator may honour it.
    /// </summary>
    private static IResult Unavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds;
        return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> HandleInteractionAsync(HttpContext context, SlackRequestReader reader, InteractionHandler handler, ILoggerFactory logs)
    {
        var request = await reader.ReadAsync(context);
        if (request.FailureStatus is { } status)
        {
            return Results.StatusCode(status);
        }

        var log = logs.CreateLogger(typeof(SlackEndpoints));
        BlockActionsPayload? payload;
        try
        {
            var json = SlackForm.Field(SlackForm.Parse(request.Body), "payload");
            if (string.IsNullOrWhiteSpace(json))
            {
                log.LogWarning("Interaction request without a payload field");
                return Results.BadRequest();
            }

            payload = JsonSerializer.Deserialize<BlockActionsPayload>(json, SlackJson.Options);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or NotSupportedException)
        {
            log.LogWarning("Malformed interaction payload: {Reason}", e.Message);
            return Results.BadRequest();
        }

        if (payload is null)
        {
            return Results.BadRequest();
        }

        if (payload.Type != BlockActionsPayload.BlockActions)
        {
            log.LogInformation("Ignored interaction of type {Type}", payload.Type);
            return Results.Ok();
        }

        await handler.HandleAsync(payload, context.RequestAborted);
        return Results.Ok();
    }
}
