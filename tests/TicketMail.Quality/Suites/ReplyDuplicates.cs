namespace TicketMail.Quality.Suites;

/// <summary>
/// replies/duplicates.tsv: inputs whose text is the same in several suites. The first file of a group, in the
/// order the file lists them, represents it; the others are not counted again in the per-input figure.
/// </summary>
public sealed class ReplyDuplicates
{
    private readonly Dictionary<string, string> _representative = new(StringComparer.Ordinal);

    public static ReplyDuplicates Load(string repliesFolder)
    {
        var result = new ReplyDuplicates();
        var path = Path.Combine(repliesFolder, "duplicates.tsv");
        if (!File.Exists(path))
        {
            return result;
        }

        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var cols = line.Split('\t');
            if (cols.Length == 2)
            {
                first.TryAdd(cols[0], cols[1]);
                result._representative[cols[1]] = first[cols[0]];
            }
        }

        return result;
    }

    /// <summary>True unless the file (in suite folder "replies/x") duplicates an earlier-listed one.</summary>
    public bool IsRepresentative(string suite, string file)
    {
        var key = suite["replies/".Length..] + "/" + file;
        return !_representative.TryGetValue(key, out var rep) || rep == key;
    }
}
