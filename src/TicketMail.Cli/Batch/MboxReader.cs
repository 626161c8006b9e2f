using MimeKit.IO;
using System.Globalization;
using System.Text;
using MimeKit;
using TicketMail.Core.Mail;

namespace TicketMail.Cli.Batch;

/// <summary>
/// Splits an mbox file into messages with MimeKit's parser, keeping each message's raw bytes as they are in
/// the file (from the parser's offsets, with the mboxrd "&gt;From " quoting undone) so that hashes and stored raw mail match the original.
/// </summary>
public static class MboxReader
{
    private static readonly byte[] Marker = "From "u8.ToArray();

    public static bool IsMbox(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> head = stackalloc byte[5];
            return stream.ReadAtLeast(head, 5, throwOnEndOfStream: false) == 5 && head.SequenceEqual(Marker);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Counts lines that start with "From " (mboxrd escapes such lines in bodies as "&gt;From ").</summary>
    public static long Count(string path)
    {
        long count = 0;
        using var reader = new StreamReader(path, Encoding.Latin1);
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("From ", StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }

    public static IEnumerable<BatchItem> Items(string path)
    {
        using var stream = File.OpenRead(path);
        var parser = new MimeParser(ParserOptions.Default, stream, MimeFormat.Mbox, persistent: true);
        var ranges = new List<(long Begin, long End)>();
        parser.MimeMessageEnd += (_, e) => ranges.Add((e.BeginOffset, e.EndOffset));
        var index = 0;
        while (true)
        {
            bool more;
            try
            {
                more = !parser.IsEndOfStream;
                if (more)
                {
                    parser.ParseMessage().Dispose();
                }
            }
            catch (FormatException ex)
            {
                throw new UnusableMessageException($"{path} is not a readable mbox after message {index} ({ex.Message})");
            }

            if (!more)
            {
                yield break;
            }

            var (begin, end) = ranges[^1];
            // The slice starts after its "From " line: its sender goes along, the last fallback as for a single file.
            var envelope = MessageLoader.EnvelopeSenderOf(parser.MboxMarker);
            index++;
            var source = string.Create(CultureInfo.InvariantCulture, $"{path}#{index}");
            // mboxrd: the ">From " quoting of body lines is undone, so each message is stored as it was written (tickets export).
            yield return new BatchItem(source, () => Export.MboxFormat.Unquote(new BoundStream(File.OpenRead(path), begin, end, leaveOpen: false)))
            {
                EnvelopeSender = envelope,
            };
        }
    }
}
