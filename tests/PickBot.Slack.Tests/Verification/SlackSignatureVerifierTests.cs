using System.Text;
using Microsoft.Extensions.Time.Testing;
using PickBot.Slack.Verification;

namespace PickBot.Slack.Tests.Verification;

public sealed class SlackSignatureVerifierTests
{
    // Slack's published example (docs.slack.dev, "Verifying requests from Slack"), byte for byte.
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string Signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1531420618);

    [Fact]
    public void Verify_SlackPublishedExample_IsValid()
    {
        var sut = CreateSut(SignedAt);

        Assert.Equal(SignatureCheck.Valid, sut.Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void Verify_ManyCallsOnManyThreads_EachJudgedOnItsOwnBody()
    {
        // The keyed HMAC is kept per thread and reset after each use: no call may see another's bytes.
        using var sut = CreateSut(SignedAt);
        var tampered = Encoding.UTF8.GetBytes(Body.Replace("roadrunner", "coyote", StringComparison.Ordinal));
        var body = Encoding.UTF8.GetBytes(Body);

        var results = new SignatureCheck[400];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            results[i] = sut.Verify(Timestamp, Signature, i % 3 == 0 ? tampered : body));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(i % 3 == 0 ? SignatureCheck.Mismatch : SignatureCheck.Valid, results[i]);
        }
    }

    [Fact]
    public void Sign_SlackPublishedExample_ProducesPublishedSignature()
    {
        Assert.Equal(Signature, SlackSignatureVerifier.Sign(Secret, Timestamp, Encoding.UTF8.GetBytes(Body)));
    }

    [Theory]
    [InlineData("""{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""", "v0=f9bd80929259f3f6d5fe3a3186c453c89cd1ad4862815a15837584f31c993652")]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%7D", "v0=9dffc25b49a4a7fc2e15c9c9450bf8af09eb501fcef9039eaea3deb58af0c82c")]
    public void Verify_JsonAndPayloadVectors_AreValid(string body, string signature)
    {
        Assert.Equal(SignatureCheck.Valid, CreateSut(SignedAt).Verify(Timestamp, signature, Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Verify_UpperCaseHexDigest_IsValid()
    {
        var upper = "v0=" + Signature[3..].ToUpperInvariant();

        Assert.Equal(SignatureCheck.Valid, CreateSut(SignedAt).Verify(Timestamp, upper, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void Verify_BodyChangedByOneByte_IsMismatch()
    {
        var tampered = Encoding.UTF8.GetBytes(Body.Replace("text=&", "text=x&", StringComparison.Ordinal));

        Assert.Equal(SignatureCheck.Mismatch, CreateSut(SignedAt).Verify(Timestamp, Signature, tampered));
    }

    [Fact]
    public void Verify_BodyWithExtraBytes_IsMismatch()
    {
        Assert.Equal(SignatureCheck.Mismatch, CreateSut(SignedAt).Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body + "------")));
    }

    [Fact]
    public void Verify_WrongSecret_IsMismatch()
    {
        var sut = new SlackSignatureVerifier("another-secret", new FakeTimeProvider(SignedAt));

        Assert.Equal(SignatureCheck.Mismatch, sut.Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void Verify_TimestampOfAnotherSignature_IsMismatch()
    {
        // Same body and signature, a timestamp one second later: the timestamp is part of what is signed.
        Assert.Equal(SignatureCheck.Mismatch, CreateSut(SignedAt).Verify("1531420619", Signature, Encoding.UTF8.GetBytes(Body)));
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    [InlineData(0)]
    public void Verify_WithinFiveMinutesEitherWay_IsValid(int offsetSeconds)
    {
        Assert.Equal(SignatureCheck.Valid, CreateSut(SignedAt.AddSeconds(offsetSeconds)).Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void Verify_MoreThanFiveMinutesOld_IsStale()
    {
        Assert.Equal(SignatureCheck.StaleTimestamp, CreateSut(SignedAt.AddSeconds(301)).Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void Verify_TodayAgainstSlackExample_IsStale()
    {
        Assert.Equal(SignatureCheck.StaleTimestamp, new SlackSignatureVerifier(Secret, TimeProvider.System).Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void Verify_MoreThanFiveMinutesAhead_IsFuture()
    {
        Assert.Equal(SignatureCheck.FutureTimestamp, CreateSut(SignedAt.AddSeconds(-301)).Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Verify_MissingTimestamp_IsMissingTimestamp(string? timestamp)
    {
        Assert.Equal(SignatureCheck.MissingTimestamp, CreateSut(SignedAt).Verify(timestamp, Signature, Encoding.UTF8.GetBytes(Body)));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1531420618")]
    [InlineData("1531420618.5")]
    [InlineData("99999999999999999999999")]
    public void Verify_MalformedTimestamp_IsMalformed(string timestamp)
    {
        Assert.Equal(SignatureCheck.MalformedTimestamp, CreateSut(SignedAt).Verify(timestamp, Signature, Encoding.UTF8.GetBytes(Body)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Verify_MissingSignature_IsMissingSignature(string? signature)
    {
        Assert.Equal(SignatureCheck.MissingSignature, CreateSut(SignedAt).Verify(Timestamp, signature, Encoding.UTF8.GetBytes(Body)));
    }

    [Theory]
    [InlineData("v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    public void Verify_OtherVersion_IsUnsupported(string signature)
    {
        Assert.Equal(SignatureCheck.UnsupportedVersion, CreateSut(SignedAt).Verify(Timestamp, signature, Encoding.UTF8.GetBytes(Body)));
    }

    [Theory]
    [InlineData("v0=a2114d57")]
    [InlineData("v0=")]
    public void Verify_TruncatedSignature_IsMismatch(string signature)
    {
        Assert.Equal(SignatureCheck.Mismatch, CreateSut(SignedAt).Verify(Timestamp, signature, Encoding.UTF8.GetBytes(Body)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Verify_NoSigningSecret_FailsClosed(string? secret)
    {
        var sut = new SlackSignatureVerifier(secret, new FakeTimeProvider(SignedAt));

        Assert.Equal(SignatureCheck.NoSigningSecret, sut.Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body)));
    }

    private static SlackSignatureVerifier CreateSut(DateTimeOffset now) => new(Secret, new FakeTimeProvider(now));
}
