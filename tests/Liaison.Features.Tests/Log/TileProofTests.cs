using Liaison.Features.Data;
using Liaison.Features.Log;
using Liaison.Features.Tests.Infrastructure;
using Liaison.Ledger.Merkle;
using Liaison.Ledger.Tiles;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Tests.Log;

/// <summary>
/// Proofs from the stored tiles and their interiors, as the appender writes them, against a whole tree in memory: many
/// sizes (tile boundaries, sizes ending mid-tile), both readers (with the cache of interiors, and from the tiles
/// alone), after a restart, and over rows written before interiors were kept.
/// </summary>
public sealed class TileProofTests
{
    private static readonly long[] Boundaries = [1, 2, 255, 256, 257, 511, 512, 513, 65535, 65536, 65537];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Proofs_GrowingTheTreeBatchByBatch_EqualThoseOfTheTreeInMemory_AtEverySizeUpToIt(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var reference = new MemoryTree();
        var random = new Random(62);
        await using var db = database.NewContext();
        var appender = await LogAppender.LoadAsync(db, 0, Cancel);
        var cache = new FullTileCache();

        foreach (var size in new long[] { 1, 2, 3, 200, 255, 256, 257, 300, 4000, 65535, 65536, 65537, 70001 })
        {
            await AppendAsync(db, appender, reference, size);
            Assert.Equal(TestHex(reference.Root()), TestHex(appender.Head.RootHash));

            // The same cache all along, as a running server's: it keeps partial tiles and must not serve a width it lacks.
            await AssertProofsAsync(new TileHashReader(db, cache), reference, random);
        }

        await AssertProofsAsync(new TileHashReader(db), reference, random);
        await AssertStoredInteriorsAreTheTilesOwnAsync(db, reference.Size);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Proofs_AfterARestartMidTile_ReadTheStoredInteriorsAndTheAppenderGoesOn(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var reference = new MemoryTree();
        var random = new Random(63);
        await using (var db = database.NewContext())
        {
            await AppendAsync(db, await LogAppender.LoadAsync(db, 0, Cancel), reference, 65_700);
        }

        await database.ReopenAsync();
        await using (var db = database.NewContext())
        {
            await AssertProofsAsync(new TileHashReader(db, new FullTileCache()), reference, random);
            var appender = await LogAppender.LoadAsync(db, reference.Size, Cancel);
            Assert.Equal(TestHex(reference.Root()), TestHex(appender.Head.RootHash));

            await AppendAsync(db, appender, reference, 66_000);
            await AppendAsync(db, appender, reference, 66_049);

            await AssertProofsAsync(new TileHashReader(db, new FullTileCache()), reference, random);
            await AssertStoredInteriorsAreTheTilesOwnAsync(db, reference.Size);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Proofs_RowsWithoutInteriors_ComputeThem(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var reference = new MemoryTree();
        await using var db = database.NewContext();
        await AppendAsync(db, await LogAppender.LoadAsync(db, 0, Cancel), reference, 1000);

        await db.Database.ExecuteSqlRawAsync("UPDATE log_tiles SET Interior = NULL", Cancel);

        await AssertProofsAsync(new TileHashReader(db, new FullTileCache()), reference, new Random(64));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Proofs_ACacheFarSmallerThanTheTree_StayWithinItsBudgetAndCorrect(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var reference = new MemoryTree();
        await using var db = database.NewContext();
        await AppendAsync(db, await LogAppender.LoadAsync(db, 0, Cancel), reference, 20_000);
        var cache = new FullTileCache(budgetBytes: 5 * 16_448);

        await AssertProofsAsync(new TileHashReader(db, cache), reference, new Random(65));

        Assert.InRange(cache.Bytes, 1, cache.BudgetBytes);
        Assert.InRange(cache.Count, 1, 5);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ChangedInterior_ProofsFromItFailVerification_WhileRootsAndServedTilesReadTheTilesAlone(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var reference = new MemoryTree();
        await using var db = database.NewContext();
        await AppendAsync(db, await LogAppender.LoadAsync(db, 0, Cancel), reference, 600);

        // Byte 0 of the subtree (height 1, offset 1): the sibling of leaves 0 and 1 at height 1.
        await db.Database.ExecuteSqlRawAsync("UPDATE log_tiles SET Interior = substr(Interior, 1, 32) || zeroblob(1) || substr(Interior, 34) WHERE Level = 0 AND \"Index\" = 0", Cancel);

        var proof = await MerkleTree.InclusionProofAsync(0, 600, new TileHashReader(db, new FullTileCache()), Cancel);
        Assert.False(MerkleTree.VerifyInclusion(reference.ReadHashes([new NodeId(0, 0)])[0], 0, 600, proof, reference.Root()).IsSuccess);

        var tilesAlone = new TileHashReader(db);
        Assert.Equal(TestHex(reference.Root()), TestHex(await MerkleTree.RootAsync(600, tilesAlone, Cancel)));
        Assert.Equal(TestHex(reference.InclusionProof(0, 600)), TestHex(await MerkleTree.InclusionProofAsync(0, 600, tilesAlone, Cancel)));
        Assert.Equal(
            TestHex(TileLayout.Read(new TileId(0, 0, 256), 600, reference)),
            TestHex(await TileLayout.ReadAsync(new TileId(0, 0, 256), 600, tilesAlone, Cancel)));
    }

    private static byte[] Leaf(long index) => Rfc6962.HashLeaf(BitConverter.GetBytes(index));

    private static async Task AppendAsync(LiaisonDbContext db, LogAppender appender, MemoryTree reference, long size)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
        while (reference.Size < size)
        {
            var leaf = Leaf(reference.Size);
            Assert.Equal(reference.Size, appender.Append(leaf));
            reference.Append(leaf);
        }

        await appender.FlushAsync(db, Cancel);
        await transaction.CommitAsync(Cancel);
    }

    // Proofs at the tree's size, at every tile boundary below it, and at random sizes: leaves at both ends, around
    // tile boundaries and at random; old sizes likewise.
    private static async Task AssertProofsAsync(TileHashReader reader, MemoryTree reference, Random random)
    {
        var sizes = Boundaries.Append(reference.Size).Concat(Enumerable.Range(0, 4).Select(_ => 1 + random.NextInt64(reference.Size)))
            .Where(s => s <= reference.Size).Distinct().ToList();
        foreach (var size in sizes)
        {
            var indexes = Boundaries.SelectMany(b => new[] { b - 1, b }).Append(size - 1).Concat(Enumerable.Range(0, 6).Select(_ => random.NextInt64(size)))
                .Where(i => i >= 0 && i < size).Distinct();
            foreach (var index in indexes)
            {
                Assert.True(
                    TestHex(reference.InclusionProof(index, size)) == TestHex(await MerkleTree.InclusionProofAsync(index, size, reader, Cancel)),
                    $"inclusion of {index} in {size}");
            }

            var olds = Boundaries.Append(size).Append(size - 1).Concat(Enumerable.Range(0, 6).Select(_ => 1 + random.NextInt64(size)))
                .Where(o => o >= 1 && o <= size).Distinct();
            foreach (var old in olds)
            {
                Assert.True(
                    TestHex(reference.ConsistencyProof(old, size)) == TestHex(await MerkleTree.ConsistencyProofAsync(old, size, reader, Cancel)),
                    $"consistency from {old} to {size}");
                Assert.True(TestHex(reference.Root(old)) == TestHex(await MerkleTree.RootAsync(old, reader, Cancel)), $"root of {old}");
            }
        }
    }

    private static async Task AssertStoredInteriorsAreTheTilesOwnAsync(LiaisonDbContext db, long size)
    {
        var rows = await db.Set<LogTileRecord>().AsNoTracking().ToListAsync(Cancel);
        Assert.Equal(TileLayout.Tiles(size).Count(), rows.Count);
        foreach (var row in rows)
        {
            Assert.NotNull(row.Interior);
            Assert.True(TestHex(TileSubtrees.Compute(row.Hashes).Interior) == TestHex(row.Interior), $"interior of tile {row.Level}/{row.Index}");
        }
    }

    private static string TestHex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    private static string TestHex(IEnumerable<byte[]> hashes) => string.Join(",", hashes.Select(h => Convert.ToHexStringLower(h)));
}
