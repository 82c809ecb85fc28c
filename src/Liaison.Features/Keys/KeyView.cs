namespace Liaison.Features.Keys;

/// <summary>A signing key as the API shows it. Public keys are visible to every party: anyone must be able to verify any signature.</summary>
public sealed record KeyView(
    string KeyId,
    string PublicKey,
    string Owner,
    string OwnerKind,
    string Party,
    string Status,
    DateTimeOffset RequestedAt,
    long? EnrolledBySeq,
    long? RevokedBySeq,
    string? RevocationReason)
{
    internal static KeyView From(SigningKeyRecord k) => new(
        k.KeyId,
        Convert.ToBase64String(k.PublicKey),
        k.Owner,
        k.OwnerKind.ToString(),
        k.Party,
        k.Status.ToString(),
        k.RequestedAt,
        k.EnrolledBySeq,
        k.RevokedBySeq,
        k.RevocationReason);
}
