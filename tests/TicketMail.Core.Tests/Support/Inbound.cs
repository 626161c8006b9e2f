using TicketMail.Core.Mail;

namespace TicketMail.Core.Tests.Support;

/// <summary>Builds an InboundMail without any MIME, for router tests.</summary>
public static class Inbound
{
    public static InboundMail From(string from, string? to = "support@example.com", string? messageId = "m1@customer.example") => new()
    {
        RawSha256 = "00",
        MessageId = messageId,
        From = new EmailAddress(from, null),
        To = to is null ? [] : [new EmailAddress(to, null)],
        Subject = "Help",
        ReceivedAt = DateTimeOffset.UnixEpoch,
    };
}
