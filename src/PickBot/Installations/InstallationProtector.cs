using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using PickBot.Slack.Installations;

namespace PickBot.Installations;

/// <summary>
/// An installation as stored: its JSON encrypted and authenticated with Data Protection, so a copied database file or
/// Redis dump holds no usable token without the key ring.
/// </summary>
public sealed class InstallationProtector(IDataProtectionProvider protection)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IDataProtector _protector = protection.CreateProtector("PickBot.Installations.v1");

    public string Protect(SlackInstallation installation) => _protector.Protect(JsonSerializer.Serialize(installation, Json));

    /// <exception cref="System.Security.Cryptography.CryptographicException">Not made with this key ring, or altered.</exception>
    public SlackInstallation Unprotect(string stored) =>
        JsonSerializer.Deserialize<SlackInstallation>(_protector.Unprotect(stored), Json)
        ?? throw new InvalidDataException("a stored installation is empty");
}
