using TicketMail.Cli.Processing;

namespace TicketMail.Cli.Batch;

/// <summary>
/// Turns the paths given to 'process' into messages: '-' is stdin, a folder is walked recursively (a Maildir,
/// i.e. a folder with cur/ and new/, contributes only cur/ and new/), a file starting with "From " is an
/// mbox, and any other file is one message. Order is stable (sorted by path) so a rerun sees the same order.
/// </summary>
public static class InputEnumerator
{
    /// <summary>The files to read, expanded from folders, before any message is read; for counting and progress.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        var result = new InputFiles();
        foreach (var path in paths)
        {
            if (path != "-" && Directory.Exists(path))
            {
                Walk(path, result);
            }
            else
            {
                // Stdin, a file, or a path that does not exist: the latter fails as one message (exit 66).
                result.Add(path);
            }
        }

        return result;
    }

    /// <summary>How many messages the expanded inputs hold (an mbox counts its "From " lines).</summary>
    public static long Count(IReadOnlyList<string> files) => files.Sum(f => f != "-" && MboxReader.IsMbox(f) ? MboxReader.Count(f) : 1L);

    public static IEnumerable<BatchItem> Items(IReadOnlyList<string> files, Func<Stream> stdin)
    {
        foreach (var file in files)
        {
            if (file == "-")
            {
                yield return new BatchItem("stdin", stdin);
            }
            else if (MboxReader.IsMbox(file))
            {
                foreach (var item in MboxReader.Items(file))
                {
                    yield return item;
                }
            }
            else
            {
                yield return new BatchItem(file, () => File.OpenRead(file)) { File = file };
            }
        }
    }

    public static bool IsMaildir(string folder) =>
        Directory.Exists(Path.Combine(folder, "cur")) && Directory.Exists(Path.Combine(folder, "new"));

    private static void Walk(string folder, InputFiles result)
    {
        if (IsMaildir(folder))
        {
            // tmp/ holds messages still being written: never read them.
            foreach (var sub in new[] { "cur", "new" })
            {
                var path = Path.Combine(folder, sub);
                result.AddFolder(path, Directory.EnumerateFiles(path).Order(StringComparer.Ordinal));
            }

            // Maildir++ keeps sub-folders as .Name folders next to cur/new/tmp.
            foreach (var child in Directory.EnumerateDirectories(folder).Where(d => Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal))
            {
                Walk(child, result);
            }

            return;
        }

        result.AddFolder(folder, Directory.EnumerateFiles(folder).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal));
        foreach (var child in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            Walk(child, result);
        }
    }
}
