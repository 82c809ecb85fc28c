using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Liaison.Domain.Entries;
using Liaison.Domain.Record;
using Liaison.Features.Data;
using Liaison.Features.Log;
using Liaison.Ledger.Merkle;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Benchmarks;

/// <summary>
/// The log at scale: builds the stored tiles (with their interiors) of trees of 1M and 10M leaves in a real SQLite file,
/// then times inclusion and consistency proofs read from those tiles through the 64 MiB tile cache, and inclusion proofs
/// through a 4 MiB one (each reads its leaf's tile), and the replay of 1M entries. Proof times are also given as a ratio
/// to one SHA-256 of a 64-byte node measured in the same run. Arguments: the tree sizes (default 1000000 10000000).
/// </summary>
internal static class LogScaleBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(a => long.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1_000_000, 10_000_000];
        var hashNs = MeasureNodeHashNanoseconds();
        Console.WriteLine($"One RFC 6962 node hash: {hashNs:F0} ns");
        foreach (var size in sizes)
        {
            await ProofsAsync(size, hashNs);
        }

        Replay(1_000_000);
        return 0;
    }

    private static async Task ProofsAsync(long size, double hashNs)
    {
        var folder = Path.Combine(Path.GetTempPath(), "liaison-log-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        var options = new DbContextOptionsBuilder<LiaisonDbContext>();
        DatabaseSetup.Configure(options, DatabaseSetup.SqliteConnectionString(folder));
        await using var db = new LiaisonDbContext(options.Options);
        await db.Database.MigrateAsync();

        var build = Stopwatch.StartNew();
        var appender = await LogAppender.LoadAsync(db, 0, CancellationToken.None);
        var leaf = new byte[32];
        for (long i = 0; i < size; i++)
        {
            BitConverter.TryWriteBytes(leaf, i);
            appender.Append(Rfc6962.HashLeaf(leaf));
            if ((i + 1) % 65_536 == 0 || i == size - 1)
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                await appender.FlushAsync(db, CancellationToken.None);
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
                db.ChangeTracker.Clear();
            }
        }

        Console.WriteLine($"Tree of {size:N0} leaves: tiles built and stored in {build.Elapsed.TotalSeconds:F1} s");
        var root = appender.Head.RootHash;
        var cache = new FullTileCache();
        var reader = new TileHashReader(db, cache);
        var random = new Random(7);
        const int Proofs = 2000;
        // A first pass fills the tile cache as a running server's would be (until it is nearly full, or has seen ten times
        // the timed proofs: at 1M every tile fits); the timed passes follow. While it fills, a proof also pays for the
        // cache's first touch of its memory; the 4 MiB pass below shows a proof that reads its leaf's tile.
        var warm = 0;
        while (warm < Proofs || (cache.Bytes < cache.BudgetBytes * 0.95 && warm < 10 * Proofs))
        {
            await MerkleTree.InclusionProofAsync(random.NextInt64(size), size, reader, CancellationToken.None);
            warm++;
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Proofs; i++)
        {
            var index = random.NextInt64(size);
            var proof = await MerkleTree.InclusionProofAsync(index, size, reader, CancellationToken.None);
            if (i < 20)
            {
                BitConverter.TryWriteBytes(leaf, index);
                if (!MerkleTree.VerifyInclusion(Rfc6962.HashLeaf(leaf), index, size, proof, root).IsSuccess)
                {
                    throw new InvalidOperationException("A proof did not verify.");
                }
            }
        }

        var inclusionUs = clock.Elapsed.TotalMicroseconds / Proofs;
        clock.Restart();
        for (var i = 0; i < Proofs; i++)
        {
            await MerkleTree.ConsistencyProofAsync(1 + random.NextInt64(size - 1), size, reader, CancellationToken.None);
        }

        var consistencyUs = clock.Elapsed.TotalMicroseconds / Proofs;
        Console.WriteLine($"  inclusion proof:   {inclusionUs:F0} µs each ({inclusionUs * 1000 / hashNs:F0} node hashes; goal <= 100 µs)");
        Console.WriteLine($"  consistency proof: {consistencyUs:F0} µs each ({consistencyUs * 1000 / hashNs:F0} node hashes; goal <= 100 µs)");
        // The bound when the cache holds little beyond the upper tiles: nearly every proof reads its leaf's tile from SQLite.
        var small = new FullTileCache(4L << 20);
        var fromDisk = new TileHashReader(db, small);
        for (var i = 0; i < Proofs / 4; i++)
        {
            await MerkleTree.InclusionProofAsync(random.NextInt64(size), size, fromDisk, CancellationToken.None);
        }

        clock.Restart();
        for (var i = 0; i < Proofs; i++)
        {
            await MerkleTree.InclusionProofAsync(random.NextInt64(size), size, fromDisk, CancellationToken.None);
        }

        var fromDiskUs = clock.Elapsed.TotalMicroseconds / Proofs;
        Console.WriteLine($"  inclusion proof, 4 MiB cache ({small.Count:N0} tiles: the upper ones, the leaf's tile read from SQLite): {fromDiskUs:F0} µs each");
        Console.WriteLine($"  tile cache: {cache.Count:N0} tiles, {cache.Bytes / 1048576.0:F1} MiB (budget {cache.BudgetBytes / 1048576.0:F0} MiB) after {warm:N0} warm-up proofs; managed heap {GC.GetTotalMemory(true) / 1048576.0:F0} MiB");
        await db.Database.CloseConnectionAsync();
        Directory.Delete(folder, recursive: true);
    }

    private static void Replay(int count)
    {
        var entries = new List<ReplayEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var payload = Encoding.UTF8.GetBytes($$"""{"type":"statement.issue","mechanism":"isr-syr","author":"isr-officer","audience":["ISR","SYR"],"clientTime":"2026-01-09T10:00:00.000Z","subject":"s{{i}}","body":"b","lang":"en"}""");
            entries.Add(new ReplayEntry(i, EntryTypes.StatementIssue, "isr-officer", "00000000000000000000000000000000", payload));
        }

        var clock = Stopwatch.StartNew();
        var state = RecordReplay.Replay("isr-syr", "USA", entries);
        var digest = state.Digest();
        Console.WriteLine($"Replay of {count:N0} entries: {clock.Elapsed.TotalSeconds:F2} s (goal <= 60 s); digest {digest[..16]}…");
    }

    private static double MeasureNodeHashNanoseconds()
    {
        var left = SHA256.HashData("left"u8);
        var right = SHA256.HashData("right"u8);
        var clock = Stopwatch.StartNew();
        const int Count = 200_000;
        for (var i = 0; i < Count; i++)
        {
            left = Rfc6962.HashChildren(left, right);
        }

        return clock.Elapsed.TotalNanoseconds / Count;
    }
}
