using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Liaison.Domain.Entries;
using Liaison.Domain.Parties;
using Liaison.Ledger.Crypto;
using Liaison.Ledger.Merkle;

namespace Liaison.Benchmarks;

/// <summary>
/// The per-entry work of admission, measured against Ed25519 verification as the baseline: every figure is read as a
/// ratio to the verify in the same run, never as an absolute time.
/// </summary>
[MemoryDiagnoser]
public class EntryBenchmarks
{
    private readonly byte[] _payload = new byte[512];
    private Ed25519PrivateKey _key = null!;
    private byte[] _message = [];
    private byte[] _signature = [];
    private EntryLeaf _leaf = null!;

    [GlobalSetup]
    public void Setup()
    {
        new Random(42).NextBytes(_payload);
        _key = Ed25519PrivateKey.FromSeed(SHA256.HashData("liaison benchmark key"u8));
        _message = EntrySigning.SignedMessage(_payload);
        _signature = _key.Sign(_message);
        _leaf = new EntryLeaf("statement.issue", "isr-officer", [new PartyCode("ISR"), new PartyCode("SYR")], DateTimeOffset.FromUnixTimeMilliseconds(1_767_686_400_000), KeyId.For(_key.PublicKey.Bytes).Value, _signature, SHA256.HashData(_payload));
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark(Baseline = true)]
    public bool VerifySignature() => _key.PublicKey.Verify(_message, _signature);

    [Benchmark]
    public byte[] EncodeAndHashLeaf() => Rfc6962.HashLeaf(_leaf.Encode());

    [Benchmark]
    public byte[] HashPayload() => SHA256.HashData(_payload);
}
