using TicketMail.Core.Mail;
using TicketMail.Core.Routing;
using TicketMail.Data.Views;

namespace TicketMail.Data;

/// <summary>
/// Everything the commands ask of the database. One implementation per provider; both compile the
/// same query code (Queries/), so that EF can precompile it against a concrete context.
/// </summary>
public interface ITicketStore : IAsyncDisposable
{
    /// <summary>"sqlite" or "postgres".</summary>
    string Provider { get; }

    /// <summary>Applies pending migrations; returns how many were applied.</summary>
    Task<int> MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Migrations defined in code but not yet applied to the database.</summary>
    Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken cancellationToken);

    /// <summary>Answers the router's look-ups for one message.</summary>
    Task<StoreFacts> LoadFactsAsync(RoutingQuery query, DateTime nowUtc, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a created or replied message in one transaction. Throws <see cref="StoreConflictException"/>
    /// when a unique key shows that another process got there first: route again and retry.
    /// </summary>
    Task<SavedMessage> SaveAsync(InboundMail mail, RoutingDecision decision, byte[] raw, DateTime nowUtc, CancellationToken cancellationToken);

    Task<TicketDetails?> GetTicketAsync(Guid uuid, CancellationToken cancellationToken);
}
