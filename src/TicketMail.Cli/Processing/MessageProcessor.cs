using System.Diagnostics;
using Serilog;
using TicketMail.Cli.Acknowledgements;
using TicketMail.Cli.Configuration;
using TicketMail.Cli.Infrastructure;
using TicketMail.Cli.Spool;
using TicketMail.Cli.Webhooks;
using TicketMail.Core.Classification;
using TicketMail.Core.Content;
using TicketMail.Core.Mail;
using TicketMail.Core.Routing;
using TicketMail.Data;

namespace TicketMail.Cli.Processing;

/// <summary>
/// The path of one message: spool it, parse it from the spool file, classify, ask the store what it knows,
/// let the router decide, store the decision, and only then remove the spool file. Every outcome that is
/// not in the database keeps the message: deferred/ (database trouble) or quarantine/ (on purpose).
/// A unique-key conflict means another process stored a related message first: route again with fresh facts.
/// </summary>
public sealed partial class MessageProcessor(AppConfig config, StoreSession store, TimeProvider clock, ConsoleIO io, bool verbose = false)
{
    /// <summary>Test hook only: milliseconds to sleep just before the commit, so a test can kill the process there.</summary>
    public const string TestPauseBeforeCommit = "TICKETMAIL_TEST_PAUSE_BEFORE_COMMIT";

    /// <summary>Test hook only: the save of the message with this Message-ID fails with an unmapped error, every time (a poison message).</summary>
    public const string TestFailSaveOf = "TICKETMAIL_TEST_FAIL_SAVE_OF";

    // Eight deliveries racing for one sender's counter row can each lose several rounds: retry with a growing, random wait.
    private const int MaxAttempts = 12;
    private readonly MailIntake _intake = new(
        new InboundMailReader(new BodyExtractor(new ContentOptions { MaxAttachmentBytes = config.MaxAttachmentBytes })),
        new AutomaticMailClassifier(config.ClassifierOptions));
    private readonly TicketRouter _router = new(config.RouterOptions);
    private SpoolFolder? _spool;
    // Each statement already times out after TICKETMAIL_DB_TIMEOUT (SQLite busy timeout, Npgsql connect and command
    // timeouts), and a failed background open ends the wait. The backstop over the look-ups, retries and save is
    // twice that, counted again once the store is open: a JIT process starved of CPU while EF Core starts (many
    // deliveries at once on two cores) is not a database failure.
    private readonly ProcessDeadline _deadline = new(config.DbTimeout * 2);
    private CancellationTokenSource? _budget;

    /// <summary>Acknowledgements for new tickets (issue 6); null when TICKETMAIL_SMTP is not set.</summary>
    public Acknowledger? Acknowledger { get; init; }

    /// <summary>Webhook events for the web app (issue 16); null when TICKETMAIL_WEBHOOK is not set.</summary>
    public WebhookSender? Webhooks { get; init; }

    public SpoolFolder Spool => _spool ??= SpoolFolder.Open(config.Spool);

    /// <summary>The pure steps, shared with the batch importer (Batch/BatchImporter).</summary>
    internal TicketRouter Router => _router;

    /// <summary>Processes one message from its raw input: spooled first (a dry run only reads it into memory).</summary>
    /// <param name="envelopeSender">The sender of the mbox "From " line an mbox slice was cut after.</param>
    public async Task<ProcessResult> ProcessAsync(string source, Stream input, IReadOnlyList<string> recipients, bool dryRun, CancellationToken cancellationToken, string? envelopeSender = null)
    {
        if (dryRun)
        {
            // A dry run writes nothing, not even to the spool: a crashed dry run must not be replayed for real.
            using var memory = new MemoryStream();
            input.CopyTo(memory);
            return await RunAsync(new Job(source, null, memory, recipients, DryRun: true, Releasing: false, Attempts: 0) { EnvelopeSender = envelopeSender }, cancellationToken);
        }

        await using var job = AcceptIntoSpool(source, input, recipients, envelopeSender);
        return await RunAsync(job, cancellationToken);
    }

    /// <summary>Processes a message already in the spool (new, deferred, left behind, or released from quarantine).</summary>
    public async Task<ProcessResult> ProcessSpooledAsync(
        SpoolEntry entry, string source, IReadOnlyList<string> recipients, bool releasing, int attempts, CancellationToken cancellationToken)
    {
        // A FileStream: MimeKit parses persistently and reads part contents from the file on demand.
        await using var file = new FileStream(entry.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920);
        var envelope = Spool.NoteOf(entry)?.EnvelopeSender;
        return await RunAsync(new Job(source, entry, file, recipients, DryRun: false, releasing, attempts) { EnvelopeSender = envelope }, cancellationToken);
    }

