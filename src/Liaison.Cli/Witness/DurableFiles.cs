using System.Runtime.InteropServices;
using System.Text;

namespace Liaison.Cli.Witness;

/// <summary>
/// File writes that survive a crash or power loss once they return: the bytes are flushed to the disk, and on Unix the
/// folder is synced too, so a rename or a new file is not lost with the folder's cached entry.
/// </summary>
internal static class DurableFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Makes <paramref name="directory"/> (and its parents) if missing, readable by the current user only.</summary>
    public static void CreateOwnerOnlyDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerOnly | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Creates a new file holding <paramref name="contents"/>, readable by its owner only.</summary>
    /// <exception cref="IOException">The file exists (<see cref="FileMode.CreateNew"/>) or cannot be written.</exception>
    public static void CreateNewOwnerOnly(string path, string contents)
    {
        WriteFile(path, contents, FileMode.CreateNew);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="contents"/> atomically: a reader sees the old file or the new
    /// one, never a part. Writes <c>path.tmp</c>, flushes it to disk, renames it over the file, then syncs the folder.
    /// Two writers of the same path must not run at once (they share the temporary file).
    /// </summary>
    public static void ReplaceAtomically(string path, string contents)
    {
        var temporary = path + ".tmp";
        var renamed = false;
        try
        {
            WriteFile(temporary, contents, FileMode.Create);
            File.Move(temporary, path, overwrite: true);
            renamed = true;
        }
        finally
        {
            if (!renamed)
            {
                File.Delete(temporary);
            }
        }

        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Appends <paramref name="text"/> to <paramref name="path"/> (creating it) and flushes it to disk.</summary>
    public static void Append(string path, string text)
    {
        var created = !File.Exists(path);
        using (var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            stream.Write(Utf8.GetBytes(text));
            stream.Flush(flushToDisk: true);
        }

        if (created)
        {
            SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        }
    }

    private static void WriteFile(string path, string contents, FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using var stream = new FileStream(path, options);
        stream.Write(Utf8.GetBytes(contents));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// fsync(2) on the folder, so that a file created or renamed in it survives a crash. .NET cannot open a folder as a
    /// file, hence libc. Windows has no equivalent and needs none (NTFS journals the rename).
    /// </summary>
    private static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Utf8.GetBytes(directory + "\0");
        var descriptor = Libc.Open(path, 0);
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
