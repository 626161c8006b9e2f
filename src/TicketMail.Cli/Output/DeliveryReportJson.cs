using System.Text.Json;
using TicketMail.Core.Mail;

namespace TicketMail.Cli.Output;

/// <summary>
/// The "report" object of a message in --json: for a bounce or a feedback report, the message it is about,
/// the recipients it names with their status and action, and the feedback type. Absent for other mail.
/// </summary>
public static class DeliveryReportJson
{
    public static void Write(Utf8JsonWriter w, InboundMail mail)
    {
        if (mail.BouncedMessageId is null && mail.BouncedRecipients.Count == 0 && mail.FeedbackType is null && !mail.IsReport)
        {
            return;
        }

        w.WriteStartObject("report");
        w.WriteBoolean("mime", mail.IsReport);
        w.StringOrNull("originalMessageId", mail.BouncedMessageId);
        w.StringOrNull("feedbackType", mail.FeedbackType);
        w.WriteStartArray("recipients");
        foreach (var r in mail.BouncedRecipients)
        {
            w.WriteStartObject();
            w.WriteString("address", r.Address);
            w.StringOrNull("status", r.Status);
            w.StringOrNull("action", r.Action);
            w.WriteString("failure", r.Permanent ? "permanent" : r.Temporary ? "temporary" : "unknown");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
