using MimeKit;

namespace TicketMail.Core.Content;

/// <summary>
/// Finds the readable text of a message, its sanitized HTML, the reply without quoted history, and every
/// attachment and inline image (decoded once each, hashed while decoding, left out when over the limit).
/// </summary>
public sealed class BodyExtractor(ContentOptions options)
{
    public BodyExtractor()
        : this(ContentOptions.Default)
    {
    }

    public ExtractedBody Extract(MimeMessage message) => Extract(message, HeaderHints.Of(message));

    /// <param name="hints">The message's charsets and language: a part without a usable label, or a file name, is decoded with them.</param>
    public ExtractedBody Extract(MimeMessage message, HeaderHints hints)
    {
        var walk = new MimeWalk(options, textOnly: false, hints);
        walk.Entity(message.Body, 0, related: false);

        var text = Text(walk);
        // An HTML-only reply loses its quoted part in the HTML itself, where the clients mark it.
        var cut = walk.Html.Count > 0 ? HtmlReply.Cut(string.Join('\n', walk.Html)) : null;
        var reply = walk.Plain.Count == 0 && cut is not null ? ReplyTrimmer.Trim(Normalize(HtmlToText.Convert(cut))) : null;
        if (text.Length == 0 && walk.Forwarded.Count > 0)
        {
            text = ForwardedText(walk.Forwarded[0], hints);
        }

        string? html = null;
        string? replyHtml = null;
        if (walk.Html.Count > 0)
        {
            var cids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var a in walk.Attachments.Where(a => a.ContentId is not null))
            {
                cids.TryAdd(a.ContentId!, a.Sha256);
            }

            html = HtmlCleaner.Clean(string.Join('\n', walk.Html), cids);
            html = string.IsNullOrWhiteSpace(html) ? null : html;
            replyHtml = cut is null ? html : HtmlCleaner.Clean(cut, cids);
        }

        reply = reply is { Length: > 0 } ? reply : Reply(text);
        return new ExtractedBody(text, reply, html, replyHtml, walk.Attachments, walk.Notes);
    }

    private static string Text(MimeWalk walk)
    {
        var text = walk.Plain.Count == 1 ? walk.Plain[0]
            : walk.Plain.Count > 0 ? string.Join("\n\n", walk.Plain.Select(Normalize).Where(t => t.Length > 0))
            : walk.Html.Count > 0 ? HtmlToText.Convert(string.Join('\n', walk.Html)) : "";
        return Normalize(text);
    }

    /// <summary>A forward with no text of its own shows the forwarded message, under a header saying whose it is.</summary>
    private string ForwardedText(MimeMessage forwarded, HeaderHints hints)
    {
        var walk = new MimeWalk(options, textOnly: true, hints);
        walk.Entity(forwarded.Body, 0, related: false);
        var lines = new List<string> { "---------- Forwarded message ----------" };
        if (forwarded.From.Count > 0)
        {
            lines.Add("From: " + string.Join(", ", forwarded.From.Mailboxes.Select(m => string.IsNullOrWhiteSpace(m.Name) ? m.Address : $"{m.Name} <{m.Address}>")));
        }

        if (forwarded.Headers.Contains(HeaderId.Date))
        {
            lines.Add("Date: " + forwarded.Date.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (HeaderText.Subject(forwarded, hints) is { Length: > 0 } subject)
        {
            lines.Add("Subject: " + subject);
        }

        return Normalize(string.Join('\n', lines) + "\n\n" + Text(walk));
    }

    private static string Normalize(string text) => TextLines.Normalize(text);

    /// <summary>
    /// The reply trimmer reads a bounded prefix of a large text: the new text and its quote header are at the top,
    /// and a trimmer pass over 40 MB of short lines took seconds and gigabytes. When nothing is cut in the prefix
    /// the reply is the whole text, the same string (no copy).
    /// </summary>
    public const int TrimPrefixChars = 256 * 1024;

    private static string Reply(string text)
    {
        if (text.Length <= TrimPrefixChars)
        {
            return ReplyTrimmer.Trim(text);
        }

        var cut = text.LastIndexOf('\n', TrimPrefixChars);
        var prefix = text[..(cut > 0 ? cut : TrimPrefixChars)];
        var trimmed = ReplyTrimmer.Trim(prefix);
        return trimmed.Length < prefix.Length ? trimmed : text;
    }
}
