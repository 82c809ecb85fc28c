using System.Text;
using System.Text.Json;
using Liaison.Ledger.Crypto;
using static Liaison.Ledger.Conformance.CaseOutcome;

namespace Liaison.Ledger.Conformance;

/// <summary>Checks for the <c>ed25519/*</c> kinds.</summary>
internal static class Ed25519Vectors
{
    public static CaseOutcome SignVerify(JsonElement c)
    {
        using var key = Ed25519PrivateKey.FromSeed(c.Hex("secret_key_seed_hex"));
        var message = c.Hex("message_hex");
        var signature = key.Sign(message);
        return All(
            ExpectHex("public key", c.Str("public_key_hex"), key.PublicKey.Bytes),
            ExpectHex("signature", c.Str("signature_hex"), signature),
            Expect("verifies", true, key.PublicKey.Verify(message, c.Hex("signature_hex"))));
    }

    public static CaseOutcome Verify(JsonElement c) =>
        Expect("accepted", c.Str("result") == "valid", Accepts(c.Hex("public_key_hex"), c.Hex("message_hex"), c.Hex("signature_hex")));

    public static CaseOutcome VerifyEdge(JsonElement c)
    {
        var flags = c.StrList("flags");
        var expected = Ed25519Rule.Accepts(flags);
        var actual = Accepts(c.Hex("public_key_hex"), Encoding.ASCII.GetBytes(c.Str("message_ascii")), c.Hex("signature_hex"));
        return Expect($"accepted (flags {string.Join(",", flags)})", expected, actual);
    }

    private static bool Accepts(byte[] publicKey, byte[] message, byte[] signature) =>
        publicKey.Length == Ed25519PublicKey.Length && new Ed25519PublicKey(publicKey).Verify(message, signature);
}

/// <summary>
/// The Ed25519 verification rule this library implements (libsodium's, through NSec), stated over the CCTV edge-case
/// flags: reject a small-order or non-canonical public key A, a small-order or non-canonical R, and any signature that
/// only satisfies the cofactored equation (<c>low_order_residue</c>); accept mixed-order A and R that satisfy the
/// cofactorless equation. S must be below the group order L.
/// </summary>
internal static class Ed25519Rule
{
    private static readonly string[] Rejected = ["low_order_A", "non_canonical_A", "low_order_R", "non_canonical_R", "low_order_residue"];

    public static bool Accepts(IEnumerable<string> flags) => !flags.Any(f => Rejected.Contains(f, StringComparer.Ordinal));
}
