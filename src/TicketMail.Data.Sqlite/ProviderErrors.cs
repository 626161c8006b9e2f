using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace TicketMail.Data.Queries;

/// <summary>Maps SQLite failures onto the store's two outcomes that callers act on: conflict and unavailable.</summary>
internal static class ProviderErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteCantOpen = 14;

    public static Exception? Translate(Exception ex) => ex switch
    {
        DbUpdateException { InnerException: SqliteException { SqliteErrorCode: SqliteConstraint } inner } =>
            new StoreConflictException($"another process stored the same key first ({inner.Message})", ex),
        // Busy inside a write transaction: another writer won (in WAL mode a stale read snapshot cannot be
        // upgraded, and waiting does not help). Treated as a conflict: the caller routes again and retries.
        DbUpdateException { InnerException: SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } inner } =>
            new StoreConflictException($"another process was writing ({inner.Message})", ex),
        SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } =>
            new StoreUnavailableException($"the SQLite database stayed locked ({ex.Message})", ex),
        SqliteException { SqliteErrorCode: SqliteCantOpen } =>
            new StoreUnavailableException($"the SQLite database cannot be opened ({ex.Message})", ex),
        OperationCanceledException or TimeoutException =>
            new StoreUnavailableException("the SQLite database did not answer in time", ex),
        _ => null,
    };
}
