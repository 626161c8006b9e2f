namespace TicketMail.Bench.FloorEf;

/// <summary>The EF floor's whole data access: two precompiled look-ups and one SaveChanges.</summary>
public interface IFloorStore : IAsyncDisposable
{
    Task MigrateAsync(CancellationToken cancellationToken);

    Task<bool> IsDuplicateAsync(string dedupeKey, CancellationToken cancellationToken);

    Task<long?> FindTicketAsync(Guid uuid, CancellationToken cancellationToken);

    /// <summary>Inserts a ticket, the message and its raw bytes in one SaveChanges.</summary>
    Task SaveAsync(FloorTicket ticket, FloorMessage message, CancellationToken cancellationToken);

    /// <summary>Adds a ticket and its message to the next <see cref="FlushAsync"/> (a batch group).</summary>
    void Add(FloorTicket ticket, FloorMessage message);

    /// <summary>Inserts everything added since the last flush in one SaveChanges (one transaction) and forgets it.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
