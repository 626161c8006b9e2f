using System.Globalization;
using System.Text.Json;
using TicketMail.Cli.Output;

namespace TicketMail.Cli.Spool;

/// <summary>Prints spooled messages: one line each, or JSON.</summary>
public static class SpoolWriter
{
    public static string Human(SpoolEntry entry, SpoolNote? note)
    {
        var time = (note?.Time ?? new DateTimeOffset(entry.WrittenUtc)).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var subject = Output.SafeText.Line(note?.Subject).Replace("\"", "'", StringComparison.Ordinal);
        return $"{entry.Id}  {entry.Box.Folder()}  {time}  {note?.Reason ?? "unknown"}  {Output.SafeText.Line(note?.From ?? "-")}  \"{subject}\"";
    }

    public static string Details(SpoolEntry entry, SpoolNote? note)
    {
        var lines = new List<string>
        {
            $"id:         {entry.Id}",
            $"folder:     {entry.Box.Folder()}",
            $"file:       {entry.Path}",
            $"size:       {entry.Length} bytes",
            $"reason:     {note?.Reason ?? "unknown"}",
            $"action:     {note?.Action ?? "-"}",
            $"detail:     {Output.SafeText.Line(note?.Detail ?? "-")}",
            $"time:       {note?.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "-"}",
            $"attempts:   {note?.Attempts ?? 0}",
            $"recipients: {(note is { Recipients.Count: > 0 } ? string.Join(", ", note.Recipients) : "-")}",
            $"from:       {Output.SafeText.Line(note?.From ?? "-")}",
            $"subject:    {Output.SafeText.Line(note?.Subject ?? "-")}",
            $"message-id: {Output.SafeText.Line(note?.MessageId ?? "-")}",
            $"ticket:     {note?.Ticket?.ToString("D") ?? "-"}",
        };
        return string.Join('\n', lines);
    }

    public static string Json(IEnumerable<(SpoolEntry Entry, SpoolNote? Note)> items) => JsonOutput.Write(w =>
    {
        w.WriteStartArray();
        foreach (var (entry, note) in items)
        {
            Write(w, entry, note);
        }

        w.WriteEndArray();
    });

    public static string Json(SpoolEntry entry, SpoolNote? note) => JsonOutput.Write(w => Write(w, entry, note));

    private static void Write(Utf8JsonWriter w, SpoolEntry entry, SpoolNote? note)
    {
        w.WriteStartObject();
        w.WriteString("id", entry.Id);
        w.WriteString("folder", entry.Box.Folder());
        w.WriteString("file", entry.Path);
        w.WriteNumber("size", entry.Length);
        w.WriteString("reason", note?.Reason ?? "unknown");
        w.StringOrNull("action", note?.Action);
        w.StringOrNull("detail", note?.Detail);
        w.Time("time", note?.Time ?? new DateTimeOffset(entry.WrittenUtc));
        w.WriteNumber("attempts", note?.Attempts ?? 0);
        w.WriteStartArray("recipients");
        foreach (var recipient in note?.Recipients ?? [])
        {
            w.WriteStringValue(recipient);
        }

        w.WriteEndArray();
        w.StringOrNull("from", note?.From);
        w.StringOrNull("subject", note?.Subject);
        w.StringOrNull("messageId", note?.MessageId);
        w.StringOrNull("ticket", note?.Ticket?.ToString("D"));
        w.WriteEndObject();
    }
}
