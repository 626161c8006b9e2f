using System.Diagnostics;
using Serilog;
using TicketMail.Cli.Acknowledgements;
using TicketMail.Cli.Configuration;
using TicketMail.Core.Content;
using TicketMail.Core.Mail;
using TicketMail.Core.Routing;
using TicketMail.Data;

namespace TicketMail.Cli.Processing;

/// <summary>
/// The path of one message: parse, ask the store what it knows, let the router decide, store the decision.
/// A unique-key conflict means another process stored a related message first: route again with fresh facts.
/// </summary>
public sealed class MessageProcessor(AppConfig config, StoreSession store, TimeProvider clock)
{
    private const int MaxAttempts = 6;
    private readonly InboundMailReader _reader = new(new BodyExtractor(new ContentOptions { MaxAttachmentBytes = config.MaxAttachmentBytes }));
    private readonly TicketRouter _router = new(config.RouterOptions);

    /// <summary>Acknowledgements for new tickets (issue 6); null when TICKETMAIL_SMTP is not set.</summary>
    public Acknowledger? Acknowledger { get; init; }

    public async Task<ProcessResult> ProcessAsync(string source, byte[] raw, IReadOnlyList<string> recipients, bool dryRun, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        if (raw.LongLength > config.MaxMessageBytes)
        {
            throw new UnusableMessageException($"the message is {raw.LongLength} bytes, over the limit of {config.MaxMessageBytes} (TICKETMAIL_MAX_MESSAGE_BYTES)");
        }

        using var stream = new MemoryStream(raw, writable: false);
        var sha = MessageLoader.Sha256Hex(stream);
        using var message = MessageLoader.Parse(stream, cancellationToken);
        var mail = _reader.Read(message, sha, raw.LongLength, clock.GetUtcNow());
        var query = _router.Plan(mail, recipients);

        var tickets = await store.GetAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var facts = await tickets.LoadFactsAsync(query, now, cancellationToken);
            var decision = _router.Decide(mail, query, facts);
            if (dryRun || !decision.Stores)
            {
                return Done(new ProcessResult(source, mail, decision, 0) { Ticket = decision.Ticket, DryRun = dryRun }, watch);
            }

            try
            {
                // Acknowledgement hook: built before the save so it shares the ticket's transaction, sent after commit.
                var acknowledge = Acknowledger is null ? null : await Acknowledger.PrepareAsync(tickets, mail, decision, cancellationToken);
                var saved = await tickets.SaveAsync(mail, decision, raw, now, acknowledge, cancellationToken);
                if (saved.OutboxId is { } outboxId)
                {
                    await Acknowledger!.SendAsync(tickets, outboxId, cancellationToken);
                }

                return Done(new ProcessResult(source, mail, decision, 0) { Ticket = saved.Ticket }, watch);
            }
            catch (StoreConflictException ex) when (attempt < MaxAttempts)
            {
                Log.Debug("Conflict on attempt {Attempt} for {MessageId}: {Reason}; routing again", attempt, mail.MessageId, ex.Message);
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken);
            }
        }
    }

    private static ProcessResult Done(ProcessResult result, Stopwatch watch)
    {
        var elapsed = watch.Elapsed.TotalMilliseconds;
        var decision = result.Decision!;
        if (decision.UnknownTag is { } tag)
        {
            Log.Warning("Recipient tag names unknown ticket {Tag}; {Action} instead", tag, decision.Action.Name());
        }

        Log.Information(
            "{Action} ticket {Ticket} rule {Rule} message {MessageId} from {Sender} in {ElapsedMs:0.0} ms",
            decision.Action.Name(), result.Ticket, decision.Rule.Name(), result.Mail!.MessageId, result.Mail.From?.Address, elapsed);
        return result with { ElapsedMs = elapsed };
    }
}
