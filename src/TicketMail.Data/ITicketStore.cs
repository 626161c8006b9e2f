using TicketMail.Core.Mail;
using TicketMail.Core.Routing;
using TicketMail.Data.Outgoing;
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

    /// <summary>
    /// Pays the store's one-time start-up (connection, EF Core's services and model, the first query) before a
    /// message needs it, so that it can run on another core while the message is spooled and parsed.
    /// </summary>
    Task WarmUpAsync(CancellationToken cancellationToken);

    /// <summary>Answers the router's look-ups for one message.</summary>
    Task<StoreFacts> LoadFactsAsync(RoutingQuery query, DateTime nowUtc, CancellationToken cancellationToken);

    /// <summary>Answers the look-ups of a whole batch group in one query set; one <see cref="StoreFacts"/> per query, in order.</summary>
    Task<IReadOnlyList<StoreFacts>> LoadGroupFactsAsync(IReadOnlyList<RoutingQuery> queries, DateTime nowUtc, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a created or replied message in one transaction. Throws <see cref="StoreConflictException"/>
    /// when a unique key shows that another process got there first: route again and retry.
    /// </summary>
    Task<SavedMessage> SaveAsync(InboundMail mail, RoutingDecision decision, RawContent raw, DateTime nowUtc, CancellationToken cancellationToken);

    /// <summary>
    /// As SaveAsync; for a created ticket, <paramref name="acknowledge"/> builds the mail to send from the new
    /// ticket's UUID (or returns null), and it is written to the outbox in the same transaction.
    /// </summary>
    Task<SavedMessage> SaveAsync(
        InboundMail mail, RoutingDecision decision, RawContent raw, DateTime nowUtc, Func<Guid, OutgoingMail?>? acknowledge, CancellationToken cancellationToken);

    /// <summary>
    /// As above; <paramref name="events"/> builds the webhook events from the ticket's UUID and queue, written to the
    /// outbox in the same transaction as the message (for created and replied messages alike).
    /// </summary>
    Task<SavedMessage> SaveAsync(
        InboundMail mail, RoutingDecision decision, RawContent raw, DateTime nowUtc, Func<Guid, OutgoingMail?>? acknowledge,
        Func<Guid, string, IReadOnlyList<OutgoingMail>>? events, CancellationToken cancellationToken);

    /// <summary>Writes outbox rows on their own (events about mail that is not stored, such as a held message); returns their ids.</summary>
    Task<IReadOnlyList<long>> AddOutgoingAsync(Guid? ticket, IReadOnlyList<OutgoingMail> mails, DateTime nowUtc, CancellationToken cancellationToken);

    /// <summary>True between <see cref="BeginGroupAsync"/> and its commit or rollback.</summary>
    bool InGroup { get; }

    /// <summary>
    /// Opens a group transaction (batches): the saves that follow write their rows inside it, later look-ups
    /// see them, and nothing is durable until <see cref="CommitGroupAsync"/>. Any failure inside a group
    /// leaves the transaction unusable: roll it back and replay its messages one by one.
    /// </summary>
    Task BeginGroupAsync(CancellationToken cancellationToken);

    Task CommitGroupAsync(CancellationToken cancellationToken);

    /// <summary>Undoes everything saved since <see cref="BeginGroupAsync"/>; never throws.</summary>
    Task RollbackGroupAsync();

    Task<TicketDetails?> GetTicketAsync(Guid uuid, CancellationToken cancellationToken);

    /// <summary>Tickets matching the filter, newest last message first.</summary>
    Task<IReadOnlyList<TicketSummary>> ListTicketsAsync(TicketFilter filter, CancellationToken cancellationToken);

    /// <summary>Sets "open" or "closed"; returns the previous status, or null when there is no such ticket.</summary>
    Task<string?> SetStatusAsync(Guid uuid, string status, DateTime nowUtc, CancellationToken cancellationToken);

    Task<AttachmentFile?> GetAttachmentAsync(long id, CancellationToken cancellationToken);

    /// <summary>How many outgoing mails of this kind went to the address since the given time.</summary>
    Task<int> CountOutgoingAsync(string toAddress, string kind, DateTime sinceUtc, CancellationToken cancellationToken);

    /// <summary>The mark on an address (bounced, complained), or null.</summary>
    Task<string?> AddressFlagAsync(string address, CancellationToken cancellationToken);

    Task<IReadOnlyList<OutboxEntry>> ListOutboxAsync(CancellationToken cancellationToken);

    /// <summary>Pending outgoing mail with its MIME bytes (only the row <paramref name="id"/> when given).</summary>
    Task<IReadOnlyList<OutboxEntry>> PendingOutboxAsync(long? id, CancellationToken cancellationToken);

    /// <summary>Pending rows due by <paramref name="dueUtc"/> (or only the row <paramref name="id"/>, whenever due).</summary>
    Task<IReadOnlyList<OutboxEntry>> PendingOutboxAsync(long? id, DateTime dueUtc, CancellationToken cancellationToken);

    Task MarkOutboxAsync(long id, string status, string? error, DateTime nowUtc, CancellationToken cancellationToken);

    /// <summary>As above; a row left pending is not retried before <paramref name="retryAtUtc"/>.</summary>
    Task MarkOutboxAsync(long id, string status, string? error, DateTime nowUtc, DateTime retryAtUtc, CancellationToken cancellationToken);

    /// <summary>Messages whose subject, sender or text match every word of the query, newest first.</summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken);

    /// <summary>The stored messages of these tickets (every ticket when null), in the order they were stored.</summary>
    Task<IReadOnlyList<ExportItem>> ListExportAsync(IReadOnlyList<Guid>? tickets, CancellationToken cancellationToken);

    /// <summary>The raw bytes of one stored message, exactly as they arrived.</summary>
    Task<byte[]> ReadRawAsync(long messageId, CancellationToken cancellationToken);

    /// <summary>Removes everything of one requester (see <see cref="ErasureReport"/>), one transaction per ticket; with dryRun, only counts.</summary>
    Task<ErasureReport> EraseRequesterAsync(string address, bool dryRun, CancellationToken cancellationToken);

    /// <summary>Removes closed tickets last changed before the date, one transaction per ticket; with dryRun, only counts.</summary>
    Task<ErasureReport> PurgeClosedAsync(DateTime beforeUtc, bool dryRun, CancellationToken cancellationToken);
}
