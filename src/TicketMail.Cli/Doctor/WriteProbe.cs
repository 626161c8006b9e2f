namespace TicketMail.Cli.Doctor;

/// <summary>Whether this user can write a folder or a file, found out by trying (create and delete; open for writing).</summary>
public static class WriteProbe
{
    public static bool CanWriteFolder(string folder)
    {
        var probe = Path.Combine(folder, $".doctor-{Environment.ProcessId}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Opens the file for writing without changing it.</summary>
    public static bool CanWriteFile(string file) => CanOpen(file, FileAccess.ReadWrite);

    public static bool CanReadFile(string file) => CanOpen(file, FileAccess.Read);

    /// <summary>The command that gives a tree to this user: owner, group and modes, the way deploy/install.sh sets them.</summary>
    public static string OwnFix(string path) =>
        $"chown -R {DeliveryUser.Current}: {path} && chmod -R u+rwX,go-rwx {path}";

    private static bool CanOpen(string file, FileAccess access)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, access, FileShare.ReadWrite | FileShare.Delete);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
