using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using PickBot.Slack.Hosting;

namespace PickBot.Slack.Tests.Properties;

/// <summary>
/// <see cref="SlackForm.Parse"/> reads the bytes itself; ASP.NET Core's <see cref="FormReader"/> over the decoded text
/// is the specification: the same pairs, values and limits for any input, well-formed or not.
/// </summary>
[Properties(MaxTest = 500)]
public sealed class SlackFormProperties
{
    private static readonly string[] Pieces =
    [
        "&", "=", "%", "%ZZ", "%E2%82", "%F0%9F%98%80", "+", "%2B", "%26", "%3D", "%00", "command=%2Fpick", "user_id=U1",
        "USER_ID=U2", "channel_id=C1", "text=", "text=mtl+vs+stl", "payload=%7B%22a%22%3A1%7D", "ssl_check=1", "==", "&&",
        "\u0000", "\uD800", "é", "<@U1>", "%2", "a", " ", "%20",
    ];

    [Property]
    public void Parse_AnyBytes_SameAsFormReader(byte[] body) => AssertSame(body ?? []);

    [Property]
    public Property Parse_FormLikeText_SameAsFormReader() => Prop.ForAll(
        Gen.ArrayOf(Gen.Elements(Pieces), 0).Select(parts => string.Concat(parts)).ToArbitrary(),
        text => AssertSame(Encoding.UTF8.GetBytes(text)));

    [Property]
    public Property Parse_EncodedFields_SameAsFormReader() => Prop.ForAll(
        Gen.ArrayOf(ArbMap.Default.GeneratorFor<(NonNull<string> Key, string? Value)>(), 0).ToArbitrary(),
        fields =>
        {
            var body = string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key.Get) + "=" + Uri.EscapeDataString(f.Value ?? string.Empty).Replace("%20", "+", StringComparison.Ordinal)));
            AssertSame(Encoding.UTF8.GetBytes(body));
        });

    [Theory]
    [InlineData(SlackForm.KeyLengthLimit, SlackForm.KeyLengthLimit + 1, 1, 1)]
    [InlineData(1, 1, SlackForm.ValueLengthLimit, SlackForm.ValueLengthLimit + 1)]
    public void Parse_AtAndOverTheLengthLimits_SameAsFormReader(int keyAt, int keyOver, int valueAt, int valueOver)
    {
        AssertSame(Encoding.UTF8.GetBytes(new string('k', keyAt) + "=" + new string('v', valueAt)));
        AssertSame(Encoding.UTF8.GetBytes(new string('k', keyOver) + "=" + new string('v', valueOver)));
        AssertSame(Encoding.UTF8.GetBytes("a=1&" + new string('k', keyOver)));

        // Two bytes per character: the limit counts characters.
        AssertSame(Encoding.UTF8.GetBytes(new string('é', keyAt) + "=" + new string('é', valueAt)));
    }

    [Theory]
    [InlineData(SlackForm.ValueCountLimit)]
    [InlineData(SlackForm.ValueCountLimit + 1)]
    public void Parse_AtAndOverTheValueCount_SameAsFormReader(int fields) =>
        AssertSame(Encoding.UTF8.GetBytes(string.Join('&', Enumerable.Range(0, fields).Select(i => $"f{i % 7}=x{i}"))));

    private static void AssertSame(byte[] body)
    {
        Dictionary<string, StringValues>? expected = null;
        Dictionary<string, StringValues>? actual = null;
        var expectedError = Record.Exception(() =>
        {
            using var reader = new FormReader(Encoding.UTF8.GetString(body));
            expected = reader.ReadForm();
        });
        var actualError = Record.Exception(() => actual = SlackForm.Parse(body));

        Assert.Equal(expectedError?.GetType(), actualError?.GetType());
        if (expectedError is null)
        {
            Assert.Equal(
                expected!.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.ToArray())),
                actual!.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.ToArray())));
            Assert.Equal(expected!.Comparer, actual!.Comparer);
        }
    }
}
