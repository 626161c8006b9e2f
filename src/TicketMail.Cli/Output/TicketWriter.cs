using System.Globalization;
using System.Text;
using TicketMail.Data.Views;

namespace TicketMail.Cli.Output;

/// <summary>Prints a ticket and its thread, for people or as one JSON object.</summary>
public static class TicketWriter
{
    public static string Human(TicketDetails ticket)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"ticket {ticket.Uuid:D} [{ticket.Status}] \"{SafeText.Line(ticket.Subject)}\"");
        text.AppendLine(CultureInfo.InvariantCulture, $"queue {ticket.Queue}, requester {Person(ticket.RequesterAddress, ticket.RequesterName)}, opened {Stamp(ticket.CreatedAt)}, last message {Stamp(ticket.LastMessageAt)}");
        foreach (var m in ticket.Messages)
        {
            text.AppendLine();
            var flags = m.Automatic is null ? "" : $" [{m.Automatic}]";
            text.AppendLine(CultureInfo.InvariantCulture, $"--- {Stamp(m.Date)} from {Person(m.FromAddress, m.FromName)} ({m.Rule}){flags}");
            text.AppendLine(SafeText.Block(m.Reply.TrimEnd()));
            foreach (var a in m.Attachments)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    [attachment {a.Id}] {SafeText.Line(a.FileName)} ({a.ContentType}, {a.Size} bytes){(a.Omitted ? " left out: over the size limit" : "")}");
            }
        }

        return text.ToString().TrimEnd();
    }

    public static string Json(TicketDetails ticket, IReadOnlyList<QuarantineScan.Entry>? quarantined = null) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("uuid", ticket.Uuid.ToString("D"));
        w.WriteString("subject", ticket.Subject);
        w.WriteString("status", ticket.Status);
        w.WriteString("queue", ticket.Queue);
        w.WriteStartObject("requester");
        w.WriteString("address", ticket.RequesterAddress);
        w.StringOrNull("name", ticket.RequesterName);
        w.WriteEndObject();
        w.Time("createdAt", ticket.CreatedAt);
        w.Time("updatedAt", ticket.UpdatedAt);
        w.Time("lastMessageAt", ticket.LastMessageAt);
        w.WriteStartArray("messages");
        foreach (var m in ticket.Messages)
        {
            w.WriteStartObject();
            w.WriteNumber("id", m.Id);
            w.StringOrNull("messageId", m.MessageId);
            w.StringOrNull("inReplyTo", m.InReplyTo);
            w.WriteStartObject("from");
            w.WriteString("address", m.FromAddress);
            w.StringOrNull("name", m.FromName);
            w.WriteEndObject();
            w.WriteString("subject", m.Subject);
            w.Time("date", m.Date);
            w.Time("receivedAt", m.ReceivedAt);
            w.WriteString("text", m.Text);
            w.WriteString("reply", m.Reply);
            w.StringOrNull("html", m.Html);
            w.StringOrNull("replyHtml", m.ReplyHtml);
            w.WriteBoolean("openedTicket", m.OpenedTicket);
            w.WriteString("rule", m.Rule);
            w.StringOrNull("automatic", m.Automatic);
            w.StringOrNull("unknownTag", m.UnknownTag);
            w.WriteNumber("attachmentCount", m.AttachmentCount);
            w.WriteStartArray("notes");
            foreach (var note in (m.Notes ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                w.WriteStringValue(note);
            }

            w.WriteEndArray();
            w.WriteStartArray("attachments");
            foreach (var a in m.Attachments)
            {
                w.WriteStartObject();
                w.WriteNumber("id", a.Id);
                w.WriteString("fileName", a.FileName);
                w.WriteString("contentType", a.ContentType);
                w.WriteNumber("size", a.Size);
                w.WriteString("sha256", a.Sha256);
                w.WriteBoolean("inline", a.Inline);
                w.StringOrNull("contentId", a.ContentId);
                w.WriteBoolean("omitted", a.Omitted);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        QuarantineScan.Write(w, quarantined ?? []);
        w.WriteEndObject();
    });

    private static string Person(string address, string? name) => SafeText.Line(string.IsNullOrEmpty(name) ? address : $"{name} <{address}>");

    private static string Stamp(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
