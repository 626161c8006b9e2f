using System.Text;
using System.Text.Json;
using TicketMail.Cli.Spool;

namespace TicketMail.Cli.Output;

/// <summary>Held, ignored and rejected mail in the quarantine whose reason file names a ticket, for 'tickets show'.</summary>
public static class QuarantineScan
{
    public sealed record Entry(string Id, string Reason, string? From, string? Subject, DateTimeOffset Time);

    public static IReadOnlyList<Entry> For(string? spoolSetting, Guid ticket)
    {
        var spool = SpoolFolder.Open(spoolSetting);
        return spool.List(SpoolBox.Quarantine)
            .Select(e => (e.Id, Note: spool.NoteOf(e)))
            .Where(x => x.Note?.Ticket == ticket)
            .Select(x => new Entry(x.Id, x.Note!.Reason, x.Note.From, x.Note.Subject, x.Note.Time))
            .ToList();
    }

    public static string Human(IReadOnlyList<Entry> entries)
    {
        if (entries.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder("\n\nquarantined mail for this ticket ('ticketmail quarantine show ID'):");
        foreach (var e in entries)
        {
            text.Append("\n  ").Append(e.Id).Append(' ').Append(e.Reason).Append(" from ").Append(e.From).Append(" \"").Append(e.Subject).Append('"');
        }

        return text.ToString();
    }

    public static void Write(Utf8JsonWriter w, IReadOnlyList<Entry> entries)
    {
        w.WriteStartArray("quarantined");
        foreach (var e in entries)
        {
            w.WriteStartObject();
            w.WriteString("id", e.Id);
            w.WriteString("reason", e.Reason);
            w.StringOrNull("from", e.From);
            w.StringOrNull("subject", e.Subject);
            w.Time("time", e.Time);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
