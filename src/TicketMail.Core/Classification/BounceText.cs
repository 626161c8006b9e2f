using System.Text.RegularExpressions;
using MimeKit;
using TicketMail.Core.Mail;

namespace TicketMail.Core.Classification;

/// <summary>
/// Reads the text an MTA writes into a bounce. Each line is labelled first (quoted by a person, part of the
/// returned message, or the MTA's own report) and only the MTA's lines are searched: its intro ("This is
/// the mail system at host", "could not be delivered"), the failed recipients, the status codes. The
/// returned message starts at a marker ("message headers follow", "below this line is a copy of the
/// message", an "original message" rule) or an attached message part; its Message-ID is read from there.
/// </summary>
internal static partial class BounceText
{
    private const int MaxLines = 400;
    private const int IntroLines = 40;

    /// <summary>
    /// What the text says. The intro and auto-reply lines are read at once (every message's weak signals need
    /// them, and only the first lines count); the failed recipients and the returned Message-ID only when asked,
    /// since only a bounce needs them and labelling every line of every person's mail cost a quarter of a batch's CPU.
    /// </summary>
    public sealed class Result(List<string> lines, string? intro, string? autoReplyLine)
    {
        private Label[]? _labels;
        private IReadOnlyList<BouncedRecipient>? _recipients;
        private string? _returnedId;
        private bool _returnedRead;

        public string? Intro => intro;

        /// <summary>An auto-responder's own words in the first lines ("This is an automated response", "I am out of the office").</summary>
        public string? AutoReplyLine => autoReplyLine;

        public bool LooksLikeBounce => intro is not null || Recipients.Any(r => r.Status is not null || r.Action is not null);

        public IReadOnlyList<BouncedRecipient> Recipients => _recipients ??= ReadRecipients();

        public string? ReturnedMessageId
        {
            get
            {
                if (!_returnedRead)
                {
                    var labels = Labels();
                    _returnedId = lines.Where((_, i) => labels[i] == Label.Returned).Select(line => MessageIdLine().Match(line))
                        .Where(m => m.Success).Select(m => ReturnedMessage.Clean(m.Groups[1].Value)).FirstOrDefault();
                    _returnedRead = true;
                }

                return _returnedId;
            }
        }

        private Label[] Labels() => _labels ??= LabelLines(lines);

        private List<BouncedRecipient> ReadRecipients()
        {
            var labels = Labels();
            return BounceRecipients.Read(
                [.. lines.Select((line, i) => labels[i] == Label.Returned ? (BounceLine?)null : BounceLines.Classify(line))],
                [.. labels.Select(l => l == Label.Quoted)]);
        }
    }

    private enum Label
    {
        Report,
        Quoted,
        Returned,
    }

    public static Result Analyse(MimeMessage message) => Analyse(BodyText(message));

    public static Result Analyse(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n').Take(MaxLines).ToList();
        string? intro = null;
        string? autoReply = null;
        var reportLines = 0;
        // Only the first IntroLines lines of the report are searched; the labels past them are made when asked.
        for (var i = 0; i < lines.Count && reportLines <= IntroLines; i++)
        {
            var line = lines[i];
            var phrase = MayHoldPhrase(line);
            if (phrase && ReturnedMarker().IsMatch(line))
            {
                break;
            }

            if (line.TrimStart().StartsWith('>'))
            {
                continue;
            }

            if (line.Trim().Length > 0 && ++reportLines <= IntroLines && intro is null && phrase && Intro().Match(line) is { Success: true } match)
            {
                intro = match.Value.Trim();
            }

            if (reportLines <= IntroLines && autoReply is null && phrase && AutoReplyLine().Match(line) is { Success: true } auto)
            {
                autoReply = auto.Value.Trim();
            }
        }

        return new Result(lines, intro, autoReply);
    }

    /// <summary>The first enhanced status code (5.1.1) in a line, else null.</summary>
    public static string? StatusCode(string text) => Status().Match(text) is { Success: true } m ? m.Value : null;

    private static Label[] LabelLines(List<string> lines)
    {
        var labels = new Label[lines.Count];
        var returned = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (!returned && MayHoldPhrase(line) && ReturnedMarker().IsMatch(line))
            {
                returned = true;
            }

            labels[i] = returned ? Label.Returned : line.TrimStart().StartsWith('>') ? Label.Quoted : Label.Report;
        }

