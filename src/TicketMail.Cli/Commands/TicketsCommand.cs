using System.CommandLine;
using System.Globalization;
using TicketMail.Cli.Infrastructure;
using TicketMail.Cli.Output;
using TicketMail.Cli.Processing;
using TicketMail.Data;
using TicketMail.Data.Views;

namespace TicketMail.Cli.Commands;

/// <summary>ticketmail tickets ...: list, inspect, close and reopen stored tickets.</summary>
public static class TicketsCommand
{
    private static readonly Argument<string> Uuid = new("uuid") { Description = "The ticket's UUID." };
    private static readonly Option<bool> Json = new("--json") { Description = "Print JSON instead of text." };

    private static readonly Option<string?> Status = new("--status") { Description = "Only open or only closed tickets." };
    private static readonly Option<string?> From = new("--from") { Description = "Only tickets of this requester address." };
    private static readonly Option<string?> Since = new("--since") { Description = "Only tickets with a message on or after this date (yyyy-mm-dd, UTC, or an ISO 8601 time)." };
    private static readonly Option<string?> Queue = new("--queue") { Description = "Only tickets of this queue (see TICKETMAIL_SUPPORT_ADDRESS)." };
    private static readonly Option<int> Limit = new("--limit") { Description = "At most this many tickets (default 50).", DefaultValueFactory = _ => 50 };

    public static Command Create()
    {
        Status.AcceptOnlyFromAmong("open", "closed");

        var list = new Command("list", """
            List tickets, newest last message first: a table on a terminal, one JSON array with --json.

            Examples:
              ticketmail tickets list
              ticketmail tickets list --status open --from ann@customer.example --since 2026-11-01
              ticketmail tickets list --queue billing
              ticketmail tickets list --json --limit 500 | jq '.[].uuid'
            """)
        { Status, From, Since, Queue, Limit, Json };
        CommandRunner.SetAction(list, ListAsync, quietLog: true);

        var show = new Command("show", """
            Print a ticket with its messages in order: reply text, flags, attachments, and quarantined mail that names it.

            Example:
              ticketmail tickets show 9b2f6c1e-4a53-4c8e-9d1f-2f0a7c5e8b31
            """)
        { Uuid, Json };
        CommandRunner.SetAction(show, ShowAsync);

        var close = new Command("close", "Close a ticket. A later reply from a participant opens it again.\n\nExample:\n  ticketmail tickets close 9b2f6c1e-4a53-4c8e-9d1f-2f0a7c5e8b31") { Uuid };
        CommandRunner.SetAction(close, (c, ct) => SetStatusAsync(c, "closed", ct));

        var reopen = new Command("reopen", "Open a closed ticket again.\n\nExample:\n  ticketmail tickets reopen 9b2f6c1e-4a53-4c8e-9d1f-2f0a7c5e8b31") { Uuid };
        CommandRunner.SetAction(reopen, (c, ct) => SetStatusAsync(c, "open", ct));

        return new Command("tickets", "List, search, inspect, close, reopen, export and erase tickets.")
        {
            list, show, close, reopen,
            TicketSearchCommand.Create(), TicketExportCommand.Create(), TicketEraseCommand.Erase(), TicketEraseCommand.Purge(),
        };
    }

    private static async Task<int> ListAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var parse = context.Parse;
        var limit = parse.GetValue(Limit);
        if (limit < 1)
        {
            throw new UsageException($"--limit {limit} must be 1 or more");
        }

        var filter = new TicketFilter(parse.GetValue(Status), parse.GetValue(From)?.Trim(), ParseSince(parse.GetValue(Since)), limit)
        {
            Queue = parse.GetValue(Queue)?.Trim().ToLowerInvariant(),
        };
        await using var session = new StoreSession(context.Config);
        var store = await session.GetAsync(cancellationToken);
        var tickets = await store.ListTicketsAsync(filter, cancellationToken);
        context.IO.Out.WriteLine(parse.GetValue(Json)
            ? TicketListWriter.Json(tickets)
            : TicketListWriter.Table(tickets, context.IO.OutputIsTerminal ? TerminalWidth() : int.MaxValue));
        return 0;
    }

    private static async Task<int> ShowAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var uuid = ParseUuid(context);
        await using var session = new StoreSession(context.Config);
        var store = await session.GetAsync(cancellationToken);
        var ticket = await store.GetTicketAsync(uuid, cancellationToken) ?? throw NoSuchTicket(uuid);
        var quarantined = QuarantineScan.For(context.Config.Spool, uuid);

        context.IO.Out.WriteLine(context.Parse.GetValue(Json) ? TicketWriter.Json(ticket, quarantined) : TicketWriter.Human(ticket) + QuarantineScan.Human(quarantined));
        return 0;
    }

    private static async Task<int> SetStatusAsync(CommandContext context, string status, CancellationToken cancellationToken)
    {
        var uuid = ParseUuid(context);
        await using var session = new StoreSession(context.Config);
        var store = await session.GetAsync(cancellationToken);
        var before = await store.SetStatusAsync(uuid, status, context.Clock.GetUtcNow().UtcDateTime, cancellationToken) ?? throw NoSuchTicket(uuid);
        context.IO.Out.WriteLine(before == status ? $"ticket {uuid:D} was already {status}" : $"ticket {uuid:D} is now {status} (was {before})");
        return 0;
    }

    private static Guid ParseUuid(CommandContext context)
    {
        var text = context.Parse.GetValue(Uuid)!;
        return Guid.TryParse(text, out var uuid) ? uuid : throw new UsageException($"'{text}' is not a ticket UUID");
    }

    private static CliException NoSuchTicket(Guid uuid) =>
        new(ExitCodes.DataError, $"no ticket {uuid:D}; list tickets with 'ticketmail tickets list'");

    private static DateTime? ParseSince(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
            ? when.UtcDateTime
            : throw new UsageException($"--since '{text}' is not a date; use yyyy-mm-dd or an ISO 8601 time");
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 20 ? Console.WindowWidth : 120;
        }
        catch (IOException)
        {
            return 120;
        }
    }
}