    /// <summary>
    /// Processes a message file of a batch in place. The file is already a durable copy that the run does not
    /// touch, so it skips the spool's write, fsync and delete; only a message that must be kept (quarantine,
    /// deferred) is copied into the spool, with its reason.
    /// </summary>
    public async Task<ProcessResult> ProcessFileAsync(string path, string source, IReadOnlyList<string> recipients, int attempts, CancellationToken cancellationToken)
    {
        await using var file = OpenFile(path, source, recipients, attempts);
        return await RunAsync(file, cancellationToken);
    }

    /// <summary>A message file of a batch, opened in place (the caller disposes the job).</summary>
    internal static Job OpenFile(string path, string source, IReadOnlyList<string> recipients, int attempts)
    {
        // A batch holds two groups of messages open at once: a buffer no larger than the file (a 10 KB message
        // read whole never fills one), not 80 KiB allocated and kept for each of them.
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var buffer = (int)Math.Clamp(RandomAccess.GetLength(handle), 1, 81920);
        return new(source, null, new FileStream(handle, FileAccess.Read, buffer), recipients, DryRun: false, Releasing: false, attempts) { InPlace = path };
    }

    /// <summary>Raw input that is not a durable file (stdin, an mbox slice): written to the spool first, then opened from it.</summary>
    internal Job AcceptIntoSpool(string source, Stream input, IReadOnlyList<string> recipients, string? envelopeSender = null)
    {
        var entry = Spool.Accept(input, new SpoolNote
        {
            Reason = "processing",
            Action = "incoming",
            Time = clock.GetUtcNow(),
            Recipients = recipients,
            Source = source,
            EnvelopeSender = envelopeSender,
        });
        return new Job(source, entry, new FileStream(entry.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920), recipients, DryRun: false, Releasing: false, Attempts: 1)
        {
            EnvelopeSender = envelopeSender,
        };
    }

    /// <summary>One message being processed: where its durable copy is and how to read it.</summary>
    internal sealed record Job(string Source, SpoolEntry? Entry, Stream Raw, IReadOnlyList<string> Recipients, bool DryRun, bool Releasing, int Attempts) : IAsyncDisposable
    {
        /// <summary>The input file read in place (no spool entry while it is processed).</summary>
        public string? InPlace { get; init; }

        /// <summary>The sender of the mbox "From " line this message was cut after (kept in its spool note for replays).</summary>
        public string? EnvelopeSender { get; init; }

        public ValueTask DisposeAsync() => Raw.DisposeAsync();
    }

    /// <summary>A message read and classified, or why it could not be (<see cref="Failure"/>).</summary>
    internal sealed record Reading(InboundMail? Mail, RawContent? Raw, (string Reason, string Detail, Exception? Error)? Failure);

    private async Task<ProcessResult> RunAsync(Job job, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var reading = Read(job, cancellationToken);
        if (reading.Failure is { } failure)
        {
            return Unusable(job, failure.Reason, failure.Detail, failure.Error, reading.Mail);
        }

        var (mail, raw) = (reading.Mail!, reading.Raw!);
        using var budget = _budget = _deadline.Start(cancellationToken);
        try
        {
            return Done(await RouteAndStoreAsync(job, mail, raw, budget.Token, cancellationToken), watch);
        }
        catch (Exception ex) when (ex is StoreUnavailableException or StoreConflictException or StoreSchemaException or StoreRejectedException
                                   or System.Data.Common.DbException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Defer(job, mail, ex);
        }
    }

