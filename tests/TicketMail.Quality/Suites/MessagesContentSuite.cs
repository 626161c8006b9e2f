using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TicketMail.Quality.Suites;

/// <summary>
/// The body and attachment targets of a messages/ corpus (the sender and subject targets are scored by the
/// header suites). Only these targets are loaded, so each (suite, target) row has one owner. Body texts are
/// compared after whitespace normalisation, as for replies: the product normalises line ends and trailing blanks.
/// </summary>
public abstract partial class MessagesContentSuite : Suite
{
    /// <summary>Targets (after [i] → [i] grouping) this suite scores.</summary>
    protected abstract bool Owns(string targetGroup);

    public override IReadOnlyList<Expectation> Load(string folder) =>
        Expectations.Load(folder, Name).Where(e => Owns(Scorer.TargetGroup(e.Target))).Select(Normalised).ToList();

    protected static JsonArray Attachments(JsonObject? result) => Message(result)?["attachments"] as JsonArray ?? [];

    protected static JsonObject? Attachment(JsonObject? result, int index) =>
        index >= 0 && index < Attachments(result).Count ? Attachments(result)[index] as JsonObject : null;

    protected static JsonNode? Text(JsonObject? result, Expectation e) =>
        Message(result)?["text"]?.ToString() is { } text ? JsonValue.Create(IsBodyEquals(e) ? Squeeze(text) : text) : null;

    protected static int Index(string target) =>
        IndexPattern().Match(target) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;

    /// <summary>The file names of all attachments, for "a part with this name exists" checks.</summary>
    protected static List<string> FileNames(JsonObject? result) =>
        Attachments(result).Select(a => a?["fileName"]?.ToString()).OfType<string>().ToList();

    protected virtual bool IsBody(string target) => false;

    private Expectation Normalised(Expectation e) =>
        IsBody(e.Target) && e.Op is "equals" or "equals_trimmed" && e.Value?.ToString() is { } v
            ? e with { Op = "equals", Value = JsonValue.Create(Squeeze(v)) }
            : e;

    private static bool IsBodyEquals(Expectation e) => e.Op == "equals";

    private static string Squeeze(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex IndexPattern();
}
