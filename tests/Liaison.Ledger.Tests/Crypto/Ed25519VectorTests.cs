using System.Text;
using Liaison.Ledger.Crypto;

namespace Liaison.Ledger.Tests.Crypto;

public sealed class Ed25519VectorTests
{
    // The pinned rule (libsodium's, through NSec): reject small-order or non-canonical A, small-order or
    // non-canonical R, and signatures that only satisfy the cofactored equation; accept mixed-order points that
    // satisfy the cofactorless one. Every party must verify with this same rule to agree on which entries are valid.
    private static readonly string[] RejectedFlags = ["low_order_A", "non_canonical_A", "low_order_R", "non_canonical_R", "low_order_residue"];

    [Theory]
    [MemberData(nameof(Vectors.Ids), "ed25519/rfc8032.json", MemberType = typeof(Vectors))]
    public void Sign_Rfc8032Vector_ReproducesKeyAndSignature(string id)
    {
        var c = Vectors.Case("ed25519/rfc8032.json", id);
        using var key = Ed25519PrivateKey.FromSeed(c.Hex("secret_key_seed_hex"));

        var signature = key.Sign(c.Hex("message_hex"));

        Assert.Equal(c.Str("public_key_hex"), TestTrees.Hex(key.PublicKey.Bytes));
        Assert.Equal(c.Str("signature_hex"), TestTrees.Hex(signature));
        Assert.True(key.PublicKey.Verify(c.Hex("message_hex"), signature));
    }

    [Theory]
    [MemberData(nameof(Vectors.Ids), "ed25519/wycheproof_ed25519.json", MemberType = typeof(Vectors))]
    public void Verify_WycheproofVector_MatchesExpectedResult(string id)
    {
        var c = Vectors.Case("ed25519/wycheproof_ed25519.json", id);

        var accepted = new Ed25519PublicKey(c.Hex("public_key_hex")).Verify(c.Hex("message_hex"), c.Hex("signature_hex"));

        Assert.Equal(c.Str("result") == "valid", accepted);
    }

    [Theory]
    [MemberData(nameof(Vectors.Ids), "ed25519/cctv_edge_cases.json", MemberType = typeof(Vectors))]
    public void Verify_CctvEdgeCase_FollowsPinnedLibsodiumRule(string id)
    {
        var c = Vectors.Case("ed25519/cctv_edge_cases.json", id);
        var expected = !c.StrList("flags").Intersect(RejectedFlags).Any();

        var accepted = new Ed25519PublicKey(c.Hex("public_key_hex")).Verify(Encoding.ASCII.GetBytes(c.Str("message_ascii")), c.Hex("signature_hex"));

        Assert.Equal(expected, accepted);
    }

    [Fact]
    public void Verify_CctvEdgeCases_AcceptsOnlyMixedOrderPointsAndIsStricterThanRef10()
    {
        var cases = Vectors.File("ed25519/cctv_edge_cases.json").GetProperty("cases").EnumerateArray().ToList();

        var accepted = cases.Where(c => new Ed25519PublicKey(c.Hex("public_key_hex")).Verify(Encoding.ASCII.GetBytes(c.Str("message_ascii")), c.Hex("signature_hex"))).ToList();

        Assert.Equal(26, accepted.Count);
        Assert.All(accepted, c => Assert.True(c.Bool("ref10_go_openssl_accepts")));
        Assert.All(accepted, c => Assert.True(c.Bool("zip215_accepts")));
        Assert.Equal(111, cases.Count(c => c.Bool("ref10_go_openssl_accepts")) - accepted.Count);
    }
}
