using TicketMail.Cli.Processing;

namespace TicketMail.Cli.Batch;

/// <summary>
/// One message of a batch as the reading stage hands it on: its open job (durable copy) and what reading it
/// gave, or the error that kept it from being opened at all (<see cref="Error"/>: a missing file, a broken mbox).
/// </summary>
internal sealed record Arrival(string Source, MessageProcessor.Job? Job, MessageProcessor.Reading? Reading, Exception? Error)
{
    /// <summary>Read and classified: ready to be routed.</summary>
    public bool Routable => Job is not null && Reading is { Failure: null };
}
