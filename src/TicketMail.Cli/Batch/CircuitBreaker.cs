using TicketMail.Cli.Processing;
using TicketMail.Data;

namespace TicketMail.Cli.Batch;

/// <summary>
/// After <see cref="Limit"/> messages in a row were deferred because the database did not answer, the rest
/// of the batch is deferred at once instead of each waiting out the full timeout (issue 15): deferred/ keeps
/// them, and 'spool retry' replays them once the database is back.
/// </summary>
internal sealed class CircuitBreaker(int limit = 3)
{
    private int _consecutive;

    public int Limit => limit;

    public bool IsOpen => _consecutive >= limit;

    /// <summary>Counts a database deferral; anything the database answered closes the count again.</summary>
    public void Record(ProcessResult result)
    {
        if (result.DeferReason == "db-unavailable")
        {
            _consecutive++;
        }
        else if (result.Decision is not null)
        {
            _consecutive = 0;
        }
    }

    /// <summary>The reason given to each message deferred without trying.</summary>
    public StoreUnavailableException Reason() => new(
        $"{limit} messages in a row could not reach the database; the rest of the batch is deferred without trying",
        new TimeoutException("circuit breaker open"));
}
