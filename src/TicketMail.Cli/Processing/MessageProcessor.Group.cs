using Serilog;
using TicketMail.Cli.Infrastructure;
using TicketMail.Data;

namespace TicketMail.Cli.Processing;

/// <summary>
/// Group commit for batches: many messages in one transaction. Each message still routes with fresh facts
/// (the open transaction shows the group's own rows), but its spool file stays until the group commits.
/// Any failure rolls the group back and replays its messages one by one, each in its own transaction with
/// the usual retry on conflict, so a group never loses or doubles a message.
/// </summary>
public sealed partial class MessageProcessor
{
    /// <summary>Test hook only: the Nth save of every group throws a conflict, as if another process had stored a key first.</summary>
    public const string TestFailGroupAt = "TICKETMAIL_TEST_FAIL_GROUP_AT";

    /// <summary>The open group, or null: a single message (and every replay) is its own transaction.</summary>
    public CommitGroup? Group { get; private set; }

    public CommitGroup BeginGroup() => Group ??= new CommitGroup();

    /// <summary>
    /// Ends the open group: commits it, then removes its spool files and sends its acknowledgements. When the
    /// group failed (<paramref name="aborted"/>) or its commit fails, rolls it back and replays its messages;
    /// returns their new results by batch index. On cancellation the group is rolled back and its messages
    /// stay in the spool's incoming/ for 'spool retry'.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, ProcessResult>> EndGroupAsync(GroupAbortedException? aborted, CancellationToken cancellationToken)
    {
        var group = Group;
        Group = null;
        if (group is null)
        {
            return new Dictionary<int, ProcessResult>();
        }

        var tickets = group.Pending.Count > 0 || aborted is not null ? await store.GetAsync(CancellationToken.None) : null;
        if (tickets is null || !tickets.InGroup)
        {
            // Nothing was written in a transaction (e.g. every message was quarantined): nothing to commit.
            return aborted is null ? new Dictionary<int, ProcessResult>() : await ReplayAsync(group, aborted, cancellationToken);
        }

        if (aborted is null && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                await tickets.CommitGroupAsync(cancellationToken);
                await FinishAsync(tickets, group, cancellationToken);
                return new Dictionary<int, ProcessResult>();
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.Warning("Group commit of {Count} message(s) failed ({Reason}); replaying them one by one", group.Pending.Count, ErrorHandler.OneLine(ex.Message));
            }
        }

        await tickets.RollbackGroupAsync();
        if (aborted is not null)
        {
            Log.Warning("A group of {Count} message(s) failed ({Reason}); rolled back, replaying them one by one",
                group.Pending.Count + 1, ErrorHandler.OneLine(aborted.InnerException?.Message ?? aborted.Message));
        }

        return await ReplayAsync(group, aborted, cancellationToken);
    }

    private async Task<IReadOnlyDictionary<int, ProcessResult>> ReplayAsync(CommitGroup group, GroupAbortedException? aborted, CancellationToken cancellationToken)
    {
        var messages = group.Pending.ToList();
        if (aborted?.Failed is { } failed)
        {
            messages.Add(failed);
        }

        var results = new Dictionary<int, ProcessResult>();
        foreach (var message in messages)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                results[message.Index] = new ProcessResult(message.Source, null, null, ExitCodes.TempFail)
                {
                    Error = message.Entry is { } entry
                        ? $"interrupted before its group was committed; kept in the spool as {entry.Id} (run 'ticketmail spool retry')"
                        : "interrupted before its group was committed; nothing was stored (run the batch again: stored messages are found as duplicates)",
                };
                continue;
            }

            results[message.Index] = message.Entry is { } spooled
                ? await ProcessSpooledAsync(spooled, message.Source, message.Recipients, releasing: false, message.Attempts, cancellationToken)
                : await ProcessFileAsync(message.File!, message.Source, message.Recipients, message.Attempts, cancellationToken);
        }

        return results;
    }

    private async Task FinishAsync(ITicketStore tickets, CommitGroup group, CancellationToken cancellationToken)
    {
        foreach (var message in group.Pending)
        {
            if (message.Entry is { } entry)
            {
                Spool.Delete(entry);
            }
        }

        foreach (var message in group.Pending)
        {
            if (message.OutboxId is { } outboxId)
            {
                await Acknowledger!.SendAsync(tickets, outboxId, cancellationToken);
            }

            await SendEventsAsync(tickets, message.EventIds, cancellationToken);
        }

        await SendEventsAsync(tickets, group.EventIds, cancellationToken);
    }

    /// <summary>In a group, the message's spool file waits for the commit; returns false outside a group.</summary>
    private bool HoldForGroup(Job job, long? outboxId, IReadOnlyList<long>? eventIds = null)
    {
        if (Group is null || job.Pending(Group.Index) is not { } pending)
        {
            return false;
        }

        job.Raw.Dispose();
        Group.Pending.Add(pending with { OutboxId = outboxId, EventIds = eventIds ?? [] });
        return true;
    }

    private void FailGroupForTest()
    {
        if (Group is null)
        {
            return;
        }

        Group.Saves++;
        if (Environment.GetEnvironmentVariable(TestFailGroupAt) is { Length: > 0 } value && int.TryParse(value, out var at) && Group.Saves == at)
        {
            Log.Warning("Test hook {Hook}: failing save {Save} of the group", TestFailGroupAt, at);
            throw new StoreConflictException($"test hook {TestFailGroupAt}={at}", new InvalidOperationException("simulated conflict"));
        }
    }
}
