using System.Globalization;
using System.Text;
using System.Text.Json;
using TicketMail.Cli.Processing;
using TicketMail.Core.Routing;

namespace TicketMail.Cli.Output;

/// <summary>
/// process --explain: why a message went where it went (the router's steps), and what would be stored:
/// the automatic-mail verdict with its evidence, the sender verdict, the trimmed reply and the attachments.
/// </summary>
public static class ExplainWriter
{
    private const int ReplyLines = 12;

    public static string Human(ProcessResult result)
    {
        var text = new StringBuilder(ResultWriter.Human(result));
        if (result.Decision is not { } decision || result.Mail is not { } mail)
        {
            return text.ToString();
        }

        text.Append('\n');
        Line(text, "rule", $"{decision.Rule.Name()} -> {decision.Action.Name()}{(decision.Reopens ? " (reopens the closed ticket)" : "")}");
        text.Append("  why:\n");
        foreach (var step in decision.Trace)
        {
            text.Append("    - ").Append(step).Append('\n');
        }

        Line(text, "automatic", mail.Automatic is null
            ? "no, written by a person"
            : $"yes, {mail.Automatic}" + (mail.AutomaticEvidence is { } evidence ? $" (header {evidence})" : ""));
        Line(text, "sender", SenderVerdict(result));
        Line(text, "message-id", mail.MessageId ?? "(none; duplicates are detected by the SHA-256 of the raw bytes)");
        var reply = mail.Reply.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        text.Append(CultureInfo.InvariantCulture, $"  reply ({reply.Length} line(s) kept of {mail.Text.ReplaceLineEndings("\n").TrimEnd().Split('\n').Length}):\n");
        foreach (var line in reply.Take(ReplyLines))
        {
            text.Append("    | ").Append(SafeText.Line(line)).Append('\n');
        }

        if (reply.Length > ReplyLines)
        {
            text.Append(CultureInfo.InvariantCulture, $"    | ... {reply.Length - ReplyLines} more line(s)\n");
        }

        if (mail.Attachments.Count == 0)
        {
            Line(text, "attachments", "none");
        }
        else
        {
            text.Append("  attachments:\n");
            foreach (var a in mail.Attachments)
            {
                var kept = a.Content is null ? ", left out: over the size limit" : "";
                var inline = a.Inline ? ", inline" : "";
                text.Append(CultureInfo.InvariantCulture, $"    - {SafeText.Line(a.FileName)} ({a.ContentType}, {a.Size} bytes{inline}{kept})\n");
            }
        }

        foreach (var note in mail.Notes)
        {
            Line(text, "note", note);
        }

        Line(text, "would store", decision.Stores
            ? (decision.Action == RouteAction.Created ? "a new ticket with this message" : $"this message on ticket {decision.Ticket:D}")
            : "nothing" + (decision.Reason is { } reason ? $" ({reason})" : ""));
        return text.ToString().TrimEnd();
    }

    /// <summary>The 'trace' array of process --json --explain.</summary>
    public static void Trace(Utf8JsonWriter w, ProcessResult result)
    {
        w.WriteStartArray("trace");
        foreach (var step in result.Decision?.Trace ?? [])
        {
            w.WriteStringValue(step);
        }

        w.WriteEndArray();
        if (result.Mail is { } mail)
        {
            w.StringOrNull("automaticEvidence", mail.AutomaticEvidence);
            w.WriteBoolean("spoofed", mail.Spoofed);
        }
    }

    private static string SenderVerdict(ProcessResult result)
    {
        var mail = result.Mail!;
        var decision = result.Decision!;
        var who = mail.From?.Address ?? mail.ReplyTo?.Address ?? "(no sender)";
        var requester = mail.Requester is { } r && !string.Equals(r.Address, mail.From?.Address, StringComparison.OrdinalIgnoreCase)
            ? $", requester {r.Address} (Reply-To)"
            : "";
        var dmarc = mail.Spoofed ? "; spoofed: our Authentication-Results says dmarc=fail" : "";
        var held = decision.Action is RouteAction.Held or RouteAction.Rejected
            ? $"; {decision.Action.Name()}: {decision.Reason}"
            : "";
        return who + requester + dmarc + held;
    }

    private static void Line(StringBuilder text, string label, string value) =>
        text.Append("  ").Append((label + ":").PadRight(13)).Append(SafeText.Line(value)).Append('\n');
}
