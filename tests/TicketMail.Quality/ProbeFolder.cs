using System.Globalization;
using System.Text.Json.Nodes;

namespace TicketMail.Quality;

/// <summary>
/// The scratch folder both probes share: one numbered .eml per input (so the product's batch walk sees them in
/// order), an empty config file and a SQLite path, and the mapping of the product's 'source' back to the key.
/// </summary>
internal sealed class ProbeFolder : IDisposable
{
    private readonly IReadOnlyList<ProbeInput> _inputs;

    public ProbeFolder(IReadOnlyList<ProbeInput> inputs)
    {
        _inputs = inputs;
        Root = Directory.CreateTempSubdirectory("ticketmail-quality-").FullName;
        Mail = Path.Combine(Root, "mail");
        Spool = Path.Combine(Root, "spool");
        Directory.CreateDirectory(Mail);
        Directory.CreateDirectory(Spool);
        Db = Path.Combine(Root, "quality.db");
        Config = Path.Combine(Root, "ticketmail.json");
        File.WriteAllText(Config, "{}");
        for (var i = 0; i < inputs.Count; i++)
        {
            File.WriteAllBytes(Path.Combine(Mail, Name(i)), inputs[i].Eml);
        }
    }

    public string Root { get; }
    public string Mail { get; }
    public string Spool { get; }
    public string Db { get; }
    public string Config { get; }

    /// <summary>The settings the product runs with: no host configuration leaks in.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["TICKETMAIL_DB"] = Db,
        ["TICKETMAIL_SPOOL"] = Spool,
        ["TICKETMAIL_SUPPORT_ADDRESS"] = "support@example.com",
        ["TICKETMAIL_CONFIG"] = Config,
        ["NO_COLOR"] = "1",
    };

    /// <summary>Parses the product's JSON lines; an mbox-shaped input answers as FILE#1, FILE#2: the first counts.</summary>
    public Dictionary<string, JsonObject> Collect(IEnumerable<string> lines)
    {
        var results = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (!line.StartsWith('{') || JsonNode.Parse(line) is not JsonObject json || json["source"]?.ToString() is not { } source)
            {
                continue;
            }

            var name = Path.GetFileName(source.Split('#')[0]);
            if (int.TryParse(Path.GetFileNameWithoutExtension(name), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < _inputs.Count)
            {
                results.TryAdd(_inputs[index].Key, json);
            }
        }

        return results;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A scratch folder left in /tmp is harmless.
        }
    }

    private static string Name(int index) => index.ToString("D6", CultureInfo.InvariantCulture) + ".eml";
}
