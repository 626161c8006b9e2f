using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace TicketMail.Data.Queries;

/// <summary>
/// Maps every SQLite failure onto an outcome the caller acts on (conflict, unavailable, rejected, schema), so that
/// no database error ends as "internal error" (exit 70), which a Postfix pipe would bounce.
/// </summary>
internal static class ProviderErrors
{
    private const int SqliteError = 1;
    private const int SqlitePerm = 3;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoErr = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteTooBig = 18;
    private const int SqliteConstraint = 19;
    private const int SqliteAuth = 23;
    private const int SqliteRange = 25;
    private const int SqliteNotADb = 26;

    public static Exception? Translate(Exception ex) => ex switch
    {
        // A counter row another process updated since we read it (sender_counters): route again.
        DbUpdateConcurrencyException => new StoreConflictException("another process updated the same counter first", ex),
        DbUpdateException { InnerException: SqliteException { SqliteErrorCode: SqliteConstraint } inner } =>
            new StoreConflictException($"another process stored the same key first ({inner.Message})", ex),
        // Busy inside a write transaction: another writer won (in WAL mode a stale read snapshot cannot be
        // upgraded, and waiting does not help). Treated as a conflict: the caller routes again and retries.
        DbUpdateException { InnerException: SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } inner } =>
            new StoreConflictException($"another process was writing ({inner.Message})", ex),
        DbUpdateException { InnerException: SqliteException inner } => Map(inner, ex),
        SqliteException sqlite => Map(sqlite, ex),
        InvalidOperationException { InnerException: SqliteException inner } => Map(inner, ex),
        OperationCanceledException or TimeoutException =>
            new StoreUnavailableException("the SQLite database did not answer in time", ex),
        _ => null,
    };

    private static Exception Map(SqliteException sqlite, Exception ex) => sqlite.SqliteErrorCode switch
    {
        SqliteBusy or SqliteLocked => new StoreUnavailableException($"the SQLite database stayed locked ({sqlite.Message})", ex),
        SqliteReadOnly => new StoreUnavailableException($"the SQLite database is read-only ({sqlite.Message}); check the file's and its folder's mode and owner", ex),
        SqliteFull => new StoreUnavailableException($"the disk holding the SQLite database is full ({sqlite.Message})", ex),
        SqliteIoErr => new StoreUnavailableException($"the SQLite database could not be read or written ({sqlite.Message})", ex),
        SqlitePerm or SqliteAuth => new StoreUnavailableException($"permission denied on the SQLite database ({sqlite.Message})", ex, permission: true),
        SqliteCantOpen => new StoreUnavailableException($"the SQLite database cannot be opened ({sqlite.Message}); check the path and the folder's mode and owner", ex),
        SqliteCorrupt or SqliteNotADb => new StoreUnavailableException($"the SQLite file is damaged or not a database ({sqlite.Message}); check TICKETMAIL_DB", ex),
        SqliteTooBig or SqliteRange => new StoreRejectedException($"SQLite cannot store this message ({sqlite.Message})", ex),
        SqliteError when sqlite.Message.Contains("no such table", StringComparison.OrdinalIgnoreCase) =>
            new StoreSchemaException("the SQLite database has no TicketMail tables", ex),
        SqliteError when sqlite.Message.Contains("too many", StringComparison.OrdinalIgnoreCase) =>
            new StoreRejectedException($"SQLite cannot store this message ({sqlite.Message})", ex),
        _ => new StoreRejectedException($"SQLite refused the work ({sqlite.Message})", ex),
    };
}
