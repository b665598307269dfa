using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PickBot.Slack.Installations;

/// <summary>
/// The bot scopes the install link asks for: <c>Slack:InstallScopes</c>, or else the manifest's
/// <c>oauth_config.scopes.bot</c>, so that the link and the app's configuration never disagree.
/// </summary>
public sealed class InstallScopes(IOptions<SlackInstallOptions> options, IHostEnvironment environment)
{
    private readonly Lazy<IReadOnlyList<string>> _scopes = new(() => Resolve(options.Value, environment.ContentRootPath));

    /// <summary>Comma separated, as the authorize URL wants them.</summary>
    public string Value => string.Join(',', _scopes.Value);

    /// <exception cref="InvalidOperationException">No scopes configured and none readable from the manifest.</exception>
    internal static IReadOnlyList<string> Resolve(SlackInstallOptions options, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(options.InstallScopes))
        {
            return options.InstallScopes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        var path = Path.GetFullPath(options.ManifestPath, contentRoot);
        var scopes = File.Exists(path) ? FromManifest(File.ReadAllText(path)) : [];
        return scopes.Count > 0
            ? scopes
            : throw new InvalidOperationException($"No bot scopes to install with: set Slack:InstallScopes, or point Slack:ManifestPath at the app manifest (looked in {path})");
    }

    public static IReadOnlyList<string> FromManifest(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException)
        {
            return [];
        }

        if (stream.Documents is not [{ RootNode: YamlMappingNode root }, ..]
            || Child(root, "oauth_config") is not YamlMappingNode oauth
            || Child(oauth, "scopes") is not YamlMappingNode scopes
            || Child(scopes, "bot") is not YamlSequenceNode bot)
        {
            return [];
        }

        return bot.Children.OfType<YamlScalarNode>().Select(s => s.Value).OfType<string>().Where(s => s.Length > 0).ToList();
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
}
