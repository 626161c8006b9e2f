namespace TicketMail.Data.Outgoing;

/// <summary>What an outbox row holds: a mail to send over SMTP, or a webhook event to POST.</summary>
public static class OutboxKinds
{
    public const string Ack = "ack";
    public const string Webhook = "webhook";
}
