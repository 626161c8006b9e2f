using System.Text.Json;
using TicketMail.Core.Mail;
using TicketMail.Core.Routing;
using TicketMail.Cli.Processing;

namespace TicketMail.Cli.Output;

/// <summary>Prints each message's outcome on stdout: one human line, or one JSON object per line with --json.</summary>
public static class ResultWriter
{
    public static string Human(ProcessResult result)
    {
        if (result.Decision is null)
        {
            return $"failed {SafeText.Line(result.Source)}: {SafeText.Line(result.Error)}";
        }

        var mail = result.Mail!;
        var prefix = result.DryRun ? "would be " : "";
        var ticket = result.Ticket is { } t ? $"ticket {t:D} " : "";
        var reason = result.Decision.Reason is { } r ? $" ({r})" : "";
        var kept = result.KeptAs is { } k ? $", kept as {k}" : "";
        var subject = SafeText.Line(mail.SubjectOrDefault).Replace("\"", "'", StringComparison.Ordinal);
        return $"{prefix}{result.ActionName} {ticket}\"{subject}\" from {SafeText.Line(mail.From?.Address ?? mail.ReplyTo?.Address)}{reason}{kept}";
    }

    public static string Json(ProcessResult result) => Json(result, trace: false);

    /// <summary>With <paramref name="trace"/> (process --explain), adds the router's steps as a 'trace' array.</summary>
    public static string Json(ProcessResult result, bool trace) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("action", result.ActionName);
        w.StringOrNull("ticket", result.Ticket?.ToString("D"));
        w.StringOrNull("rule", result.Decision?.Rule.Name());
        w.StringOrNull("queue", result.QueueName);
        w.StringOrNull("messageId", result.Mail?.MessageId);
        w.StringOrNull("subject", result.Mail?.SubjectOrDefault);
        w.StringOrNull("from", result.Mail?.From?.Address ?? result.Mail?.ReplyTo?.Address);
        w.StringOrNull("reason", result.Decision?.Reason);
        w.StringOrNull("quarantine", result.KeptAs);
        w.StringOrNull("unknownTag", result.Decision?.UnknownTag?.ToString("D"));
        w.WriteBoolean("dryRun", result.DryRun);
        w.WriteString("source", result.Source);
        if (result.Error is not null)
        {
            w.WriteString("error", result.Error);
            w.WriteNumber("exitCode", result.ExitCode);
        }

        if (result.Mail is { } mail)
        {
            w.WritePropertyName("message");
            WriteMessage(w, mail);
        }

        if (trace)
        {
            ExplainWriter.Trace(w, result);
        }

        w.WriteEndObject();
    });

    private static void WriteMessage(Utf8JsonWriter w, InboundMail mail)
    {
        w.WriteStartObject();
        w.StringOrNull("messageId", mail.MessageId);
        w.WritePropertyName("from");
        Address(w, mail.From);
        w.WritePropertyName("replyTo");
        Address(w, mail.ReplyTo);
        Addresses(w, "to", mail.To);
        Addresses(w, "cc", mail.Cc);
        w.StringOrNull("subject", mail.Subject);
        w.Time("date", mail.Date);
        w.WriteString("text", mail.Text);
        w.WriteString("reply", mail.Reply);
        w.StringOrNull("html", mail.Html);
        w.StringOrNull("replyHtml", mail.ReplyHtml);
        w.StringOrNull("automatic", mail.Automatic);
        w.StringOrNull("automaticHint", mail.AutomaticHint);
        DeliveryReportJson.Write(w, mail);
        w.WriteStartArray("attachments");
        foreach (var a in mail.Attachments)
        {
            w.WriteStartObject();
            w.WriteString("fileName", a.FileName);
            w.WriteString("contentType", a.ContentType);
            w.WriteNumber("size", a.Size);
            w.WriteString("sha256", a.Sha256);
            w.WriteBoolean("inline", a.Inline);
            w.StringOrNull("contentId", a.ContentId);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("notes");
        foreach (var note in mail.Notes)
        {
            w.WriteStringValue(note);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Addresses(Utf8JsonWriter w, string name, IReadOnlyList<EmailAddress> list)
    {
        w.WriteStartArray(name);
        foreach (var a in list)
        {
            Address(w, a);
        }

        w.WriteEndArray();
    }

    private static void Address(Utf8JsonWriter w, EmailAddress? address)
    {
        if (address is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WriteString("address", address.Address);
        w.StringOrNull("name", address.Name);
        w.WriteEndObject();
    }
}
