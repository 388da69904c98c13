using System.Runtime.InteropServices;

namespace Grimoire.Core.Audit;

/// <summary>
/// Makes a folder's entries durable: after a file is created, its name lives in the folder, and until the folder
/// itself is fsynced a power cut can lose the new file even though its bytes were fsynced. On Linux and macOS this
/// opens the folder and fsyncs it (.NET cannot open a folder as a file); elsewhere, and on file systems that do not
/// support it, it does nothing.
/// </summary>
internal static class DirectorySync
{
    private const int ReadOnly = 0; // O_RDONLY, the same on every Unix
    private const int InvalidArgument = 22; // EINVAL: this file system cannot fsync a folder
    private const int NotSupported95 = 95; // EOPNOTSUPP on Linux
    private const int NotSupported45 = 45; // EOPNOTSUPP on macOS

    /// <summary>True when the folder was fsynced, false where that is not supported. Throws <see cref="IOException"/> when the disk failed.</summary>
    public static bool Flush(string directory)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()))
        {
            return false; // Windows: NTFS journals directory entries; there is no portable folder flush.
        }

        var fd = Native.Open([.. System.Text.Encoding.UTF8.GetBytes(directory), 0], ReadOnly);
        if (fd < 0)
        {
            throw new IOException($"Could not open the folder {directory} to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Native.Fsync(fd) == 0)
            {
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            return errno is InvalidArgument or NotSupported95 or NotSupported45
                ? false
                : throw new IOException($"Could not flush the folder {directory} to disk (errno {errno}).");
        }
        finally
        {
            _ = Native.Close(fd);
        }
    }

    // DllImport rather than LibraryImport: the generated marshalling would need unsafe code in the whole project.
    private static class Native
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Open(byte[] nulTerminatedUtf8Path, int flags);

        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Fsync(int fd);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Close(int fd);
    }
}
