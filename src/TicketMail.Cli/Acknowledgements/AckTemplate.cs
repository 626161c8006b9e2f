using System.Text;

namespace TicketMail.Cli.Acknowledgements;

/// <summary>
/// The acknowledgement's plain-text body: TICKETMAIL_ACK_TEMPLATE or the built-in text, with the placeholders
/// {{ticket}}, {{subject}}, {{name}} and {{reply_address}} filled in.
/// </summary>
public static class AckTemplate
{
    public const string Default = """
        Hello {{name}},

        we have received your message "{{subject}}" and opened ticket {{ticket}}.

        To add anything, simply reply to this mail: replies to {{reply_address}} join the ticket.
        Please keep [#{{ticket}}] in the subject.

        This is an automatic message.
        """;

    public static string Render(string? templateFile, Guid ticket, string subject, string? name, string replyAddress)
    {
        var template = templateFile is { Length: > 0 } ? File.ReadAllText(templateFile, Encoding.UTF8) : Default;
        return template
            .Replace("{{ticket}}", ticket.ToString("D"), StringComparison.Ordinal)
            .Replace("{{subject}}", subject, StringComparison.Ordinal)
            .Replace("{{name}}", string.IsNullOrWhiteSpace(name) ? "there" : name, StringComparison.Ordinal)
            .Replace("{{reply_address}}", replyAddress, StringComparison.Ordinal)
            .ReplaceLineEndings("\n");
    }
}
