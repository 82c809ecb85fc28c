using System.Data.Common;
using Liaison.Features.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Liaison.Features.Entries;

/// <summary>
/// Inserts entries with one prepared statement on the sequencer's connection and transaction: the hot path of
/// appending, where EF Core's change tracking costs more than the write. The columns are those of
/// <see cref="EntryRecord"/> as <c>EntryConfiguration</c> maps them (times as Unix milliseconds).
/// </summary>
internal sealed class EntryWriter : IAsyncDisposable
{
    private readonly DbCommand _insert;
    private readonly DbParameter[] _parameters;

    private EntryWriter(DbCommand insert, DbParameter[] parameters)
    {
        _insert = insert;
        _parameters = parameters;
    }

    public static EntryWriter Create(LiaisonDbContext db)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        string[] columns = ["Seq", "Type", "Author", "Audience", "ServerTime", "ClientTime", "KeyId", "Signature", "Payload", "PayloadSha256", "LeafHash"];
        var parameters = new DbParameter[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            parameters[i] = command.AddParameter("@p" + i);
        }

        command.CommandText = $"INSERT INTO \"entries\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", parameters.Select(p => p.ParameterName))})";
        return new EntryWriter(command, parameters);
    }

    public async Task InsertAsync(EntryRecord entry)
    {
        object[] values =
        [
            entry.Seq, entry.Type, entry.Author, entry.Audience, entry.ServerTime.ToUnixTimeMilliseconds(), entry.ClientTime.ToUnixTimeMilliseconds(),
            entry.KeyId, entry.Signature, entry.Payload, entry.PayloadSha256, entry.LeafHash,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            _parameters[i].Value = values[i];
        }

        await _insert.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => _insert.DisposeAsync();
}
