using System.Globalization;
using System.Net;
using System.Text;
using Liaison.Features.Data;
using Liaison.Ledger.Merkle;
using Liaison.Ledger.Notes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Liaison.Features.Log;

/// <summary>
/// Sends a new checkpoint to every witness with a consistency proof from the size that witness last cosigned
/// (C2SP tlog-witness add-checkpoint), verifies each returned cosignature against the witness's vkey, and keeps it.
/// A witness that refuses is logged; the checkpoint is final only once every party's witness has cosigned.
/// </summary>
public sealed partial class CollectCosignatures(IDbContextFactory<LiaisonDbContext> dbFactory, WitnessDirectory witnesses, IHttpClientFactory http, TimeProvider time, ILogger<CollectCosignatures> logger)
{
    public const string HttpClientName = "witnesses";

    public async Task HandleAsync(LogCheckpointRecord checkpoint, CancellationToken cancellationToken)
    {
        await Task.WhenAll(witnesses.Witnesses.Select(w => CosignAsync(w, checkpoint, cancellationToken)));
    }

    private async Task CosignAsync(WitnessEndpoint witness, LogCheckpointRecord checkpoint, CancellationToken cancellationToken)
    {
        // Each witness gets its own context: the requests run in parallel, and a slow witness delays no other.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lastCosigned = await db.LogCosignatures.AsNoTracking().Where(c => c.Witness == witness.Name).MaxAsync(c => (long?)c.Size, cancellationToken) ?? 0;
        var answer = await SendAsync(db, witness, checkpoint, lastCosigned, cancellationToken);
        if (answer.Status == HttpStatusCode.Conflict && long.TryParse(answer.Body.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var witnessSize) && witnessSize <= checkpoint.Size)
        {
            // The witness remembers another size (it restarted, or another log instance talked to it): prove from there.
            answer = await SendAsync(db, witness, checkpoint, witnessSize, cancellationToken);
        }

        if (answer.Status != HttpStatusCode.OK)
        {
            LogRefused(witness.Name, checkpoint.Size, (int)answer.Status, answer.Body.Trim());
            return;
        }

        var line = answer.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(l => l.StartsWith("— " + witness.Name + " ", StringComparison.Ordinal));
        if (line is null || !SignedNote.Open(checkpoint.Note + line + "\n", [witness.VerifierKey]).IsSuccess)
        {
            LogBadCosignature(witness.Name, checkpoint.Size);
            return;
        }

        db.LogCosignatures.Add(new LogCosignatureRecord { Size = checkpoint.Size, Witness = witness.Name, Line = line, ReceivedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(LiaisonDbContext db, WitnessEndpoint witness, LogCheckpointRecord checkpoint, long oldSize, CancellationToken cancellationToken)
    {
        var proof = oldSize == 0 || oldSize == checkpoint.Size ? [] : await MerkleTree.ConsistencyProofAsync(oldSize, checkpoint.Size, new TileHashReader(db), cancellationToken);
        var body = new StringBuilder().Append("old ").Append(oldSize.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in proof)
        {
            body.Append(Convert.ToBase64String(hash)).Append('\n');
        }

        body.Append('\n').Append(checkpoint.Note);
        try
        {
            using var client = http.CreateClient(HttpClientName);
            using var content = new StringContent(body.ToString(), Encoding.UTF8);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
            using var response = await client.PostAsync(witness.Url.TrimEnd('/') + "/add-checkpoint", content, cancellationToken);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (HttpRequestException ex)
        {
            return (HttpStatusCode.ServiceUnavailable, ex.Message);
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Witness {Witness} refused checkpoint {Size}: HTTP {Status} {Body}")]
    private partial void LogRefused(string witness, long size, int status, string body);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error, Message = "Witness {Witness} answered checkpoint {Size} with a cosignature that does not verify with its key")]
    private partial void LogBadCosignature(string witness, long size);
}
