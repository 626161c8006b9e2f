using System.Globalization;
using System.Text;
using TicketMail.Data.Views;

namespace TicketMail.Cli.Output;

/// <summary>tickets list: a table for people (cut to the terminal's width), or one JSON array.</summary>
public static class TicketListWriter
{
    public static string Table(IReadOnlyList<TicketSummary> tickets, int width)
    {
        if (tickets.Count == 0)
        {
            return "no tickets";
        }

        var rows = new List<string[]> { new[] { "UUID", "STATUS", "QUEUE", "MSGS", "LAST MESSAGE", "REQUESTER", "SUBJECT" } };
        rows.AddRange(tickets.Select(t => new[]
        {
            t.Uuid.ToString("D"),
            t.Status,
            t.Queue,
            t.MessageCount.ToString(CultureInfo.InvariantCulture),
            t.LastMessageAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            SafeText.Line(t.RequesterAddress),
            SafeText.Line(t.Subject),
        }));

        var widths = Enumerable.Range(0, 7).Select(c => rows.Max(r => r[c].Length)).ToArray();
        widths[5] = Math.Min(widths[5], 32);
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            var line = new StringBuilder();
            for (var c = 0; c < 7; c++)
            {
                var cell = Cut(row[c], c == 6 ? int.MaxValue : widths[c]);
                line.Append(c == 6 ? cell : cell.PadRight(widths[c] + 2));
            }

            text.Append(Cut(line.ToString(), width)).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    public static string Json(IReadOnlyList<TicketSummary> tickets) => JsonOutput.Write(w =>
    {
        w.WriteStartArray();
        foreach (var t in tickets)
        {
            w.WriteStartObject();
            w.WriteString("uuid", t.Uuid.ToString("D"));
            w.WriteString("subject", t.Subject);
            w.WriteString("status", t.Status);
            w.WriteString("queue", t.Queue);
            w.WriteStartObject("requester");
            w.WriteString("address", t.RequesterAddress);
            w.StringOrNull("name", t.RequesterName);
            w.WriteEndObject();
            w.WriteNumber("messageCount", t.MessageCount);
            w.Time("lastMessageAt", t.LastMessageAt);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    public static string Cut(string text, int width) => text.Length <= width ? text : width <= 1 ? text[..width] : text[..(width - 1)] + "…";
}
