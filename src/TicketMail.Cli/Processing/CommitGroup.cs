using TicketMail.Cli.Spool;

namespace TicketMail.Cli.Processing;

/// <summary>
/// The messages of one batch group whose outcome waits for the group's commit: their spool files are
/// removed and their acknowledgements sent only after it, and on a rollback they are replayed one by one.
/// </summary>
public sealed class CommitGroup
{
    /// <summary>The batch position of the message being processed now (set by the batch before each message).</summary>
    public int Index { get; set; }

    /// <summary>How many saves the group has attempted (the test hook counts these).</summary>
    public int Saves { get; set; }

    public List<PendingMessage> Pending { get; } = [];

    /// <summary>Webhook events written in the group for mail kept aside (message.held), sent after its commit.</summary>
    public List<long> EventIds { get; } = [];
}

/// <summary>
/// A message stored (or found duplicate) inside an open group. Its durable copy is its spool file, still in
/// incoming/, or, for a batch file read in place, that file (<see cref="File"/>).
/// </summary>
public sealed record PendingMessage(int Index, SpoolEntry? Entry, string Source, IReadOnlyList<string> Recipients, int Attempts)
{
    public string? File { get; init; }

    public long? OutboxId { get; init; }

    /// <summary>Its webhook events' outbox rows, sent after the group commits.</summary>
    public IReadOnlyList<long> EventIds { get; init; } = [];
}

/// <summary>Thrown out of a message inside a group when anything failed there: the group must be rolled back and replayed.</summary>
public sealed class GroupAbortedException(PendingMessage? failed, Exception inner)
    : Exception($"the group transaction failed ({inner.Message})", inner)
{
    /// <summary>The message during which it failed (replayed with the others); null when it has no durable copy.</summary>
    public PendingMessage? Failed { get; } = failed;
}
