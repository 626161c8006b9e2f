using System.Text.Json;
using TicketMail.Cli.Output;

namespace TicketMail.Cli.Spool;

/// <summary>
/// The reason file next to a spooled message: why it is there, and what replaying it needs (the
/// --recipient values, so a retry routes exactly as the first attempt would have).
/// </summary>
public sealed record SpoolNote
{
    /// <summary>One word: db-unavailable, unusable, oversized, or the router's reason (auto-replied, unknown-sender, ...).</summary>
    public string Reason { get; init; } = "unknown";

    /// <summary>deferred, ignored, held, rejected or failed.</summary>
    public string Action { get; init; } = "deferred";
    public string? Detail { get; init; }
    public DateTimeOffset Time { get; init; }
    public IReadOnlyList<string> Recipients { get; init; } = [];
    public int Attempts { get; init; }
    public string? Source { get; init; }
    public string? From { get; init; }
    public string? Subject { get; init; }
    public string? MessageId { get; init; }
    public Guid? Ticket { get; init; }

    /// <summary>The sender of the mbox "From " line the message was cut after: a replay needs it when the message has no From.</summary>
    public string? EnvelopeSender { get; init; }

    public string ToJson() => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("reason", Reason);
        w.WriteString("action", Action);
        w.StringOrNull("detail", Detail);
        w.WriteString("time", Time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteStartArray("recipients");
        foreach (var recipient in Recipients)
        {
            w.WriteStringValue(recipient);
        }

        w.WriteEndArray();
        w.WriteNumber("attempts", Attempts);
        w.StringOrNull("source", Source);
        w.StringOrNull("from", From);
        w.StringOrNull("subject", Subject);
        w.StringOrNull("messageId", MessageId);
        w.StringOrNull("ticket", Ticket?.ToString("D"));
        w.StringOrNull("envelopeSender", EnvelopeSender);
        w.WriteEndObject();
    });

    /// <summary>Reads a reason file; a missing or damaged one yields null (the message itself still replays).</summary>
    public static SpoolNote? Read(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            string? Str(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return new SpoolNote
            {
                Reason = Str("reason") ?? "unknown",
                Action = Str("action") ?? "deferred",
                Detail = Str("detail"),
                Time = DateTimeOffset.TryParse(Str("time"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : default,
                Recipients = root.TryGetProperty("recipients", out var r) && r.ValueKind == JsonValueKind.Array
                    ? r.EnumerateArray().Select(e => e.GetString()).OfType<string>().ToList()
                    : [],
                Attempts = root.TryGetProperty("attempts", out var a) && a.TryGetInt32(out var n) ? n : 0,
                Source = Str("source"),
                From = Str("from"),
                Subject = Str("subject"),
                MessageId = Str("messageId"),
                Ticket = Guid.TryParse(Str("ticket"), out var g) ? g : null,
                EnvelopeSender = Str("envelopeSender"),
            };
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
