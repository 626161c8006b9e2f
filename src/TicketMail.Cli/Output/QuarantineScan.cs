using System.Text;
using TicketMail.Cli.Configuration;

namespace TicketMail.Cli.Output;

/// <summary>
/// SEAM (spool helper): finds quarantined mail related to a ticket by scanning &lt;spool&gt;/quarantine for
/// reason files (*.reason, *.json, *.txt) that mention the ticket's UUID. Replace with the spool's own index
/// once its format is settled; until then this only reads, and an absent folder means "none".
/// </summary>
public static class QuarantineScan
{
    public static IReadOnlyList<string> For(Settings settings, Guid ticket)
    {
        var spool = settings.Get(SettingNames.Spool);
        var folder = spool is { Length: > 0 } ? Path.Combine(spool, "quarantine") : null;
        if (folder is null || !Directory.Exists(folder))
        {
            return [];
        }

        var needle = ticket.ToString("D");
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => Path.GetExtension(f) is ".reason" or ".json" or ".txt").Order(StringComparer.Ordinal))
        {
            try
            {
                var text = File.ReadAllText(file);
                if (text.Contains(needle, StringComparison.OrdinalIgnoreCase))
                {
                    var firstLine = text.ReplaceLineEndings("\n").Split('\n', 2)[0].Trim();
                    found.Add($"{Path.GetFileNameWithoutExtension(file)}: {(firstLine.Length > 120 ? firstLine[..120] : firstLine)}");
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                found.Add($"{Path.GetFileName(file)}: not readable ({ex.Message})");
            }
        }

        return found;
    }

    public static string Human(IReadOnlyList<string> entries)
    {
        if (entries.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder("\n\nquarantined mail naming this ticket:");
        foreach (var entry in entries)
        {
            text.Append("\n  ").Append(entry);
        }

        return text.ToString();
    }
}
