using MimeKit;

namespace TicketMail.Core.Mail;

/// <summary>Parses raw bytes held in a seekable stream, and rejects input that is not a message at all.</summary>
public static class MessageLoader
{
    /// <summary>Deeper MIME nesting than this is kept as a leaf part: hostile nesting cannot exhaust the stack.</summary>
    public const int MaxMimeDepth = 64;

    private static readonly ParserOptions Options = CreateOptions();

    private static ParserOptions CreateOptions()
    {
        var options = ParserOptions.Default.Clone();
        options.MaxMimeDepth = MaxMimeDepth;
        return options;
    }

    /// <summary>The address of an mbox "From sender date" line; null for none or MAILER-DAEMON.</summary>
    public static string? EnvelopeSenderOf(string? fromLine) =>
        fromLine is null ? null : LeadingLines.EnvelopeAddress(fromLine.StartsWith("From ", StringComparison.Ordinal) ? fromLine : "From " + fromLine);

    /// <summary>
    /// Parses the message. The stream must stay open while the result is used: with persistent
    /// parsing MimeKit reads part contents from it on demand instead of copying them.
    /// </summary>
    public static MimeMessage Parse(Stream stream, CancellationToken cancellationToken = default) =>
        Load(stream, cancellationToken).Message;

    /// <summary>
    /// As <see cref="Parse"/>, and says what was skipped before the header block (leading blank lines, a
    /// pasted banner) and the sender of an mbox envelope line, which a message without a From may need.
    /// </summary>
    public static LoadedMessage Load(Stream stream, CancellationToken cancellationToken = default) =>
        Load(stream, null, cancellationToken);

    /// <param name="envelopeSender">The sender of the mbox "From " line the input was cut after, when the input no longer has it.</param>
    public static LoadedMessage Load(Stream stream, string? envelopeSender, CancellationToken cancellationToken = default)
    {
        if (stream.Length == 0)
        {
            throw new UnusableMessageException("the input is empty");
        }

        stream.Position = 0;
        var start = LeadingLines.Scan(stream);
        stream.Position = start.Offset;
        var parser = new MimeParser(Options, stream, MimeFormat.Entity, persistent: stream is FileStream);
        Content.PartOffsets.Track(parser, stream);
        MimeMessage message;
        try
        {
            message = parser.ParseMessage(cancellationToken);
        }
        catch (FormatException ex)
        {
            throw new UnusableMessageException($"the input is not a MIME message ({ex.Message})");
        }

        if (message.Headers.Count == 0)
        {
            message.Dispose();
            throw new UnusableMessageException("the input has no header block");
        }

        return new LoadedMessage(message, start.EnvelopeSender ?? envelopeSender, start.Note is { } note ? [note] : []);
    }
}
