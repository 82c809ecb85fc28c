using System.Text.Json;
using System.Text.Json.Serialization;
using Liaison.Features.Entries;

namespace Liaison.Features.Reconstruction;

/// <summary>
/// A reconstruction bundle (<c>liaison-bundle/v1</c>, docs/reconstruction-bundle.md): entries of the joint record with
/// their payloads, the inclusion proof of each against one final checkpoint, the key entries that prove who signed them,
/// the attachments they name, and the keys that checkpoint is signed with. Everything in it is checked offline by
/// <see cref="VerifyBundle"/>; nothing in it is trusted because it is in it.
/// </summary>
/// <param name="Format">Always <see cref="FormatName"/>.</param>
/// <param name="Mechanism">The mechanism's id, which every payload names.</param>
/// <param name="Origin">The log's origin: the checkpoint's first line and the log key's name.</param>
/// <param name="ExportedAt">When the server made the bundle (not checked: the checkpoint's cosignatures are dated).</param>
/// <param name="ExportedBy">Who asked for it: its payloads are those addressed to this party.</param>
/// <param name="Subject">What the bundle reconstructs (an incident, or just a list of entries).</param>
/// <param name="Checkpoint">The final checkpoint as a signed note: body, the log's signature and every witness's cosignature.</param>
/// <param name="LogKey">The vkey the bundle says signs the checkpoint; a verifier compares it with the key it trusts.</param>
/// <param name="Witnesses">Each party's witness whose cosignature made the checkpoint final.</param>
/// <param name="Entries">The entries asked for, oldest first.</param>
/// <param name="Keys">The key entries (mechanism.establish, party.root, key.enroll, key.revoke) that each author's key chain needs, oldest first.</param>
/// <param name="Attachments">The bytes (base64) of every attachment the entries name, by lower-case hex SHA-256.</param>
/// <param name="Pending">Entries asked for that are newer than the checkpoint: not yet final, so left out.</param>
/// <param name="Withheld">Entries asked for that are not addressed to the exporter's party, so left out.</param>
public sealed record ReconstructionBundle(
    string Format,
    string Mechanism,
    string Origin,
    DateTimeOffset ExportedAt,
    BundleExporter ExportedBy,
    BundleSubject Subject,
    string Checkpoint,
    string LogKey,
    IReadOnlyList<BundleWitness> Witnesses,
    IReadOnlyList<BundleEntry> Entries,
    IReadOnlyList<BundleEntry> Keys,
    IReadOnlyDictionary<string, string> Attachments,
    IReadOnlyList<long> Pending,
    IReadOnlyList<long> Withheld)
{
    /// <summary>The format this code writes and reads.</summary>
    public const string FormatName = "liaison-bundle/v1";

    /// <summary>How bundles are written and read: the Web defaults (camelCase), indented, any script as itself.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Reads a bundle file's bytes; null and the reason when they are not a bundle of this format.</summary>
    public static (ReconstructionBundle? Bundle, string? Problem) Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var bundle = JsonSerializer.Deserialize<ReconstructionBundle>(json, Json);
            if (bundle is null)
            {
                return (null, "the file holds no bundle");
            }

            return bundle.Format == FormatName ? (bundle, null) : (null, $"the format is '{bundle.Format}', not '{FormatName}'");
        }
        catch (JsonException ex)
        {
            return (null, "the file is not a bundle: " + ex.Message);
        }
    }
}

/// <summary>Who exported a bundle: the user and the party whose audience decided which payloads it holds.</summary>
public sealed record BundleExporter(string User, string Party);

/// <summary>What a bundle reconstructs: <c>entries</c> (a list of seqs) or, e.g., <c>incident</c> with the incident's seq.</summary>
public sealed record BundleSubject(string Kind, long? Id);

/// <summary>A party's witness and the cosignature/v1 vkey its cosignature on the checkpoint verifies with.</summary>
public sealed record BundleWitness(string Party, string Vkey);

/// <summary>
/// One entry of a bundle: the fields of its log leaf, its exact signed payload (base64) and its inclusion proof (base64
/// hashes, deepest first) in the tree of the bundle's checkpoint. The same fields as an <see cref="EntryView"/> plus the proof.
/// </summary>
public sealed record BundleEntry(
    long Seq,
    string Type,
    string Author,
    IReadOnlyList<string> Audience,
    DateTimeOffset ServerTime,
    DateTimeOffset ClientTime,
    string KeyId,
    string Sig,
    string PayloadSha256,
    string LeafHash,
    string Payload,
    IReadOnlyList<string> InclusionProof)
{
    /// <summary>The entry as the entries API serves it to its audience.</summary>
    public EntryView ToView() => new(Seq, Type, Author, Audience, ServerTime, ClientTime, KeyId, Sig, PayloadSha256, LeafHash, Payload);
}
