using TicketMail.Core.Mail;

namespace TicketMail.Core.Classification;

/// <summary>
/// The failed recipients of a text bounce, from its labelled lines (<see cref="BounceLines"/>). The rules: an
/// address stated with its failure is failed; a listed address is failed when a heading announced the list (up to
/// the report's next paragraph, at most a dozen lines) or when the lines under it state its failure; "(expanded
/// from X)" right under a failed address names X, the address that was sent to, as failed with it. Each
/// recipient's failure is what its own lines say (a 5.x.x or 5xx code or "user unknown" is for good, 4.x.x or
/// "will retry" a delay; the reporting MTA's words before a code it quotes); failing that, a report that says it
/// gave up, then the heading, then a report that says it will retry. Nothing else marks an address as failed for
/// good. Quoted lines count only as entries of a heading's list ("> a@b"); a bounce about one recipient gives it
/// the first status code of its text.
/// </summary>
internal static class BounceRecipients
{
    private const int HeadingScope = 12;
    private const int BlockLines = 6;

    /// <param name="lines">The bounce's lines, each labelled, or null when it is not the MTA's (the returned message).</param>
    /// <param name="quoted">Which lines are quoted with '>'.</param>
    public static List<BouncedRecipient> Read(IReadOnlyList<BounceLine?> lines, IReadOnlyList<bool> quoted)
    {
        var report = ReportFailure(lines, quoted);
        var result = new List<(BouncedRecipient Recipient, int Line)>();
        var scopeEnd = -1;
        var heading = BounceFailure.None;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is not { } line)
            {
                continue;
            }

            if (i <= scopeEnd && line is { Kind: BounceLineKind.Other, Flush: true })
            {
                // The heading's list ends at the next paragraph of the report ("For help write to ...").
                scopeEnd = -1;
            }

            var inScope = i <= scopeEnd;
            if (quoted[i] && !(line.Kind == BounceLineKind.Item && inScope))
            {
                continue;
            }

            switch (line.Kind)
            {
                case BounceLineKind.Heading:
                    scopeEnd = i + HeadingScope;
                    heading = line.Failure;
                    continue;
                case BounceLineKind.Origin when result.FindLast(r => r.Line >= i - 2 && r.Line < i).Recipient is { } above:
                    // "(expanded from: X)" under a failed address: X, the address that was sent to, failed with it.
                    Add(result, above with { Address = line.Address! }, i);
                    continue;
                case BounceLineKind.Item when !inScope && Block(lines, quoted, i).Failure == BounceFailure.None:
                case BounceLineKind.Other:
                    continue;
            }

            var block = Block(lines, quoted, i);
            var failure = block.Failure == BounceFailure.Permanent || report == BounceFailure.Permanent ? BounceFailure.Permanent
                : block.Failure != BounceFailure.None ? block.Failure
                : inScope && heading != BounceFailure.None ? heading
                : report;
            Add(result, new BouncedRecipient(line.Address!, block.Status, ActionOf(failure)), i);
        }

        // A bounce about one recipient: the status code its own text gives anywhere is that recipient's.
        if (result is [{ Recipient.Status: null } only] && FirstStatus(lines, quoted, only.Line) is { } status)
        {
            result[0] = (only.Recipient with { Status = status, Action = only.Recipient.Action ?? ActionOf(Code(status)) }, only.Line);
        }

        return result.Select(r => r.Recipient).ToList();
    }

    /// <summary>Each address once, where the bounce first names it; named again, its new lines add what the first lacked.</summary>
    private static void Add(List<(BouncedRecipient Recipient, int Line)> result, BouncedRecipient recipient, int line)
    {
        var index = result.FindIndex(r => r.Recipient.Address.Equals(recipient.Address, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            result.Add((recipient, line));
        }
        else if (result[index].Recipient is { Status: null } first)
        {
            result[index] = (first with { Status = recipient.Status, Action = first.Action ?? recipient.Action }, result[index].Line);
        }
    }

    private static string? FirstStatus(IReadOnlyList<BounceLine?> lines, IReadOnlyList<bool> quoted, int from)
    {
        for (var i = from; i < lines.Count; i++)
        {
            if (lines[i]?.Status is { } status && !quoted[i])
            {
                return status;
            }
        }

        return null;
    }

    private static BounceFailure Code(string status) =>
        status[0] switch { '5' => BounceFailure.Permanent, '4' => BounceFailure.Delayed, _ => BounceFailure.None };

    private static string? ActionOf(BounceFailure failure) =>
        failure switch { BounceFailure.Permanent => "failed", BounceFailure.Delayed => "delayed", _ => null };

    /// <summary>What the report says of all its recipients before it names one: "This is a permanent error; I've given up", "will retry".</summary>
    private static BounceFailure ReportFailure(IReadOnlyList<BounceLine?> lines, IReadOnlyList<bool> quoted)
    {
        var delayed = false;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is not { } line || quoted[i])
            {
                continue;
            }

            if (line.Kind is BounceLineKind.Item or BounceLineKind.Statement or BounceLineKind.Origin)
            {
                break;
            }

            if (line.Kind == BounceLineKind.Other && line.Status is null && line.Smtp is null)
            {
                if (line.Failure == BounceFailure.Permanent)
                {
                    return BounceFailure.Permanent;
                }

                delayed |= line.Failure == BounceFailure.Delayed;
            }
        }

        return delayed ? BounceFailure.Delayed : BounceFailure.None;
    }

    /// <summary>
    /// The recipient's line and the few lines under it, up to a heading or the next recipient at its indentation or
    /// left of it. The reporting MTA's words ("will retry", "user unknown") decide before a code it quotes.
    /// </summary>
    private static (BounceFailure Failure, string? Status, string? Smtp) Block(IReadOnlyList<BounceLine?> lines, IReadOnlyList<bool> quoted, int index)
    {
        var first = lines[index]!.Value;
        BounceFailure code = BounceFailure.None, wording = BounceFailure.None;
        string? status = null, smtp = null;
        for (var i = index; i < Math.Min(lines.Count, index + BlockLines); i++)
        {
            if (lines[i] is not { } line || quoted[i] && i > index)
            {
                break;
            }

            var next = line.Kind is BounceLineKind.Heading
                       || line.Kind is BounceLineKind.Item or BounceLineKind.Statement && line.Indent <= first.Indent
                       && !string.Equals(line.Address, first.Address, StringComparison.OrdinalIgnoreCase);
            if (i > index && next)
            {
                break;
            }

            status ??= line.Status;
            smtp ??= line.Smtp;
            wording = wording == BounceFailure.None ? line.Wording : wording;
            code = code == BounceFailure.Permanent || line.Failure == BounceFailure.None ? code : line.Failure;
        }

        return (wording != BounceFailure.None ? wording : code, status, smtp);
    }
}
