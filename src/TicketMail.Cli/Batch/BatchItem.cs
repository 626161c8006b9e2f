namespace TicketMail.Cli.Batch;

/// <summary>
/// One message of a batch: where it came from (a file, "mbox#3", "stdin") and how to open its raw bytes.
/// Opening is deferred so that a file that cannot be read fails that message only, not the batch.
/// </summary>
public sealed record BatchItem(string Source, Func<Stream> Open)
{
    /// <summary>The path when the item is a whole message file: it is read in place, not copied to the spool.</summary>
    public string? File { get; init; }

    /// <summary>The address of the mbox "From " line the message was read after (a single file keeps its own line).</summary>
    public string? EnvelopeSender { get; init; }
}
