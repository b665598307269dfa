using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace PickBot.Playground;

/// <summary>
/// Decides who may use the playground. On loopback everyone on the machine may; once the host listens on any other
/// address the playground answers only requests that carry the configured admin token, and is off without one.
/// </summary>
public sealed class PlaygroundAccess(IServer server, IOptions<PlaygroundOptions> options)
{
    public const string TokenHeader = "X-PickBot-Token";
    public const string TokenQuery = "token";

    private bool? _exposed;

    /// <summary>Whether the host listens on an address other than loopback (known once the server has started).</summary>
    public bool Exposed => _exposed ??= IsExposed(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);

    public PlaygroundDecision Decide(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Exposed)
        {
            return PlaygroundDecision.Allowed;
        }

        var expected = options.Value.AdminToken;
        if (string.IsNullOrEmpty(expected))
        {
            return PlaygroundDecision.Off;
        }

        string? given = context.Request.Headers[TokenHeader];
        if (string.IsNullOrEmpty(given))
        {
            given = context.Request.Query[TokenQuery];
        }

        return given is not null && SameSecret(given, expected) ? PlaygroundDecision.Allowed : PlaygroundDecision.Unauthorized;
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
