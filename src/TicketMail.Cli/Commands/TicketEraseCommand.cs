using System.CommandLine;
using System.Globalization;
using TicketMail.Cli.Infrastructure;
using TicketMail.Cli.Processing;
using TicketMail.Cli.Spool;
using TicketMail.Data.Views;

namespace TicketMail.Cli.Commands;

/// <summary>
/// tickets erase (a person's data, on request) and tickets purge (retention): each ticket goes in its own
/// transaction, so an interrupted run leaves whole tickets or none. Both print what they removed.
/// </summary>
public static class TicketEraseCommand
{
    private static readonly Option<string> Requester = new("--requester") { Description = "The address whose data goes.", Required = true };
    private static readonly Option<string> ClosedBefore = new("--closed-before") { Description = "Closed tickets last changed before this date (yyyy-mm-dd, UTC, or an ISO 8601 time).", Required = true };
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Count what would go; remove nothing." };
    private static readonly Option<bool> Yes = new("--yes") { Description = "Really remove (needed when run from a terminal)." };

    public static Command Erase()
    {
        var erase = new Command("erase", """
            Remove everything of one requester: the tickets it opened, the messages it sent to other tickets, their raw
            bytes, attachments no other message uses, thread keys, outbox rows, address flags, and its copies in the
            spool's deferred/ and quarantine/.

            Examples:
              ticketmail tickets erase --requester ann@customer.example --dry-run
              ticketmail tickets erase --requester ann@customer.example --yes
            """)
        { Requester, DryRun, Yes };
        CommandRunner.SetAction(erase, EraseAsync);
        return erase;
    }

    public static Command Purge()
    {
        var purge = new Command("purge", """
            Remove closed tickets last changed before a date, with everything on them (retention).

            Example:
              ticketmail tickets purge --closed-before 2025-01-01 --dry-run
            """)
        { ClosedBefore, DryRun, Yes };
        CommandRunner.SetAction(purge, PurgeAsync);
        return purge;
    }

    private static async Task<int> EraseAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var address = context.Parse.GetValue(Requester)!.Trim();
        if (!address.Contains('@', StringComparison.Ordinal))
        {
            throw new UsageException($"--requester '{address}' is not an address");
        }

        var dryRun = Confirmed(context);
        await using var session = new StoreSession(context.Config);
        var store = await session.GetAsync(cancellationToken);
        var report = await store.EraseRequesterAsync(address, dryRun, cancellationToken);
        var files = SpoolCopies(context, address, dryRun);
        Print(context, dryRun ? "would erase" : "erased", $"requester {address.ToLowerInvariant()}", report, files);
        return 0;
    }

    private static async Task<int> PurgeAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var text = context.Parse.GetValue(ClosedBefore)!.Trim();
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var before))
        {
            throw new UsageException($"--closed-before '{text}' is not a date; use yyyy-mm-dd or an ISO 8601 time");
        }

        var dryRun = Confirmed(context);
        await using var session = new StoreSession(context.Config);
        var store = await session.GetAsync(cancellationToken);
        var report = await store.PurgeClosedAsync(before.UtcDateTime, dryRun, cancellationToken);
        Print(context, dryRun ? "would purge" : "purged", $"closed tickets last changed before {before.UtcDateTime:yyyy-MM-dd HH:mm} UTC", report, null);
        return 0;
    }

    /// <summary>True for a dry run. On a terminal a real run needs --yes, so that a typo in an address never erases by surprise.</summary>
    private static bool Confirmed(CommandContext context)
    {
        var dryRun = context.Parse.GetValue(DryRun);
        if (!dryRun && !context.Parse.GetValue(Yes) && context.IO.InputIsTerminal)
        {
            throw new UsageException("this removes data for good; run it with --dry-run to see what goes, then again with --yes");
        }

        return dryRun;
    }

    /// <summary>The requester's messages kept in deferred/ and quarantine/ (by the sender in their reason files).</summary>
    private static int SpoolCopies(CommandContext context, string address, bool dryRun)
    {
        var spool = SpoolFolder.Open(context.Config.Spool);
        var count = 0;
        foreach (var box in new[] { SpoolBox.Deferred, SpoolBox.Quarantine })
        {
            foreach (var entry in spool.List(box))
            {
                if (string.Equals(spool.NoteOf(entry)?.From, address, StringComparison.OrdinalIgnoreCase))
                {
                    count++;
                    if (!dryRun)
                    {
                        spool.Delete(entry);
                    }
                }
            }
        }

        return count;
    }

    private static void Print(CommandContext context, string verb, string what, ErasureReport report, int? spoolFiles)
    {
        var spool = spoolFiles is { } files ? $", {files} spool file(s)" : "";
        context.IO.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{verb} {what}: {report.Tickets.Count} ticket(s), {report.Messages} message(s), {report.Attachments} attachment(s), {report.Blobs} attachment content(s), {report.ThreadKeys} thread key(s), {report.OutboxRows} outbox row(s), {report.AddressFlags} address flag(s){spool}"));
        foreach (var ticket in report.Tickets)
        {
            context.IO.Out.WriteLine($"  ticket {ticket:D}");
        }
    }
}
