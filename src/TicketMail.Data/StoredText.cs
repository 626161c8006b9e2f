namespace TicketMail.Data;

/// <summary>
/// PostgreSQL text cannot hold NUL (U+0000), and a message with one in its body or a header failed to store on
/// every attempt. Text columns get the text without NUL (both providers, so they store the same); the raw bytes,
/// kept whole in message_raw, still have it.
/// </summary>
public static class StoredText
{
    public static string Of(string text) => text.Contains('\0', StringComparison.Ordinal) ? text.Replace("\0", "", StringComparison.Ordinal) : text;

    public static string? OrNull(string? text) => text is null ? null : Of(text);
}
