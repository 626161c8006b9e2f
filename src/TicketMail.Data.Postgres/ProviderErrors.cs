using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace TicketMail.Data.Queries;

/// <summary>
/// Maps every PostgreSQL failure onto an outcome the caller acts on (conflict, unavailable, rejected, schema), by
/// SQLSTATE class, so that no database error ends as "internal error" (exit 70), which a Postfix pipe would bounce.
/// </summary>
internal static class ProviderErrors
{
    public static Exception? Translate(Exception ex) => ex switch
    {
        // A counter row another process updated since we read it (sender_counters): route again.
        DbUpdateConcurrencyException => new StoreConflictException("another process updated the same counter first", ex),
        DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } inner } =>
            new StoreConflictException($"another process stored the same key first ({inner.ConstraintName})", ex),
        DbUpdateException { InnerException: PostgresException inner } => Map(inner, ex),
        DbUpdateException { InnerException: NpgsqlException inner } =>
            new StoreUnavailableException($"PostgreSQL failed during the write ({inner.Message})", ex),
        PostgresException postgres => Map(postgres, ex),
        // Npgsql's own limit (65,535 parameters in one statement) is a property of the message, not of the server.
        NpgsqlException { IsTransient: false, InnerException: null } when ex.Message.Contains("parameters", StringComparison.OrdinalIgnoreCase) =>
            new StoreRejectedException($"PostgreSQL cannot take this message in one statement ({ex.Message})", ex),
        NpgsqlException =>
            new StoreUnavailableException($"PostgreSQL is not reachable ({ex.Message})", ex),
        // EF's Npgsql execution strategy wraps every transient failure (a deadlock, a serialization failure, a
        // lock timeout, a dropped connection) in "likely due to a transient failure"; the wrapped error decides.
        InvalidOperationException { InnerException: DbUpdateException or NpgsqlException or TimeoutException } wrapper =>
            Translate(wrapper.InnerException!),
        OperationCanceledException or TimeoutException =>
            new StoreUnavailableException("PostgreSQL did not answer in time", ex),
        _ => null,
    };

    private static Exception Map(PostgresException postgres, Exception ex) => postgres.SqlState switch
    {
        PostgresErrorCodes.UniqueViolation => new StoreConflictException($"another process stored the same key first ({postgres.ConstraintName})", ex),
        PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected =>
            new StoreConflictException($"another process was writing ({postgres.MessageText})", ex),
        PostgresErrorCodes.UndefinedTable => new StoreSchemaException("the PostgreSQL database has no TicketMail tables", ex),
        PostgresErrorCodes.InvalidCatalogName => new StoreSchemaException($"the PostgreSQL database does not exist ({postgres.MessageText}); create it", ex),
        PostgresErrorCodes.ReadOnlySqlTransaction =>
            new StoreUnavailableException($"PostgreSQL is read-only now ({postgres.MessageText}); a standby, or default_transaction_read_only", ex),
        PostgresErrorCodes.InsufficientPrivilege =>
            new StoreUnavailableException($"permission denied in PostgreSQL ({postgres.MessageText}); grant the TicketMail user rights on its tables", ex, permission: true),
        // Class 28: the password or the user is wrong, or pg_hba.conf refuses us.
        { } state when state.StartsWith("28", StringComparison.Ordinal) =>
            new StoreUnavailableException($"PostgreSQL refused the login ({postgres.MessageText}); check the user and password in TICKETMAIL_DB", ex, permission: true),
        // Classes 08 (connection), 53 (disk full, out of memory, too many connections), 57 (shut down, cannot
        // connect now), 58 (I/O error): the server cannot take work now; it will again later.
        { } state when state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
                       || state.StartsWith("57", StringComparison.Ordinal) || state.StartsWith("58", StringComparison.Ordinal) =>
            new StoreUnavailableException($"PostgreSQL is not accepting work ({postgres.SqlState}: {postgres.MessageText})", ex),
        _ when postgres.IsTransient => new StoreUnavailableException($"PostgreSQL failed ({postgres.SqlState}: {postgres.MessageText})", ex),
        // Anything else (class 22 data exceptions, 54 limits, ...) is about what we tried to store.
        _ => new StoreRejectedException($"PostgreSQL refused this message ({postgres.SqlState}: {postgres.MessageText})", ex),
    };
}
