using System.CommandLine;
using System.Globalization;
using TicketMail.Cli.Acknowledgements;
using TicketMail.Cli.Infrastructure;
using TicketMail.Cli.Output;
using TicketMail.Cli.Processing;

namespace TicketMail.Cli.Commands;

/// <summary>ticketmail outbox list|flush: the acknowledgements written with their tickets, and retrying the unsent ones.</summary>
public static class OutboxCommand
{
    private static readonly Option<bool> Json = new("--json") { Description = "Print one JSON array." };

    public static Command Create()
    {
        var list = new Command("list", "Show outgoing mail (acknowledgements): pending, sent and failed.\n\nExample:\n  ticketmail outbox list --json") { Json };
        CommandRunner.SetAction(list, ListAsync, quietLog: true);

        var flush = new Command("flush", """
            Send pending outgoing mail now (TICKETMAIL_SMTP). Exits 75 when some mail is still pending.

            Example (cron, every 10 minutes):
              */10 * * * * vmail ticketmail outbox flush
            """);
        CommandRunner.SetAction(flush, FlushAsync);
        return new Command("outbox", "Outgoing mail written with its ticket and sent after commit.") { list, flush };
    }

    private static async Task<int> ListAsync(CommandContext context, CancellationToken cancellationToken)
    {
        await using var session = new StoreSession(context.Config);
        var store = await session.GetAsync(cancellationToken);
        var rows = await store.ListOutboxAsync(cancellationToken);
        if (context.Parse.GetValue(Json))
        {
            context.IO.Out.WriteLine(JsonOutput.Write(w =>
            {
                w.WriteStartArray();
                foreach (var r in rows)
                {
                    w.WriteStartObject();
                    w.WriteNumber("id", r.Id);
                    w.WriteString("ticket", r.Ticket.ToString("D"));
                    w.WriteString("to", r.ToAddress);
                    w.WriteString("messageId", r.MessageId);
                    w.WriteString("kind", r.Kind);
                    w.WriteString("status", r.Status);
                    w.WriteNumber("attempts", r.Attempts);
                    w.StringOrNull("lastError", r.LastError);
                    w.Time("createdAt", r.CreatedAt);
                    w.Time("sentAt", r.SentAt);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }));
            return 0;
        }

        if (rows.Count == 0)
        {
            context.IO.Out.WriteLine("the outbox is empty");
        }

        foreach (var r in rows)
        {
            var error = r.LastError is { } e ? $" last error: {ErrorHandler.OneLine(e)}" : "";
            context.IO.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{r.Id,5} {r.Status,-7} {r.Kind} to {r.ToAddress} ticket {r.Ticket:D} attempts {r.Attempts}{error}"));
        }

        return 0;
    }

    private static async Task<int> FlushAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var acknowledger = Acknowledger.From(context.Config, context.Clock)
            ?? throw new ConfigException("acknowledgements are off: set TICKETMAIL_SMTP (e.g. smtp://127.0.0.1:25) to send the outbox");
        await using var session = new StoreSession(context.Config);
        var store = await session.GetAsync(cancellationToken);
        var pending = await store.PendingOutboxAsync(null, cancellationToken);
        var sent = 0;
        foreach (var row in pending)
        {
            if (await acknowledger.SendAsync(store, row, cancellationToken))
            {
                sent++;
            }
        }

        var left = pending.Count - sent;
        context.IO.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sent {sent} of {pending.Count} pending mail(s) via {acknowledger.Settings.Smtp.Display}"));
        if (left > 0)
        {
            context.IO.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ticketmail: {left} mail(s) not sent; see 'ticketmail outbox list' for the errors and run 'ticketmail outbox flush' again"));
            return ExitCodes.TempFail;
        }

        return 0;
    }
}
