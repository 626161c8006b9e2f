namespace TicketMail.Cli.Spool;

/// <summary>One spooled message: spool/&lt;box&gt;/&lt;id&gt;.eml, and its reason file &lt;id&gt;.json beside it.</summary>
public sealed record SpoolEntry(SpoolBox Box, string Id, string Path)
{
    public string NotePath => System.IO.Path.ChangeExtension(Path, ".json");

    public long Length => new FileInfo(Path).Length;

    public DateTime WrittenUtc => File.GetLastWriteTimeUtc(Path);
}
