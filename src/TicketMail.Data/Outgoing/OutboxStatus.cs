namespace TicketMail.Data.Outgoing;

public static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Sent = "sent";

    /// <summary>The server refused the mail for good (a 5xx answer); flush does not retry it.</summary>
    public const string Failed = "failed";
}
