using System.Collections;

namespace TicketMail.Cli.Batch;

/// <summary>
/// The expanded input paths of a batch, kept for its whole run: a folder's files as the folder's path once plus
/// their sorted names. 100,000 message files held as full paths were ~12 MiB of the batch's live heap that grew
/// with its length (issue 14); as names, less than half of that. Each full path is built when it is read.
/// </summary>
public sealed class InputFiles : IReadOnlyList<string>
{
    // Start: the index of the run's first file in the whole list.
    private readonly List<(string? Folder, string[] Names, int Start)> _runs = [];

    public int Count { get; private set; }

    /// <summary>A path as given (stdin's "-", a file, a path that does not exist).</summary>
    public void Add(string path) => AddRun(null, [path]);

    /// <summary>Files of one folder, already in their order (full paths as the folder listing gives them).</summary>
    public void AddFolder(string folder, IEnumerable<string> paths) => AddRun(folder, paths.Select(p => Path.GetFileName(p)).ToArray());

    public string this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var run = _runs.FindLast(r => r.Start <= index);
            return PathOf(run.Folder, run.Names[index - run.Start]);
        }
    }

    public IEnumerator<string> GetEnumerator()
    {
        foreach (var (folder, names, _) in _runs)
        {
            foreach (var name in names)
            {
                yield return PathOf(folder, name);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void AddRun(string? folder, string[] names)
    {
        if (names.Length > 0)
        {
            _runs.Add((folder, names, Count));
            Count += names.Length;
        }
    }

    // The same string Directory.EnumerateFiles gave for it: the folder as given, a separator, the name.
    private static string PathOf(string? folder, string name) => folder is null ? name : Path.Join(folder, name);
}