    /// <summary>
    /// Reads and classifies the message (pure apart from reading its file): the step both the one-message path
    /// and the batch importer run. Touches no console or spool, so the importer runs it on its reading core.
    /// </summary>
    internal Reading Read(Job job, CancellationToken cancellationToken)
    {
        var length = job.Raw.Length;
        if (length > config.MaxMessageBytes)
        {
            return new Reading(null, null, ("oversized", $"the message is {length} bytes, over the limit of {config.MaxMessageBytes} (TICKETMAIL_MAX_MESSAGE_BYTES)", null));
        }

        InboundMail mail;
        RawContent raw;
        try
        {
            job.Raw.Position = 0;
            string sha;
            string body;
            if (length <= RawContent.InMemoryLimit)
            {
                // One pass over the file for the bytes the database keeps; the hash comes from them, not another read.
                var bytes = new byte[length];
                job.Raw.ReadExactly(bytes);
                sha = Sha256Hex.Of(bytes);
                body = BodyHash.Of(bytes);
                raw = RawContent.FromBytes(bytes);
            }
            else
            {
                // A large message is never held whole: hashed from its file, and later streamed from it into the database.
                sha = Sha256Hex.Of(job.Raw);
                job.Raw.Position = 0;
                body = BodyHash.Of(job.Raw);
                job.Raw.Position = 0;
                raw = RawContent.FromStream(job.Raw, length);
            }

            using (var message = MessageLoader.Load(job.Raw, job.EnvelopeSender, cancellationToken))
            {
                mail = _intake.Read(message, sha, length, clock.GetUtcNow()) with { BodySha256 = body };
            }
        }
        catch (UnusableMessageException ex)
        {
            return new Reading(ex.Parsed, null, ("unusable", ex.Message, ex));
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not IOException and not UnauthorizedAccessException)
        {
            // Hostile input must end in a defined outcome; the parser giving up is "unusable", and the message is kept.
            Log.Error(ex, "Reading the message failed");
            return new Reading(null, null, ("unusable", $"the message could not be read ({ex.GetType().Name}: {ErrorHandler.OneLine(ex.Message)})", ex));
        }

        return new Reading(mail, raw, null);
    }

