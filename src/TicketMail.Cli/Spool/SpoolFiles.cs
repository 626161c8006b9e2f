using System.Runtime.InteropServices;

namespace TicketMail.Cli.Spool;

/// <summary>
/// File-system details of the spool: explicit modes (messages are private mail, whatever the caller's umask: the
/// wrapper's 077 is not the only caller) and fsync of a folder after a rename into it, without which a power loss
/// can forget the rename of an accepted message.
/// </summary>
public static partial class SpoolFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const int ORdOnly = 0;
    private const int ODirectory = 0x10000; // Linux

    /// <summary>Creates the folder (and its parents) with mode 0700; an existing folder keeps its mode.</summary>
    public static void CreateFolder(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, FolderMode);
        // The umask may have taken bits away from the mode asked for; set it exactly.
        File.SetUnixFileMode(path, FolderMode);
    }

    /// <summary>Options for a new spool file: mode 0600 on Unix.</summary>
    public static FileStreamOptions NewFile() => OperatingSystem.IsWindows()
        ? new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 81920 }
        : new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 81920, UnixCreateMode = FileMode };

    /// <summary>Makes a rename into <paramref name="folder"/> durable (fsync of the directory). Best effort off Linux.</summary>
    public static void SyncFolder(string folder)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Open(folder, ORdOnly | ODirectory);
        if (fd < 0)
        {
            throw new IOException($"cannot open {folder} to sync it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"cannot sync {folder} (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
