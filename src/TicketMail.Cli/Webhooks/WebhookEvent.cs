using TicketMail.Cli.Output;
using TicketMail.Core.Mail;
using TicketMail.Data.Outgoing;

namespace TicketMail.Cli.Webhooks;

/// <summary>
/// One event for the web app, as the JSON body of a POST: ticket.created, ticket.replied or message.held.
/// One outbox row per configured URL, so that each URL is retried on its own.
/// </summary>
public static class WebhookEvent
{
    public const string Created = "ticket.created";
    public const string Replied = "ticket.replied";
    public const string Held = "message.held";

    public static IReadOnlyList<OutgoingMail> Build(
        WebhookSettings settings, string name, Guid? ticket, string? queue, InboundMail mail, string? reason, DateTimeOffset now)
    {
        var id = Guid.NewGuid().ToString("D");
        var body = JsonOutput.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("event", name);
            w.WriteString("id", id);
            w.Time("time", now);
            w.StringOrNull("ticket", ticket?.ToString("D"));
            w.StringOrNull("queue", queue);
            w.StringOrNull("messageId", mail.MessageId);
            w.WriteStartObject("sender");
            var sender = mail.From ?? mail.ReplyTo;
            w.StringOrNull("address", sender?.Address);
            w.StringOrNull("name", sender?.Name);
            w.WriteEndObject();
            w.WriteString("subject", mail.SubjectOrDefault);
            w.WriteString("reply", mail.Reply);
            w.StringOrNull("reason", reason);
            w.WriteEndObject();
        });
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        return settings.Urls.Select(url => new OutgoingMail(url.ToString(), id, OutboxKinds.Webhook, bytes)).ToList();
    }
}
