namespace TicketMail.Data;

/// <summary>The kinds and windows of sender_counters.</summary>
public static class SenderCounts
{
    public const string Tickets = "tickets";
    public const string Acks = "acks";

    public static DateTime HourOf(DateTime utc) => new(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);

    public static DateTime DayOf(DateTime utc) => new(utc.Year, utc.Month, utc.Day, 0, 0, 0, DateTimeKind.Utc);
}
