using System.CommandLine;
using TicketMail.Cli.Infrastructure;
using TicketMail.Cli.Output;
using TicketMail.Cli.Processing;

namespace TicketMail.Cli.Commands;

/// <summary>ticketmail tickets ...: look at stored tickets.</summary>
public static class TicketsCommand
{
    private static readonly Argument<string> Uuid = new("uuid") { Description = "The ticket's UUID." };
    private static readonly Option<bool> Json = new("--json") { Description = "Print one JSON object." };

    public static Command Create()
    {
        var show = new Command("show", "Print a ticket with its messages in order.") { Uuid, Json };
        CommandRunner.SetAction(show, ShowAsync);
        return new Command("tickets", "List and inspect tickets.") { show };
    }

    private static async Task<int> ShowAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var text = context.Parse.GetValue(Uuid)!;
        if (!Guid.TryParse(text, out var uuid))
        {
            throw new UsageException($"'{text}' is not a ticket UUID");
        }

        await using var session = new StoreSession(context.Config);
        var store = await session.GetAsync(cancellationToken);
        var ticket = await store.GetTicketAsync(uuid, cancellationToken)
            ?? throw new CliException(ExitCodes.DataError, $"no ticket {uuid:D}; list tickets with 'ticketmail tickets list'");

        context.IO.Out.WriteLine(context.Parse.GetValue(Json) ? TicketWriter.Json(ticket) : TicketWriter.Human(ticket));
        return 0;
    }
}
