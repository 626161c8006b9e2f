using System.Text;
using System.Text.RegularExpressions;
using TicketMail.Cli.Infrastructure;
using TicketMail.Core.Mail;

namespace TicketMail.Cli.Spool;

/// <summary>
/// The spool: every message is written here (tmp/, fsync, rename into incoming/) before anything else
/// happens, and leaves only once the database holds it or a deliberate outcome put it elsewhere.
/// Layout: tmp/, incoming/, deferred/ and quarantine/, each message &lt;id&gt;.eml with a reason file &lt;id&gt;.json.
/// </summary>
public sealed partial class SpoolFolder
{
    private SpoolFolder(string root) => Root = root;

    public string Root { get; }

    private string Tmp => Path.Combine(Root, "tmp");

    public string FolderOf(SpoolBox box) => Path.Combine(Root, box.Folder());

    /// <summary>The configured folder, or /var/spool/ticketmail when writable, else the user's data folder.</summary>
    public static SpoolFolder Open(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new SpoolFolder(Path.GetFullPath(configured.Trim()));
        }

        const string system = "/var/spool/ticketmail";
        if (Writable(system))
        {
            return new SpoolFolder(system);
        }

        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(data))
        {
            data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return new SpoolFolder(Path.Combine(data, "ticketmail", "spool"));
    }

    private static bool Writable(string folder)
    {
        try
        {
            var tmp = Path.Combine(folder, "tmp");
            SpoolFiles.CreateFolder(tmp);
            using var probe = new FileStream(Path.Combine(tmp, "probe-" + NewId()), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A time-sortable, unique id: 20261125T181500Z-1a2b3c4d.</summary>
    public static string NewId() =>
        DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture)
        + "-" + RandomHex();

    /// <summary>
    /// 8 random hex digits that keep two names of one second apart (CreateNew catches the rest). From a Guid, which
    /// the runtime fills from the kernel's random source: RandomNumberGenerator is OpenSSL on Linux, and loading it
    /// cost every one-message process ~3.5 MiB and ~1.5 ms for names nobody needs to be unguessable.
    /// </summary>
    private static string RandomHex() => Guid.NewGuid().ToString("N")[..8];

    public static bool IsId(string value) => IdPattern().IsMatch(value);

    /// <summary>
    /// Copies the input into incoming/ durably: a temp file in tmp/, flushed to disk, then renamed, so a
    /// crash leaves either nothing or the whole message. The whole input is kept even when it is over the
    /// size limit (that message goes to quarantine, never away).
    /// </summary>
    public SpoolEntry Accept(Stream input, SpoolNote note) =>
        // The envelope recipients (and an mbox slice's envelope sender) are needed to replay a message whose process
        // died, or that its group handed back to the one-message path; otherwise no reason file yet.
        Add(input, SpoolBox.Incoming, note.Recipients.Count > 0 || note.EnvelopeSender is not null ? note : null);

    /// <summary>Copies the input durably into the box, with its reason file when a note is given.</summary>
    public SpoolEntry Add(Stream input, SpoolBox box, SpoolNote? note)
    {
        string? temp = null;
        try
        {
            SpoolFiles.CreateFolder(Tmp);
            SpoolFiles.CreateFolder(FolderOf(box));
            var id = NewId();
            temp = Path.Combine(Tmp, id + ".eml");
            using (var file = new FileStream(temp, SpoolFiles.NewFile()))
            {
                input.CopyTo(file, 81920);
                file.Flush(flushToDisk: true);
            }

            var entry = Entry(box, id);
            if (note is not null)
            {
                WriteNote(entry.NotePath, note);
            }

            File.Move(temp, entry.Path);
            temp = null;
            // The rename is what accepts the message: made durable before anyone is told so.
            SpoolFiles.SyncFolder(FolderOf(box));
            return entry;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A failed write (disk full, a read error on stdin) leaves no partial copy behind.
            if (temp is not null)
            {
                TryDelete(temp);
            }

            throw new CliException(ExitCodes.TempFail, $"cannot write the spool folder {Root} ({ex.Message}); check TICKETMAIL_SPOOL and its permissions");
        }
    }

    /// <summary>Moves a message (and its reason file) into another box with a new reason file.</summary>
    public SpoolEntry Move(SpoolEntry entry, SpoolBox box, SpoolNote note)
    {
        var target = Entry(box, entry.Id);
        SpoolFiles.CreateFolder(FolderOf(box));
        WriteNote(target.NotePath, note);
        if (target.Path != entry.Path)
        {
            File.Move(entry.Path, target.Path, overwrite: true);
            SpoolFiles.SyncFolder(FolderOf(box));
            TryDelete(entry.NotePath);
        }

        return target;
    }

    /// <summary>Removes a message whose outcome the database now holds.</summary>
    public void Delete(SpoolEntry entry)
    {
        File.Delete(entry.Path);
        TryDelete(entry.NotePath);
    }

    public IReadOnlyList<SpoolEntry> List(SpoolBox box)
    {
        var folder = FolderOf(box);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, "*.eml")
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Where(IsId)
            .Order(StringComparer.Ordinal)
            .Select(id => Entry(box, id))
            .ToList();
    }

    /// <summary>The message with this id in the box, or null. Ids are checked, so no path can escape the spool.</summary>
    public SpoolEntry? Find(SpoolBox box, string id)
    {
        if (!IsId(id))
        {
            return null;
        }

        var entry = Entry(box, id);
        return File.Exists(entry.Path) ? entry : null;
    }

    /// <summary>
    /// True once per sender and hour: the circuit breaker warns when it trips, not for every message it
    /// stops. The mark is a file in spool/loops/ whose time says when the last warning went out.
    /// </summary>
    public bool ShouldWarnAboutLoop(string sender, DateTime nowUtc)
    {
        try
        {
            var folder = Path.Combine(Root, "loops");
            SpoolFiles.CreateFolder(folder);
            var mark = Path.Combine(folder, Sha256Hex.Of(Encoding.UTF8.GetBytes(sender.ToLowerInvariant()))[..32]);
            if (File.Exists(mark) && File.GetLastWriteTimeUtc(mark) > nowUtc.AddHours(-1))
            {
                return false;
            }

            File.WriteAllText(mark, sender.ToLowerInvariant());
            File.SetLastWriteTimeUtc(mark, nowUtc);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    public SpoolNote? NoteOf(SpoolEntry entry) => SpoolNote.Read(entry.NotePath);

    /// <summary>
    /// Deletes what writers killed mid-write left in tmp/ (older than <paramref name="grace"/>, so no live writer
    /// loses its file). Such a file was never accepted: the rename into incoming/ is the acceptance, and a writer
    /// that died before it exited by signal, so the mail server still holds the message and delivers it again.
    /// </summary>
    public int CleanTmp(TimeSpan grace, DateTime nowUtc)
    {
        if (!Directory.Exists(Tmp))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(Tmp))
        {
            if (File.GetLastWriteTimeUtc(file) < nowUtc - grace)
            {
                TryDelete(file);
                removed++;
            }
        }

        return removed;
    }

    /// <summary>True when a live process has this message open (its shared lock); a dead one holds nothing.</summary>
    public static bool IsHeld(SpoolEntry entry)
    {
        try
        {
            using var probe = new FileStream(entry.Path, FileMode.Open, FileAccess.Read, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private SpoolEntry Entry(SpoolBox box, string id) => new(box, id, Path.Combine(FolderOf(box), id + ".eml"));

    private void WriteNote(string path, SpoolNote note)
    {
        var temp = Path.Combine(Tmp, Path.GetFileName(path) + "." + RandomHex());
        SpoolFiles.CreateFolder(Tmp);
        try
        {
            using (var file = new FileStream(temp, SpoolFiles.NewFile()))
            {
                file.Write(new UTF8Encoding(false).GetBytes(note.ToJson() + "\n"));
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (IOException)
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover reason file without its message is ignored by every listing.
        }
    }

    [GeneratedRegex("^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
