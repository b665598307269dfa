using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace PickBot.Playground;

/// <summary>
/// Decides who may use the playground. A request straight from this machine to a loopback-only host may; anything
/// else needs the configured admin token, and without one the playground is off for it. "Anything else" is decided by
/// the listen address and by the request: a tunnel or proxy (cloudflared, ngrok, nginx) connects from loopback, but it
/// adds forwarding headers or keeps its public Host name, and either makes the request a remote one.
/// </summary>
public sealed class PlaygroundAccess(IServer server, IOptions<PlaygroundOptions> options, ILogger<PlaygroundAccess> logger)
{
    public const string TokenHeader = "X-PickBot-Token";
    public const string TokenQuery = "token";

    /// <summary>The rate-limiter policy on <c>POST /api/ask</c>.</summary>
    public const string AskPolicy = "playground-ask";

    /// <summary>Headers a proxy or tunnel adds: their presence alone means the request did not start on this machine.</summary>
    private static readonly string[] ForwardingHeaders = ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP", "CF-Connecting-IP", "True-Client-IP"];

    private bool? _exposed;
    private int _refusedRemoteLogged;

    /// <summary>Whether the host listens on an address other than loopback (known once the server has started).</summary>
    public bool Exposed => _exposed ??= IsExposed(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);

    public PlaygroundDecision Decide(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Exposed && IsLocal(context))
        {
            return PlaygroundDecision.Allowed;
        }

        var expected = options.Value.AdminToken;
        if (string.IsNullOrEmpty(expected))
        {
            if (!Exposed && Interlocked.Exchange(ref _refusedRemoteLogged, 1) == 0)
            {
                // Once: a tunnel in front of a loopback host would otherwise log every request of every visitor.
                logger.LogWarning("Refused a playground request that came through a proxy or tunnel (or with a non-loopback Host); set Playground__AdminToken to allow it with the token");
            }

            return PlaygroundDecision.Off;
        }

        // The header is the way; ?token= stays so that a person can open the page from a link (the page then sends the
        // header), and the console log masks it.
        string? given = context.Request.Headers[TokenHeader];
        if (string.IsNullOrEmpty(given))
        {
            given = context.Request.Query[TokenQuery];
        }

        return given is not null && SameSecret(given, expected) ? PlaygroundDecision.Allowed : PlaygroundDecision.Unauthorized;
    }

    /// <summary>
    /// Whether the request came straight from a browser or tool on this machine: no forwarding header, a loopback peer
    /// (none at all in-process, as under TestServer) and a Host that names loopback.
    /// </summary>
    public static bool IsLocal(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Request.Headers;
        foreach (var header in ForwardingHeaders)
        {
            if (headers.ContainsKey(header))
            {
                return false;
            }
        }

        if (context.Connection.RemoteIpAddress is { } peer && !IPAddress.IsLoopback(peer))
        {
            return false;
        }

        var host = context.Request.Host.Host.Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    /// <summary>Any address that is not loopback exposes the host: wildcards, 0.0.0.0, a public IP, a host name, a Unix socket behind a proxy.</summary>
    public static bool IsExposed(IEnumerable<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        foreach (var address in addresses)
        {
            BindingAddress binding;
            try
            {
                binding = BindingAddress.Parse(address);
            }
            catch (FormatException)
            {
                return true;
            }

            if (binding.IsUnixPipe)
            {
                return true;
            }

            var host = binding.Host.Trim('[', ']');
            var loopback = host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
            if (!loopback)
            {
                return true;
            }
        }

        return false;
    }

    // Hashing first makes the comparison constant-time whatever the lengths.
    private static bool SameSecret(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

public enum PlaygroundDecision
{
    Allowed,

    /// <summary>Exposed with no token configured: answer 404, as if there were no playground.</summary>
    Off,

    Unauthorized,
}