        return labels;
    }

    /// <summary>
    /// Every marker, intro and auto-reply phrase below has a space or a colon in it: a line with neither (a base64
    /// or other long token) skips the three case-insensitive patterns, which were a tenth of a batch's reading CPU.
    /// </summary>
    private static bool MayHoldPhrase(string line) => line.AsSpan().IndexOfAny(' ', ':') >= 0;

    internal static bool Useful(string address)
    {
        var local = address[..address.IndexOf('@')].ToLowerInvariant();
        return !local.Contains("postmaster", StringComparison.Ordinal) && !local.Contains("mailer-daemon", StringComparison.Ordinal);
    }

    /// <summary>The first text/plain parts (not inside an attached message), decoded, up to 64 KiB.</summary>
    private static string BodyText(MimeMessage message)
    {
        var texts = new List<string>();
        var pending = new List<(MimeEntity Entity, int Depth)>();
        if (message.Body is { } body)
        {
            pending.Add((body, 1));
        }

        for (var i = 0; i < pending.Count && texts.Sum(t => t.Length) < 65536; i++)
        {
            var (entity, depth) = pending[i];
            if (entity is TextPart { IsPlain: true } text && !text.IsAttachment)
            {
                texts.Add(Safe(text));
            }
            else if (entity is Multipart multipart && depth < 4)
            {
                pending.AddRange(multipart.Select(child => (child, depth + 1)));
            }
        }

        return string.Join("\n", texts);
    }

    private static string Safe(TextPart part)
    {
        try
        {
            // Only the start is read: a robot's notice is short, and a 40 MB text part must not be decoded whole here.
            var text = Content.TextDecoder.Decode(part, 65536).Text;
            return text.Length > 65536 ? text[..65536] : text;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException)
        {
            return "";
        }
    }

    // What MTAs write at the top of a bounce (Postfix, Exim, qmail, Sendmail, Exchange, Gmail, Domino, ...).
    [GeneratedRegex(@"(this is the mail system at host|this message was created automatically by mail delivery software|this is the qmail-send program|i'm afraid i wasn't able to deliver|i'm sorry to have to inform you that your message could not|the original message was received at|delivery to the following recipients? (failed|has been delayed)|delivery has failed to these recipients|your message did not reach some or all of the intended recipients|your message (wasn't|was not|could not be) delivered|(message|mail) (could not be|was not|wasn't) delivered|could not be delivered to|undeliverable (mail|message)|delivery (status notification|failure|failed|has failed|problems?)|permanent(ly)? (fatal )?(error|failure)|failed permanently|unable to deliver (your )?(message|mail)|sorry, we were unable to deliver|the following addresses had (permanent fatal|transient non-fatal) errors|returned mail|message delivery (failed|has failed)|non-?delivery (report|notification)|address not found|this is an automatically generated delivery status notification|could not deliver (the )?(message|mail)|warning: message .* still undelivered|has not yet been delivered|delivery (attempts|has been) (will continue|delayed))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Intro();

    [GeneratedRegex(@"(message headers? follows?|below this line is a copy of the message|this is a copy of the message|original message (follows|headers)|^\s*-+\s*(original|returned|undelivered|unsent) message|unsent message below|^\s*-+ ?(the )?(original|returned) message|^\s*content-type:\s*message/rfc822|message text follows|text of the message follows|a copy of the original message|header of the original message|the first \d+ lines of your message|^\s*-+ ?start of (the )?(returned|original)|^Return-Path:|^Received: (from|by) )",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReturnedMarker();

    [GeneratedRegex(@"(this is an? (automated|automatic|auto-generated) (response|reply|message)|this is an auto(-| )?reply|i am (currently )?(out of (the )?office|away|on (vacation|holiday|leave))|i('m| am| will be) out of (the )?office|ich bin (bis|vom|ab|derzeit|zur zeit|momentan|leider)\b.{0,40}\b(abwesend|nicht im b[üu]ro|im urlaub)|je suis (actuellement )?absente?|sono (attualmente )?(assente|fuori ufficio)|estoy (fuera de la oficina|de vacaciones|ausente)|ik ben (afwezig|met vakantie|niet op kantoor)|jestem (nieobecn|na urlopie)|thank you for your (e-?mail|message)\.? (this is an automatic|we have received))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AutoReplyLine();

    // Not a piece of a longer dotted number ("policy (3.2.1.1)", an IP address).
    [GeneratedRegex(@"(?<![\d.])[245]\.\d{1,3}\.\d{1,3}(?!\.?\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Status();

    [GeneratedRegex(@"^\s*Message-ID:\s*(<[^>]+>|\S+@\S+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MessageIdLine();
}
