using System.Text.Json.Nodes;

namespace TicketMail.Quality.Suites;

/// <summary>
/// Reads the product's verdict on automatic mail from a --json result, shared by the automatic/ suites:
/// message.automatic, message.report (recipients with status, action and failure; the original Message-ID).
/// </summary>
internal static class AutomaticReport
{
    public static string? Reason(JsonObject? result) => Scorer.At(result, "message", "automatic")?.ToString();

    /// <summary>A bounce in the upstream sense: our reason is bounce and the report is no mere delay.</summary>
    public static bool IsBounce(JsonObject? result) =>
        Reason(result) == "bounce" && !(Recipients(result).Count > 0 && Recipients(result).All(r => r["failure"]?.ToString() == "temporary"));

    public static List<JsonObject> Recipients(JsonObject? result) =>
        (Scorer.At(result, "message", "report", "recipients") as JsonArray)?.OfType<JsonObject>().ToList() ?? [];

    /// <summary>The recipients that failed the given way ("permanent" includes those of unknown failure).</summary>
    public static IEnumerable<string> Addresses(JsonObject? result, string? failure) =>
        Recipients(result)
            .Where(r => failure is null || (failure == "temporary" ? r["failure"]?.ToString() == "temporary" : r["failure"]?.ToString() != "temporary"))
            .Select(r => r["address"]!.ToString());

    public static string? FirstStatus(JsonObject? result) => Recipients(result).Select(r => r["status"]?.ToString()).FirstOrDefault(s => s is not null);

    public static string? OriginalMessageId(JsonObject? result) => Scorer.At(result, "message", "report", "originalMessageId")?.ToString();

    /// <summary>The derived check every suite of automatic mail adds: the verdict is not "a person wrote this".</summary>
    public static Actual Automatic(JsonObject? result) => Actual.Of(Reason(result) is not null);
}
