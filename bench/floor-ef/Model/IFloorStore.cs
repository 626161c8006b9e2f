namespace TicketMail.Bench.FloorEf;

/// <summary>The EF floor's whole data access: two precompiled look-ups and one SaveChanges.</summary>
public interface IFloorStore : IAsyncDisposable
{
    Task MigrateAsync(CancellationToken cancellationToken);

    Task<bool> IsDuplicateAsync(string dedupeKey, CancellationToken cancellationToken);

    Task<long?> FindTicketAsync(Guid uuid, CancellationToken cancellationToken);

    /// <summary>Inserts a ticket, the message and its raw bytes in one SaveChanges.</summary>
    Task SaveAsync(FloorTicket ticket, FloorMessage message, CancellationToken cancellationToken);
}
