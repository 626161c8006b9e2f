namespace TicketMail.Core.Routing;

/// <summary>The store's answers to a <see cref="RoutingQuery"/>.</summary>
public sealed class StoreFacts
{
    public static StoreFacts Empty { get; } = new();

    /// <summary>The ticket that already holds a message with the same duplicate key.</summary>
    public Guid? DuplicateOf { get; init; }

    /// <summary>A stored message has the same Message-ID but another body: not a duplicate, a reused Message-ID.</summary>
    public bool MessageIdReused { get; init; }

    /// <summary>Tickets by UUID: those named by tags or the subject token, and those found by thread.</summary>
    public IReadOnlyDictionary<Guid, TicketFacts> Tickets { get; init; } = new Dictionary<Guid, TicketFacts>();

    /// <summary>Thread keys (Message-IDs) known to the store, and the ticket each belongs to.</summary>
    public IReadOnlyDictionary<string, Guid> ThreadKeys { get; init; } = new Dictionary<string, Guid>(StringComparer.Ordinal);

    /// <summary>
    /// Message-IDs among the looked-up ones that we sent (outbox rows), each with the address it went to.
    /// Only these prove that a report is about our mail; the address is the only one a report may flag.
    /// </summary>
    public IReadOnlyDictionary<string, string> SentByUs { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>How many tickets the requester opened in the last hour, for the loop breaker.</summary>
    public int RecentTicketsFromRequester { get; init; }
}
