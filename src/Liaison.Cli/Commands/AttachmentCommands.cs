using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Liaison.Cli.Client;
using Liaison.Domain.Hotline;
using Liaison.Features.Attachments;
using Liaison.Web.Api;
using Microsoft.AspNetCore.StaticFiles;
using Spectre.Console;

namespace Liaison.Cli.Commands;

/// <summary>
/// Attachments from the command line: <c>attachment put</c> uploads a file under its SHA-256, <c>attachment get</c>
/// downloads one and checks its hash, <c>attachment list</c> shows those named by entries your party may read. <c>send
/// --attach</c> uses the same upload.
/// </summary>
public static class AttachmentCommands
{
    private static readonly FileExtensionContentTypeProvider MediaTypes = new();

    public static Command Create(CliContext context, CliApp.GlobalOptions globals)
    {
        var putFile = new Argument<string>("file") { Description = "The file to upload" };
        var put = new Command("put", "Upload a file under its SHA-256 (an entry must then name it for anyone to read it)") { putFile };
        put.SetAction(async (parse, cancellationToken) =>
        {
            var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
            using var client = context.ClientFor(profile);
            var description = await UploadAsync(client, parse.GetValue(putFile)!, cancellationToken);
            await KeysCommands.Print(context, parse, globals, description, $"Stored as {description["sha256"]} ({description["size"]} bytes).");
            return ExitCodes.Ok;
        });

        var getHash = new Argument<string>("sha256") { Description = "The attachment's SHA-256 (64 lower-case hex characters)" };
        var getOutput = new Option<string?>("--output", "-o") { Description = "Where to save it (default: its name, in the current folder)" };
        var getEntry = new Option<long?>("--entry") { Description = "The entry whose name and media type to use (default: the oldest naming it)" };
        var get = new Command("get", "Download an attachment named by an entry addressed to your party, and check its SHA-256") { getHash, getOutput, getEntry };
        get.SetAction((parse, cancellationToken) => GetAsync(context, globals, parse, parse.GetValue(getHash)!, parse.GetValue(getOutput), parse.GetValue(getEntry), cancellationToken));

        var listEntry = new Option<long?>("--entry") { Description = "Only this entry's attachments" };
        var list = new Command("list", "Attachments named by entries addressed to your party, newest first") { listEntry };
        list.SetAction((parse, cancellationToken) => ListAsync(context, globals, parse, parse.GetValue(listEntry), cancellationToken));

        return new Command("attachment", "Files attached to entries: content-addressed by SHA-256, read by the entry's audience") { put, get, list };
    }

    /// <summary>
    /// Uploads each file in turn and returns their descriptions for an entry's <c>attachments</c> array, in order.
    /// Two files with the same bytes are refused: an entry names each attachment once.
    /// </summary>
    internal static async Task<JsonArray> UploadAllAsync(LiaisonClient client, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var array = new JsonArray();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var description = await UploadAsync(client, file, cancellationToken);
            var sha = description["sha256"]!.GetValue<string>();
            if (!seen.TryAdd(sha, file))
            {
                throw new CliFailure($"{file} holds the same bytes as {seen[sha]}; attach it once.", ExitCodes.Usage);
            }

            array.Add(description);
        }

        return array;
    }

    /// <summary>Hashes <paramref name="file"/>, uploads it under that hash, and returns its description <c>{sha256, name, mediaType, size}</c>.</summary>
    internal static async Task<JsonObject> UploadAsync(LiaisonClient client, string file, CancellationToken cancellationToken)
    {
        var local = new FileInfo(file);
        if (!local.Exists)
        {
            throw new CliFailure($"there is no file '{file}'.", ExitCodes.Usage);
        }

        if (local.Length == 0)
        {
            throw new CliFailure($"'{file}' is empty; an attachment has at least one byte.", ExitCodes.Usage);
        }

        if (!Attachment.IsFileName(local.Name))
        {
            throw new CliFailure($"'{local.Name}' cannot be an attachment's name (1 to 255 characters, no control characters).", ExitCodes.Usage);
        }

        string sha;
        await using (var stream = new FileStream(local.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
        {
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        }

        var stored = await client.PutFileAsync<AttachmentStoredResponse>($"/api/v1/attachments/{sha}", local.FullName, cancellationToken);
        if (stored.Sha256 != sha || stored.Size != local.Length)
        {
            throw new CliFailure($"'{file}' changed while it was uploaded; try again.");
        }

        return new JsonObject { ["sha256"] = sha, ["name"] = local.Name, ["mediaType"] = MediaTypeOf(local.Name), ["size"] = stored.Size };
    }

    /// <summary>The media type of a file by its extension (lower case), or <c>application/octet-stream</c>.</summary>
    internal static string MediaTypeOf(string fileName) =>
        MediaTypes.TryGetContentType(fileName, out var type) && type.ToLowerInvariant() is var lower && Attachment.IsMediaType(lower) ? lower : "application/octet-stream";

    private static async Task<int> GetAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, string sha, string? output, long? entry, CancellationToken cancellationToken)
    {
        if (!Attachment.IsSha256(sha))
        {
            throw new CliFailure($"'{sha}' is not a SHA-256 (64 lower-case hex characters).", ExitCodes.Usage);
        }

        if (output is not null && File.Exists(output))
        {
            throw new CliFailure($"'{output}' already exists; choose another --output.", ExitCodes.Usage);
        }

        var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        using var client = context.ClientFor(profile);
        var folder = Path.GetDirectoryName(Path.GetFullPath(output ?? sha))!;
        Directory.CreateDirectory(folder);
        var partial = Path.Combine(folder, $".{sha}.{Guid.NewGuid():N}.part");
        try
        {
            DownloadedContent downloaded;
            string actual;
            long size;
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true))
            {
                var path = $"/api/v1/attachments/{sha}" + (entry is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"?seq={entry}"));
                downloaded = await client.DownloadAsync(path, file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                size = file.Length;
                file.Position = 0;
                actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
            }

            if (actual != sha)
            {
                throw new CliFailure($"the server sent bytes that hash to {actual}, not {sha}; nothing was saved.");
            }

            // The name comes from the server: only its last segment, and only if it is a plain file name.
            var name = downloaded.FileName is { } given && Path.GetFileName(given) is var plain && Attachment.IsFileName(plain) ? plain : sha;
            var target = Path.GetFullPath(output ?? name);
            try
            {
                File.Move(partial, target, overwrite: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                throw new CliFailure($"'{target}' already exists; choose another --output.", ExitCodes.Usage);
            }

            var result = new { path = target, sha256 = sha, size, name, mediaType = downloaded.MediaType };
            await KeysCommands.Print(context, parse, globals, result, $"Saved {target} ({size} bytes, SHA-256 checked).");
            return ExitCodes.Ok;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static async Task<int> ListAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, long? entry, CancellationToken cancellationToken)
    {
        var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        using var client = context.ClientFor(profile);
        var listed = await client.GetAsync<List<AttachmentListing>>("/api/v1/attachments" + (entry is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"?seq={entry}")), cancellationToken);
        if (parse.GetValue(globals.Json))
        {
            await context.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(listed, System.Text.Json.JsonSerializerOptions.Web));
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumns("Entry", "Name", "Media type", "Size", "SHA-256");
        foreach (var item in listed)
        {
            table.AddRow(item.Seq.ToString(CultureInfo.InvariantCulture), Markup.Escape(item.Name), Markup.Escape(item.MediaType), item.Size.ToString(CultureInfo.InvariantCulture), item.Sha256);
        }

        context.Console.Write(table);
        return ExitCodes.Ok;
    }
}
