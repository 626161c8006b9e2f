using MimeKit;
using TicketMail.Core.Content;

namespace TicketMail.Core.Mail;

/// <summary>
/// The address headers of a message with their display names decoded like the subject: a From, To, Cc or
/// Reply-To whose raw 8-bit name is not UTF-8, or whose encoded words lie about their charset, is parsed again
/// from its raw bytes (<see cref="HeaderText.TryRepair"/>). Anything else is MimeKit's own parse.
/// </summary>
public sealed class AddressHeaders(MimeMessage message, HeaderHints hints)
{
    public InternetAddressList From => List(HeaderId.From, message.From);

    public InternetAddressList To => List(HeaderId.To, message.To);

    public InternetAddressList Cc => List(HeaderId.Cc, message.Cc);

    public InternetAddressList ReplyTo => List(HeaderId.ReplyTo, message.ReplyTo);

    /// <summary>A header's text (for salvaging an unparsable From), re-decoded the same way; null when absent.</summary>
    public string? Text(HeaderId id) => message.Headers.FirstOrDefault(h => h.Id == id) is { } header ? HeaderText.Value(header, hints) : null;

    private InternetAddressList List(HeaderId id, InternetAddressList parsed)
    {
        // Several headers of one kind are MimeKit's to combine; this only re-reads the common single one.
        var headers = message.Headers.Where(h => h.Id == id).Take(2).ToList();
        if (headers.Count != 1 || !HeaderText.TryRepair(headers[0], hints, out var raw, out var options))
        {
            return parsed;
        }

        return InternetAddressList.TryParse(options, raw, out var list) && list.Count == parsed.Count ? list : parsed;
    }
}