    /// <param name="cancellationToken">Fires at the message's deadline (see <see cref="ProcessDeadline"/>) or on interruption.</param>
    /// <param name="interrupt">Ctrl-C/SIGTERM only.</param>
    private async Task<ProcessResult> RouteAndStoreAsync(Job job, InboundMail mail, RawContent raw, CancellationToken cancellationToken, CancellationToken interrupt)
    {
        PhaseTimer.Mark("read+parse");
        var query = _router.Plan(mail, job.Recipients);
        var tickets = await store.GetAsync(cancellationToken);
        _budget?.CancelAfter(_deadline.Budget);

        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var facts = await tickets.LoadFactsAsync(query, now, cancellationToken);
            PhaseTimer.Mark("facts");
            mail = MessageIdReuse.Mark(mail, facts);
            var decision = _router.Decide(mail, query, facts, job.Releasing);
            if (!job.DryRun)
            {
                WarnAboutLoop(mail, decision, facts, now);
            }

            if (job.DryRun)
            {
                return new ProcessResult(job.Source, mail, decision, 0) { Ticket = decision.Ticket, DryRun = true };
            }

            switch (decision.Action)
            {
                case RouteAction.Duplicate:
                    // The database already holds this message: the copy in the spool has nothing left to keep.
                    Remove(job);
                    return new ProcessResult(job.Source, mail, decision, 0) { Ticket = decision.Ticket };
                case RouteAction.Ignored or RouteAction.Held or RouteAction.Rejected:
                    var aside = KeepAside(job, mail, decision);
                    await AnnounceHeldAsync(tickets, mail, decision, cancellationToken);
                    return aside;
            }

            try
            {
                // Acknowledgement hook: built before the save so it shares the ticket's transaction, sent after commit.
                var acknowledge = Acknowledger is null ? null : await Acknowledger.PrepareAsync(tickets, mail, decision, cancellationToken);
                await PauseForTestAsync(interrupt);
                FailSaveForTest(mail);
                PhaseTimer.Mark("route");
                var saved = await tickets.SaveAsync(mail, decision, raw, now, acknowledge, Events(mail, decision), cancellationToken);
                _budget?.CancelAfter(Timeout.InfiniteTimeSpan);
                PhaseTimer.Mark("save");
                Remove(job);
                if (saved.OutboxId is { } outboxId)
                {
                    await Acknowledger!.SendAsync(tickets, outboxId, cancellationToken);
                }

                await SendEventsAsync(tickets, saved.EventIds, cancellationToken);
                return new ProcessResult(job.Source, mail, decision, 0) { Ticket = saved.Ticket, Queue = saved.Queue };
            }
            catch (StoreConflictException ex) when (attempt < MaxAttempts)
            {
                Log.Debug("Conflict on attempt {Attempt} for {MessageId}: {Reason}; routing again", attempt, mail.MessageId, ex.Message);
                await Task.Delay(Random.Shared.Next(5, 40 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>A suspected loop is worth one warning per sender and hour, not one per message.</summary>
    internal void WarnAboutLoop(InboundMail mail, RoutingDecision decision, StoreFacts facts, DateTime now)
    {
        if (decision is { Action: RouteAction.Ignored, Reason: "loop" } && Spool.ShouldWarnAboutLoop(mail.Requester?.Address ?? "", now))
        {
            Log.Warning("Mail loop suspected: {Sender} opened {Count} tickets within an hour; further new tickets from it are quarantined",
                mail.Requester?.Address, facts.RecentTicketsFromRequester);
        }
    }

    /// <summary>Ignored, held and rejected mail goes to quarantine/ with its reason; rejected exits 77 so an MTA pipe bounces it.</summary>
    internal ProcessResult KeepAside(Job job, InboundMail mail, RoutingDecision decision)
    {
        var action = decision.Action.Name();
        var kept = Keep(job, SpoolBox.Quarantine, new SpoolNote
        {
            Reason = decision.Reason ?? action,
            Action = action,
            Detail = decision.Trace.Count > 0 ? decision.Trace[^1] : null,
            Ticket = decision.Ticket,
        }, mail);

        var exit = ExitCodes.Ok;
        if (decision.Action == RouteAction.Rejected)
        {
            exit = ExitCodes.NoPermission;
            io.Error.WriteLine($"ticketmail: rejected ({decision.Reason}): {ErrorHandler.OneLine(decision.Trace[^1])}; kept in quarantine as {kept}");
        }

        return new ProcessResult(job.Source, mail, decision, exit) { Ticket = decision.Ticket, KeptAs = kept };
    }

    /// <summary>Oversized or unreadable input: exit 65, and the message is still kept in quarantine.</summary>
    internal ProcessResult Unusable(Job job, string reason, string detail, Exception? ex, InboundMail? parsed = null)
    {
        var kept = Keep(job, SpoolBox.Quarantine, new SpoolNote { Reason = reason, Action = "failed", Detail = detail }, null);
        var where = kept is null ? "nothing was stored" : $"kept in quarantine as {kept}";
        var line = $"not a usable message: {ErrorHandler.OneLine(detail)}; {where}";
        io.Error.WriteLine($"ticketmail: {line}");
        if (verbose && ex is not null)
        {
            io.Error.WriteLine(ex.ToString());
        }

        Log.ForContext(LogSetup.FileOnly, true).Warning("Unusable message from {Source} ({Reason}): {Detail}", job.Source, reason, ErrorHandler.OneLine(detail));
        // A message refused after it was parsed (no sender) still shows what was read: its line says what to look at.
        return new ProcessResult(job.Source, parsed, null, ExitCodes.DataError) { Error = line, KeptAs = kept, DryRun = job.DryRun };
    }

    /// <summary>The database could not take the message now: deferred/ keeps it for 'spool retry', exit 75.</summary>
    internal ProcessResult Defer(Job job, InboundMail? mail, Exception ex)
    {
        if (ex is OperationCanceledException)
        {
            // Not an interruption (that one is not caught): the message's deadline, TICKETMAIL_DB_TIMEOUT, passed.
            ex = new StoreUnavailableException($"the database did not answer within {config.DbTimeout.TotalSeconds:0.#} s (TICKETMAIL_DB_TIMEOUT)", ex);
        }

        var (code, message) = ErrorHandler.Describe(ex);
        var reason = ex switch
        {
            StoreConflictException => "conflict",
            StoreSchemaException => "db-schema",
            StoreRejectedException or System.Data.Common.DbException => Unstorable.Rejected,
            _ => "db-unavailable",
        };
        if (Unstorable.GivesUp(reason, job.Attempts, config.UnstorableAttempts, job.Entry is { } e ? Spool.NoteOf(e) : null))
        {
            return Unusable(job, Unstorable.Reason, $"the database refused it {job.Attempts} times: {ErrorHandler.OneLine(ex.Message)}", ex);
        }

        var kept = Keep(job, SpoolBox.Deferred, new SpoolNote { Reason = reason, Action = "deferred", Detail = ErrorHandler.OneLine(ex.Message) }, mail);
        var line = kept is null ? message : $"{message} (kept as {kept})";
        io.Error.WriteLine($"ticketmail: {ErrorHandler.OneLine(line)}");
        if (verbose)
        {
            io.Error.WriteLine(ex.ToString());
        }

        Log.ForContext(LogSetup.FileOnly, true).Error(ex, "Deferred {MessageId} as {Kept}: {Reason}", mail?.MessageId, kept, ErrorHandler.OneLine(ex.Message));
        // Schema trouble is a configuration error (78); it is still kept and replayed after 'db migrate'.
        var exit = code == ExitCodes.Config ? ExitCodes.Config : ExitCodes.TempFail;
        return new ProcessResult(job.Source, mail, null, exit) { Error = ErrorHandler.OneLine(line), KeptAs = kept, DeferReason = reason };
    }

    private string? Keep(Job job, SpoolBox box, SpoolNote note, InboundMail? mail)
    {
        if (job.Entry is null && job.InPlace is null)
        {
            return null;
        }

        var previous = job.Entry is { } entry ? Spool.NoteOf(entry) : null;
        var full = note with
        {
            Time = clock.GetUtcNow(),
            Recipients = job.Recipients,
            Attempts = job.Attempts,
            Source = previous?.Source ?? job.Source,
            From = mail?.Requester?.Address,
            Subject = mail?.Subject,
            MessageId = mail?.MessageId,
            EnvelopeSender = previous?.EnvelopeSender ?? job.EnvelopeSender,
        };
        if (job.Entry is { } spooled)
        {
            job.Raw.Dispose();
            Spool.Move(spooled, box, full);
            return spooled.Id;
        }

        // A file read in place: its kept copy is written straight into the box (the file itself stays where it is).
        job.Raw.Position = 0;
        var kept = Spool.Add(job.Raw, box, full);
        job.Raw.Dispose();
        return kept.Id;
    }

    internal void Remove(Job job)
    {
        if (job.Entry is { } entry)
        {
            job.Raw.Dispose();
            Spool.Delete(entry);
        }
    }

    internal static void FailSaveForTest(InboundMail mail)
    {
        if (Environment.GetEnvironmentVariable(TestFailSaveOf) is { Length: > 0 } id && id == mail.MessageId)
        {
            throw new InvalidOperationException($"test hook {TestFailSaveOf}: this message cannot be stored");
        }
    }

    internal Task PauseForTestAsync(CancellationToken cancellationToken)
    {
        if (PauseForTestMs() > 0)
        {
            // The pause stands for a slow commit that the deadline must not cut: a kill test waits for this moment.
            _budget?.CancelAfter(Timeout.InfiniteTimeSpan);
        }

        return PauseHookAsync(cancellationToken);
    }

    /// <summary>The test hook's pause itself; the batch importer calls it before a group's commit.</summary>
    internal static async Task PauseHookAsync(CancellationToken cancellationToken)
    {
        if (PauseForTestMs() is var ms and > 0)
        {
            Log.Warning("Test hook {Hook}: pausing {Ms} ms before the commit", TestPauseBeforeCommit, ms);
            await Task.Delay(ms, cancellationToken);
        }
    }

    private static int PauseForTestMs() =>
        Environment.GetEnvironmentVariable(TestPauseBeforeCommit) is { Length: > 0 } value && int.TryParse(value, out var ms) ? ms : 0;

    private static ProcessResult Done(ProcessResult result, Stopwatch watch) => Done(result, watch.Elapsed.TotalMilliseconds);

    /// <summary>Logs the outcome of a routed message (one event; never body text).</summary>
    internal static ProcessResult Done(ProcessResult result, double elapsed)
    {
        var decision = result.Decision!;
        if (decision.UnknownTag is { } tag)
        {
            Log.Warning("Recipient tag names unknown ticket {Tag}; {Action} instead", tag, decision.Action.Name());
        }

        if (result.KeptAs is null)
        {
            Log.Information(
                "{Action} ticket {Ticket} rule {Rule} message {MessageId} from {Sender} in {ElapsedMs:0.0} ms",
                decision.Action.Name(), result.Ticket, decision.Rule.Name(), result.Mail!.MessageId, result.Mail.From?.Address, elapsed);
        }
        else
        {
            Log.Information(
                "{Action} ({Reason}) ticket {Ticket} rule {Rule} message {MessageId} from {Sender} kept as {Kept} in {ElapsedMs:0.0} ms",
                decision.Action.Name(), decision.Reason, result.Ticket, decision.Rule.Name(), result.Mail!.MessageId, result.Mail.From?.Address, result.KeptAs, elapsed);
        }
        return result with { ElapsedMs = elapsed };
    }
}
