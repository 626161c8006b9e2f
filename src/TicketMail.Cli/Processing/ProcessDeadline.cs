namespace TicketMail.Cli.Processing;

/// <summary>
/// TICKETMAIL_DB_TIMEOUT is one budget, not one per step: a server that accepts TCP and never answers used to cost
/// the background warm-up's full timeout and then the message's own look-up's again (10 s against 5). Now the
/// warm-up's failure ends the wait (StoreSession), and every database step of a message (waiting for the store
/// that opens from Main's start, the look-ups, the retries after conflicts, the save) shares one deadline: the
/// budget from the start of the message's database work, which for the message on stdin is Main's start plus the
/// spooling and parsing (milliseconds under Native AOT). A slow JIT start on a busy machine is not charged to
/// the database. Disarmed once the message is saved: nothing after the commit may defer it.
/// </summary>
public sealed class ProcessDeadline(TimeSpan budget)
{
    public TimeSpan Budget => budget;

    /// <summary>A token that fires when this message's budget is spent, linked to the caller's interruption.</summary>
    public CancellationTokenSource Start(CancellationToken interrupt)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        source.CancelAfter(budget);
        return source;
    }
}
