using System.CommandLine;
using System.Globalization;
using TicketMail.Cli.Acknowledgements;
using TicketMail.Cli.Infrastructure;
using TicketMail.Cli.Output;
using TicketMail.Cli.Processing;
using TicketMail.Cli.Webhooks;
using TicketMail.Data.Outgoing;

namespace TicketMail.Cli.Commands;

/// <summary>ticketmail outbox list|flush: the acknowledgements written with their tickets, and retrying the unsent ones.</summary>
public static class OutboxCommand
{
    private static readonly Option<bool> Json = new("--json") { Description = "Print one JSON array." };

    // The timer and cron file of deploy/install.sh run "outbox flush" on every host, also where nothing is sent.
    private static readonly Option<bool> IfConfigured = new("--if-configured")
    {
        Description = "Exit 0 without sending when neither TICKETMAIL_SMTP nor TICKETMAIL_WEBHOOK is set (for the timer and cron).",
    };

    public static Command Create()
    {
        var list = new Command("list", "Show outgoing mail (acknowledgements) and webhook events: pending, sent and failed.\n\nExample:\n  ticketmail outbox list --json") { Json };
        CommandRunner.SetAction(list, ListAsync, quietLog: true);

        var flush = new Command("flush", """
            Send pending outgoing mail (TICKETMAIL_SMTP) and webhook events (TICKETMAIL_WEBHOOK) that are due.
            Exits 75 when some are still pending (a failed event waits 30 s, 1 min, 2 min, ... up to 6 h).

            Example (cron, every 10 minutes):
              */10 * * * * vmail ticketmail outbox flush
            """) { IfConfigured };
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
                    w.StringOrNull("ticket", r.Ticket?.ToString("D"));
                    w.WriteString("to", r.ToAddress);
                    w.WriteString("messageId", r.MessageId);
                    w.WriteString("kind", r.Kind);
                    w.WriteString("status", r.Status);
                    w.WriteNumber("attempts", r.Attempts);
                    w.StringOrNull("lastError", r.LastError);
                    w.Time("createdAt", r.CreatedAt);
                    w.Time("sentAt", r.SentAt);
                    w.Time("nextAttemptAt", r.Status == OutboxStatus.Pending ? r.NextAttemptAt : null);
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
                $"{r.Id,5} {r.Status,-7} {r.Kind} to {r.ToAddress} ticket {(r.Ticket is { } t ? t.ToString("D") : "-")} attempts {r.Attempts}{error}"));
        }

        return 0;
    }

    private static async Task<int> FlushAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var acknowledger = Acknowledger.From(context.Config, context.Clock);
        var webhooks = WebhookSender.For(context.Config, context.Clock, WebhookSettings.FlushTimeout);
        if (acknowledger is null && webhooks is null)
        {
            if (context.Parse.GetValue(IfConfigured))
            {
                context.IO.Out.WriteLine("nothing to send with (TICKETMAIL_SMTP and TICKETMAIL_WEBHOOK are not set)");
                return 0;
            }

            throw new ConfigException("nothing to send with: set TICKETMAIL_SMTP (e.g. smtp://127.0.0.1:25) for mail, or TICKETMAIL_WEBHOOK for events");
        }

        await using var session = new StoreSession(context.Config);
        var store = await session.GetAsync(cancellationToken);
        // Only the rows that are due: a failed webhook waits out its backoff.
        var pending = await store.PendingOutboxAsync(null, context.Clock.GetUtcNow().UtcDateTime, cancellationToken);
        var sent = 0;
        foreach (var row in pending)
        {
            var done = row.Kind == OutboxKinds.Webhook
                ? webhooks is not null && await webhooks.SendAsync(store, row, cancellationToken)
                : acknowledger is not null && await acknowledger.SendAsync(store, row, cancellationToken);
            if (done)
            {
                sent++;
            }
        }

        var left = pending.Count - sent;
        var via = string.Join(" and ", new[] { acknowledger?.Settings.Smtp.Display, webhooks is null ? null : "webhook" }.OfType<string>());
        context.IO.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sent {sent} of {pending.Count} pending mail(s) and event(s) via {via}"));
        if (left > 0)
        {
            context.IO.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ticketmail: {left} mail(s) or event(s) not sent; see 'ticketmail outbox list' for the errors and run 'ticketmail outbox flush' again"));
            return ExitCodes.TempFail;
        }

        return 0;
    }
}
