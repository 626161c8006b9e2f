namespace TicketMail.Cli.Infrastructure;

/// <summary>A full disk (or quota) is temporary trouble, exit 75, not an I/O error: freeing space fixes it.</summary>
public static class SpoolDisk
{
    private const int Enospc = 28;
    private const int Edquot = 122;

    public static bool IsFull(IOException ex) =>
        (ex.HResult & 0xFFFF) is Enospc or Edquot or 0x70 /* ERROR_DISK_FULL */
        || ex.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("quota", StringComparison.OrdinalIgnoreCase);
}
