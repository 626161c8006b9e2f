using TicketMail.Core.Content.Replies;

namespace TicketMail.Core.Content;

/// <summary>
/// Finds the new text of a reply in two steps (see Content/Replies): prepare the lines (quote prefixes,
/// wrapped attributions, protected code and links), classify each one, then let a few ordered rules pick
/// the reply out of the sequence of kinds. When nothing would be left, the full text is the reply.
/// </summary>
public static class ReplyTrimmer
{
    /// <summary>
    /// Only this much of a huge text is read: a reply sits at the top, and a 40 MB log pasted into a body
    /// must cost neither time nor a second full copy. When no cut falls inside it, the text is the reply.
    /// </summary>
    public const int MaxScannedChars = 256 * 1024;

    public static string Trim(string text)
    {
        var scanned = text.Length <= MaxScannedChars ? text : text[..Math.Max(0, text.LastIndexOf('\n', MaxScannedChars))];
        var physical = scanned.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var lines = ReplyPreparer.Prepare(physical);
        var kinds = LineClassifier.Classify(lines);
        if (ReplyRules.Decide(kinds, lines) is not { } span)
        {
            return text.Trim();
        }

        var (offset, length) = span.GetOffsetAndLength(lines.Count);
        var first = lines[offset].First;
        var last = lines[offset + length - 1].Last;
        if (scanned.Length < text.Length && last == physical.Length - 1)
        {
            // The reply runs to the end of what was read: it is the whole text.
            return text.Trim();
        }

        var reply = string.Join('\n', physical[first..(last + 1)].Select(l => l.TrimEnd())).Trim('\n', ' ');
        return reply.Trim().Length == 0 ? text.Trim() : reply;
    }
}
