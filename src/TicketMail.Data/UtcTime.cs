namespace TicketMail.Data;

/// <summary>SQLite hands DateTime back without a kind; everything stored is UTC.</summary>
public static class UtcTime
{
    public static DateTime AsUtc(this DateTime value) =>
        value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
