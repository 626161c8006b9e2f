using System.Diagnostics;
using Serilog;
using TicketMail.Cli.Commands;
using TicketMail.Cli.Infrastructure;
using TicketMail.Cli.Processing;
using TicketMail.Core.Routing;
using TicketMail.Data;

namespace TicketMail.Cli.Batch;

/// <summary>
/// One group of a batch in one transaction: plan every message, load the facts of all of them in one query
/// set, decide each against those facts plus what the group's earlier messages created (<see cref="GroupFacts"/>),
/// save each inside the group's transaction, commit, and only then remove spool copies and send acknowledgements.
/// A failure anywhere (a message whose save throws, a lost race, the database going away) is caught once, here:
/// the group is rolled back and its messages go one by one through the one-message path, where each message's
/// failure is its own line, so the others are stored exactly once (issue 15, item 5).
/// </summary>
internal sealed class GroupImport(
    MessageProcessor processor, StoreSession store, CommandContext context, ImportOptions options, CircuitBreaker breaker, StopSignal stop)
{
    /// <summary>Test hook only: the Nth save of every group throws a conflict, as if another process had stored a key first.</summary>
    public const string TestFailGroupAt = "TICKETMAIL_TEST_FAIL_GROUP_AT";

    private readonly int _failAt = int.TryParse(Environment.GetEnvironmentVariable(TestFailGroupAt), out var at) ? at : 0;

    /// <summary>One result per arrival, in order; null for a message not taken because the batch was asked to stop.</summary>
    public async Task<ProcessResult?[]> RunAsync(IReadOnlyList<Arrival> arrivals, CancellationToken cancellationToken)
    {
        var results = new ProcessResult?[arrivals.Count];
        var routable = new List<int>();
        for (var i = 0; i < arrivals.Count; i++)
        {
            var arrival = arrivals[i];
            if (arrival.Error is { } error)
            {
                results[i] = ProcessCommand.Failed(context, arrival.Source, error, null);
            }
            else if (arrival.Reading!.Failure is { } failure)
            {
                results[i] = processor.Unusable(arrival.Job!, failure.Reason, failure.Detail, failure.Error, arrival.Reading.Mail);
            }
            else if (breaker.IsOpen)
            {
                results[i] = processor.Defer(arrival.Job!, arrival.Reading.Mail, breaker.Reason());
            }
            else
            {
                routable.Add(i);
            }
        }

        if (routable.Count > 0)
        {
            await StoreAsync(arrivals, routable, results, cancellationToken);
        }

        foreach (var arrival in arrivals.Where((_, i) => results[i] is not null))
        {
            arrival.Job?.Raw.Dispose();
        }

        return results;
    }

    private async Task StoreAsync(IReadOnlyList<Arrival> arrivals, List<int> routable, ProcessResult?[] results, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var run = new Run(arrivals, routable, results);
        ITicketStore? tickets = null;
        Exception? failure = null;
        try
        {
            tickets = await store.GetAsync(cancellationToken);
            await tickets.BeginGroupAsync(cancellationToken);
            await DecideAndSaveAsync(tickets, run, cancellationToken);
            if (run.Held.Count > 0)
            {
                await MessageProcessor.PauseHookAsync(cancellationToken);
            }

            await tickets.CommitGroupAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The one place a group's failure is caught; what follows handles it as a value.
            failure = ex;
        }

        if (failure is null)
        {
            await FinishAsync(tickets!, run, watch.Elapsed.TotalMilliseconds, cancellationToken);
            return;
        }

        if (tickets is not null)
        {
            await tickets.RollbackGroupAsync();
        }

        var replay = run.Held.Select(h => h.Index).Concat(run.Current is { } current ? [current] : [])
            .Concat(stop.StopRequested ? [] : routable.Where(i => results[i] is null && i != run.Current))
            .Distinct().Order().ToList();
        Log.Warning("A group of {Count} message(s) failed ({Reason}); rolled back, replaying them one by one",
            replay.Count, ErrorHandler.OneLine(failure.Message));
        Log.Debug(failure, "Group failure");
        foreach (var i in run.Kept)
        {
            results[i] = MessageProcessor.Done(results[i]!, 0);
        }

        // The kept messages stay in quarantine (they are not replayed), but their message.held rows were rolled back.
        foreach (var i in tickets is null ? [] : run.Kept)
        {
            await processor.AnnounceHeldAsync(tickets!, arrivals[i].Reading!.Mail!, results[i]!.Decision!, cancellationToken);
        }

        foreach (var i in replay)
        {
            results[i] = await ReplayAsync(arrivals[i], cancellationToken);
        }
    }

    /// <summary>What a group run has done so far: the messages waiting for the commit, those kept aside, the current one.</summary>
    private sealed record Run(IReadOnlyList<Arrival> Arrivals, List<int> Routable, ProcessResult?[] Results)
    {
        public List<(int Index, long? OutboxId, IReadOnlyList<long> EventIds)> Held { get; } = [];
        public List<int> Kept { get; } = [];

        /// <summary>The message.held events of the kept messages, written in the group and posted after its commit.</summary>
        public List<long> HeldEventIds { get; } = [];
        public int? Current { get; set; }
    }

    private async Task DecideAndSaveAsync(ITicketStore tickets, Run run, CancellationToken cancellationToken)
    {
        var now = context.Clock.GetUtcNow().UtcDateTime;
        var router = processor.Router;
        var queries = run.Routable.Select(i => router.Plan(run.Arrivals[i].Reading!.Mail!, options.Recipients)).ToList();
        var loaded = await tickets.LoadGroupFactsAsync(queries, now, cancellationToken);
        var group = new GroupFacts();
        var saves = 0;
        for (var k = 0; k < run.Routable.Count && !stop.StopRequested; k++)
        {
            var i = run.Routable[k];
            run.Current = i;
            var (job, mail, raw) = (run.Arrivals[i].Job!, run.Arrivals[i].Reading!.Mail!, run.Arrivals[i].Reading!.Raw!);
            var facts = group.For(queries[k], loaded[k]);
            var decision = router.Decide(mail, queries[k], facts, job.Releasing);
            processor.WarnAboutLoop(mail, decision, facts, now);
            if (decision.Action is RouteAction.Ignored or RouteAction.Held or RouteAction.Rejected)
            {
                run.Results[i] = processor.KeepAside(job, mail, decision);
                run.Kept.Add(i);
                run.HeldEventIds.AddRange(await processor.AnnounceHeldAsync(tickets, mail, decision, cancellationToken));
                continue;
            }

            long? outbox = null;
            IReadOnlyList<long> events = [];
            string? queue = null;
            var ticket = decision.Ticket;
            if (decision.Action != RouteAction.Duplicate)
            {
                // Acknowledgement hook: built before the save so it shares the group's transaction, sent after commit.
                var acknowledge = processor.Acknowledger is null ? null : await processor.Acknowledger.PrepareAsync(tickets, mail, decision, cancellationToken);
                FailGroupForTest(++saves);
                MessageProcessor.FailSaveForTest(mail);
                var saved = await tickets.SaveAsync(mail, decision, raw, now, acknowledge, processor.Events(mail, decision), cancellationToken);
                group.Record(mail, decision, saved.Ticket, facts);
                (ticket, outbox, events, queue) = (saved.Ticket, saved.OutboxId, saved.EventIds, saved.Queue);
            }

            run.Results[i] = new ProcessResult(job.Source, mail, decision, ExitCodes.Ok) { Ticket = ticket, Queue = queue };
            run.Held.Add((i, outbox, events));
        }

        run.Current = null;
    }

    /// <summary>After the commit: spool copies go, acknowledgements and webhook events are sent, each outcome is logged.</summary>
    private async Task FinishAsync(ITicketStore tickets, Run run, double elapsedMs, CancellationToken cancellationToken)
    {
        var each = elapsedMs / Math.Max(1, run.Held.Count + run.Kept.Count);
        foreach (var (i, _, _) in run.Held)
        {
            processor.Remove(run.Arrivals[i].Job!);
        }

        foreach (var (_, outbox, events) in run.Held)
        {
            if (outbox is { } id)
            {
                await processor.Acknowledger!.SendAsync(tickets, id, cancellationToken);
            }

            await processor.SendEventsAsync(tickets, events, cancellationToken);
        }

        await processor.SendEventsAsync(tickets, run.HeldEventIds, cancellationToken);

        foreach (var i in run.Held.Select(h => h.Index).Concat(run.Kept))
        {
            run.Results[i] = MessageProcessor.Done(run.Results[i]!, each);
            breaker.Record(run.Results[i]!);
        }
    }

    /// <summary>One message of a failed group, through the one-message path; its failure is its own result.</summary>
    private async Task<ProcessResult> ReplayAsync(Arrival arrival, CancellationToken cancellationToken)
    {
        var job = arrival.Job!;
        if (cancellationToken.IsCancellationRequested)
        {
            return new ProcessResult(job.Source, null, null, ExitCodes.TempFail)
            {
                Error = job.Entry is { } entry
                    ? $"interrupted before its group was committed; kept in the spool as {entry.Id} (run 'ticketmail spool retry')"
                    : "interrupted before its group was committed; nothing was stored (run the batch again: stored messages are found as duplicates)",
            };
        }

        if (breaker.IsOpen)
        {
            return processor.Defer(job, arrival.Reading!.Mail, breaker.Reason());
        }

        ProcessResult result;
        try
        {
            result = job.Entry is { } spooled
                ? await processor.ProcessSpooledAsync(spooled, job.Source, job.Recipients, releasing: false, job.Attempts, cancellationToken)
                : await processor.ProcessFileAsync(job.InPlace!, job.Source, job.Recipients, job.Attempts, cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Like a message on its own: its line says what went wrong, and the batch goes on.
            result = ProcessCommand.Failed(context, job.Source, ex, null);
        }

        breaker.Record(result);
        return result;
    }

    private void FailGroupForTest(int save)
    {
        if (_failAt > 0 && save == _failAt)
        {
            Log.Warning("Test hook {Hook}: failing save {Save} of the group", TestFailGroupAt, _failAt);
            throw new StoreConflictException($"test hook {TestFailGroupAt}={_failAt}", new InvalidOperationException("simulated conflict"));
        }
    }
}
