using System.Text.Json;
using System.Text.Json.Serialization;
using Liaison.Domain.Common;
using Liaison.Domain.Parties;
using Liaison.Ledger.Notes;

namespace Liaison.Features.Log;

/// <summary>One party's witness as the log knows it: where to send checkpoints and the vkey its cosignatures must verify with.</summary>
public sealed record WitnessEndpoint(string Party, string Url, string Vkey)
{
    [JsonIgnore]
    public NoteVerifierKey VerifierKey => NoteVerifierKey.Parse(Vkey).Value;

    /// <summary>The witness's name: the name in its vkey and in its cosignature lines.</summary>
    [JsonIgnore]
    public string Name => VerifierKey.Name;
}

/// <summary>
/// The witnesses the log asks to cosign, from <c>witnesses.json</c> in the data folder. A checkpoint is final when
/// every party of kind <c>party</c> has a witness that cosigned it.
/// </summary>
public sealed record WitnessDirectory(IReadOnlyList<WitnessEndpoint> Witnesses)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static WitnessDirectory None { get; } = new([]);

    /// <summary>The names of the witnesses whose cosignatures make a checkpoint final, one per party; empty if a party has none.</summary>
    public IReadOnlyList<string> RequiredFor(IEnumerable<PartyCode> parties)
    {
        var names = new List<string>();
        foreach (var party in parties)
        {
            var witness = Witnesses.FirstOrDefault(w => w.Party == party.Value);
            if (witness is null)
            {
                return [];
            }

            names.Add(witness.Name);
        }

        return names;
    }

    public static Result<WitnessDirectory> Load(string path)
    {
        if (!File.Exists(path))
        {
            return None;
        }

        try
        {
            var directory = JsonSerializer.Deserialize<WitnessDirectory>(File.ReadAllText(path), Json) ?? None;
            foreach (var witness in directory.Witnesses)
            {
                var key = NoteVerifierKey.Parse(witness.Vkey);
                if (!key.IsSuccess || key.Value.Type != NoteKeyType.Ed25519Cosignature)
                {
                    return new Error.Validation("witness-invalid", $"{path}: the witness of {witness.Party} has no cosignature/v1 vkey.");
                }

                if (!Uri.TryCreate(witness.Url, UriKind.Absolute, out _))
                {
                    return new Error.Validation("witness-invalid", $"{path}: the witness of {witness.Party} has no absolute URL.");
                }
            }

            return directory;
        }
        catch (JsonException ex)
        {
            return new Error.Validation("witness-invalid", $"{path}: {ex.Message}");
        }
    }

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
}
