namespace PickBot.Slack.Verification;

/// <summary>The outcome of checking one request's signature; everything but <see cref="Valid"/> is a 401.</summary>
public enum SignatureCheck
{
    Valid,
    NoSigningSecret,
    MissingTimestamp,
    MalformedTimestamp,
    StaleTimestamp,
    FutureTimestamp,
    MissingSignature,
    UnsupportedVersion,
    Mismatch,
}
