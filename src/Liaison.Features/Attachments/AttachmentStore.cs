using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Liaison.Domain.Attachments;
using Liaison.Domain.Common;
using Liaison.Domain.Hotline;
using Liaison.Features.Bootstrap;

namespace Liaison.Features.Attachments;

/// <summary>What an upload did: the bytes are stored under <see cref="Sha256"/>, just now (<see cref="Created"/>) or before.</summary>
public sealed record StoredAttachment(string Sha256, long Size, bool Created);

/// <summary>
/// The attachments' bytes, content-addressed, under the data folder (<see cref="DataFolder.AttachmentFile"/>). A file is
/// written once per hash: streamed to a temporary file while its SHA-256 is computed, flushed to disk, then renamed into
/// place, so a reader finds the whole file or none. Files are never changed or removed, so whatever was found stored
/// stays stored. Thread-safe; one server process per data folder.
/// </summary>
public sealed class AttachmentStore
{
    private const int ChunkBytes = 81920;
    private readonly DataFolder _folder;
    private readonly string _temporary;

    public AttachmentStore(DataFolder folder)
    {
        _folder = folder;
        _temporary = Path.Combine(folder.AttachmentsDirectory, "tmp");

        // What an interrupted upload left behind is never read: only renamed files are attachments.
        if (Directory.Exists(_temporary))
        {
            foreach (var stale in Directory.EnumerateFiles(_temporary, "*.part"))
            {
                File.Delete(stale);
            }
        }
    }

    /// <summary>The size of the stored bytes of <paramref name="sha256"/>, or null when they are not stored.</summary>
    public long? SizeOf(string sha256)
    {
        var file = new FileInfo(_folder.AttachmentFile(sha256));
        return file.Exists ? file.Length : null;
    }

    /// <summary>The stored file of <paramref name="sha256"/> (which must be stored: see <see cref="SizeOf"/>).</summary>
    public string PathOf(string sha256) => _folder.AttachmentFile(sha256);

    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="sha256"/> after checking, while reading it, that it holds 1
    /// to <paramref name="maxBytes"/> bytes (<c>attachment-empty</c>, <c>attachment-too-large</c>: reading stops at the
    /// first byte over) and hashes to <paramref name="sha256"/> (<c>attachment-hash-mismatch</c>). On any failure nothing
    /// is stored. Bytes already stored are read and checked but not written again.
    /// </summary>
    public async Task<Result<StoredAttachment>> SaveAsync(string sha256, Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        if (!Attachment.IsSha256(sha256))
        {
            return AttachmentErrors.InvalidHash(sha256);
        }

        var final = _folder.AttachmentFile(sha256);
        var alreadyStored = File.Exists(final);
        string? temporary = null;
        try
        {
            FileStream? output = null;
            if (!alreadyStored)
            {
                Directory.CreateDirectory(_temporary);
                temporary = Path.Combine(_temporary, Guid.NewGuid().ToString("N") + ".part");
                output = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous });
            }

            long size;
            byte[] hash;
            await using (output)
            {
                using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[ChunkBytes];
                size = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        return AttachmentErrors.TooLarge(sha256, size, maxBytes);
                    }

                    hasher.AppendData(buffer, 0, read);
                    if (output is not null)
                    {
                        await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    }
                }

                hash = hasher.GetHashAndReset();
                if (output is not null && size > 0)
                {
                    await output.FlushAsync(cancellationToken);
                    output.Flush(flushToDisk: true);
                }
            }

            if (size == 0)
            {
                return AttachmentErrors.Empty(sha256);
            }

            var actual = Convert.ToHexStringLower(hash);
            if (!string.Equals(actual, sha256, StringComparison.Ordinal))
            {
                return AttachmentErrors.HashMismatch(sha256, actual);
            }

            if (alreadyStored)
            {
                return new StoredAttachment(sha256, size, Created: false);
            }

            var folder = Path.GetDirectoryName(final)!;
            var newFolder = !Directory.Exists(folder);
            Directory.CreateDirectory(folder);
            try
            {
                File.Move(temporary!, final, overwrite: false);
            }
            catch (IOException) when (File.Exists(final))
            {
                // The same bytes were stored by a concurrent upload: content-addressed, so theirs is ours.
                return new StoredAttachment(sha256, size, Created: false);
            }

            SyncDirectory(folder);
            if (newFolder)
            {
                SyncDirectory(_folder.AttachmentsDirectory);
            }

            return new StoredAttachment(sha256, size, Created: true);
        }
        finally
        {
            if (temporary is not null && File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>
    /// fsync(2) on a folder so that a file renamed into it survives a crash. .NET cannot open a folder as a file, hence
    /// libc; Windows needs none (NTFS journals the rename).
    /// </summary>
    private static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var descriptor = Libc.Open(Encoding.UTF8.GetBytes(directory + "\0"), 0);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open the folder {directory} to sync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Libc.Fsync(descriptor) != 0)
            {
                throw new IOException($"Cannot sync the folder {directory} (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Libc.Close(descriptor);
        }
    }

    private static class Libc
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        public static extern int Open(byte[] path, int flags);

        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
        public static extern int Fsync(int descriptor);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        public static extern int Close(int descriptor);
    }
}
