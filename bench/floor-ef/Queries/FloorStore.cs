using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;

namespace TicketMail.Bench.FloorEf;

/// <summary>Compiled into each provider project (StoreContext names its sealed context) so that EF precompiles the queries.</summary>
internal sealed class FloorStore : IFloorStore
{
    private readonly StoreContext _db;

    public FloorStore(StoreContext db) => _db = db;

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Migrations run under AOT with the compiled model.")]
    public Task MigrateAsync(CancellationToken cancellationToken) => _db.Database.MigrateAsync(cancellationToken);

    public Task<bool> IsDuplicateAsync(string dedupeKey, CancellationToken cancellationToken)
    {
        var key = dedupeKey;
        var ct = cancellationToken;
        return _db.Messages.AnyAsync(m => m.DedupeKey == key, ct);
    }

    public Task<long?> FindTicketAsync(Guid uuid, CancellationToken cancellationToken)
    {
        var id = uuid;
        var ct = cancellationToken;
        return _db.Tickets.Where(t => t.Uuid == id).Select(t => (long?)t.Id).FirstOrDefaultAsync(ct);
    }

    public async Task SaveAsync(FloorTicket ticket, FloorMessage message, CancellationToken cancellationToken)
    {
        Add(ticket, message);
        await _db.SaveChangesAsync(cancellationToken);
    }

    public void Add(FloorTicket ticket, FloorMessage message)
    {
        message.Ticket = ticket;
        _db.Tickets.Add(ticket);
        _db.Messages.Add(message);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _db.SaveChangesAsync(cancellationToken);
        _db.ChangeTracker.Clear();
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
