namespace Liaison.Features.Tests.Infrastructure;

/// <summary>Assertions on files holding secrets.</summary>
public static class FileAssert
{
    /// <summary>The file exists and only its owner may read or write it (Unix mode 0600); Windows has no such mode to check.</summary>
    public static void OwnerOnly(string path)
    {
        Assert.True(File.Exists(path), path);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }
}
