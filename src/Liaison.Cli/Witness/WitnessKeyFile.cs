using Liaison.Domain.Common;
using Liaison.Ledger.Checkpoints;
using Liaison.Ledger.Notes;

namespace Liaison.Cli.Witness;

/// <summary>
/// The witness's cosignature key in its data folder: <c>witness.skey</c>, one line in the golang.org/x/mod skey format
/// (<c>PRIVATE+KEY+name+id+base64(0x01 || seed)</c>, see <see cref="NoteSignerKey"/>), readable by its owner only.
/// The same seed signs as a C2SP tlog-cosignature key (type 0x04), whose vkey has another key ID: that vkey is what
/// log operators configure. The key must not also sign as a log.
/// </summary>
public static class WitnessKeyFile
{
    public const string FileName = "witness.skey";

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    /// <summary>
    /// Makes a new key named <paramref name="name"/> in <paramref name="directory"/> (created if missing) and returns its
    /// cosignature vkey. Refuses, changing nothing, when the folder already holds a key: replacing it would silently
    /// invalidate every cosignature the old key made and every log configuration that names it.
    /// </summary>
    public static Result<NoteVerifierKey> Create(string directory, string name)
    {
        var path = PathIn(directory);
        if (File.Exists(path))
        {
            return KeyExists(path);
        }

        NoteSignerKey key;
        try
        {
            key = NoteSignerKey.Generate(name);
        }
        catch (ArgumentException)
        {
            return new Error.Validation("witness-name-invalid", $"'{name}' is not a key name: it must be non-empty, with no spaces, '+' or control characters.");
        }

        using (key)
        {
            DurableFiles.CreateOwnerOnlyDirectory(directory);
            try
            {
                DurableFiles.CreateNewOwnerOnly(path, key.ExportSkey() + "\n");
            }
            catch (IOException) when (File.Exists(path))
            {
                return KeyExists(path);
            }

            using var signer = ToCosigner(key);
            return signer.VerifierKey;
        }
    }

    /// <summary>Reads the key in <paramref name="directory"/> as a cosigner; the caller disposes it.</summary>
    public static Result<CosignatureSigner> Load(string directory)
    {
        var path = PathIn(directory);
        if (!File.Exists(path))
        {
            return new Error.NotFound("witness-key-missing", $"There is no witness key at {path}: make one with 'liaison witness init --name NAME --data {directory}'.");
        }

        var parsed = NoteSignerKey.Parse(File.ReadAllText(path).TrimEnd('\n', '\r'));
        if (!parsed.IsSuccess)
        {
            return new Error.Validation("witness-key-invalid", $"{path} is not a witness key: {parsed.Error.Detail}");
        }

        using var key = parsed.Value;
        return ToCosigner(key);
    }

    private static CosignatureSigner ToCosigner(NoteSignerKey key)
    {
        var seed = key.ExportSeed();
        try
        {
            return CosignatureSigner.FromSeed(key.Name, seed);
        }
        finally
        {
            Array.Clear(seed);
        }
    }

    private static Error KeyExists(string path) =>
        new Error.Conflict("witness-key-exists", $"{path} already holds a witness key; a new key would invalidate its cosignatures, so remove the old one yourself if you mean it.");
}
