using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace TicketMail.Data.Queries;

/// <summary>Maps PostgreSQL failures onto the store's two outcomes that callers act on: conflict and unavailable.</summary>
internal static class ProviderErrors
{
    public static Exception? Translate(Exception ex) => ex switch
    {
        DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } inner } =>
            new StoreConflictException($"another process stored the same key first ({inner.ConstraintName})", ex),
        DbUpdateException { InnerException: NpgsqlException { IsTransient: true } inner } =>
            new StoreUnavailableException($"PostgreSQL failed during the write ({inner.Message})", ex),
        PostgresException { SqlState: PostgresErrorCodes.UndefinedTable } =>
            new StoreSchemaException("the PostgreSQL database has no TicketMail tables", ex),
        NpgsqlException { IsTransient: true } or NpgsqlException { InnerException: System.Net.Sockets.SocketException or TimeoutException } =>
            new StoreUnavailableException($"PostgreSQL is not reachable ({ex.Message})", ex),
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" } =>
            new StoreUnavailableException($"PostgreSQL is not accepting work ({ex.Message})", ex),
        InvalidOperationException { InnerException: NpgsqlException inner } when inner.IsTransient =>
            new StoreUnavailableException($"PostgreSQL is not reachable ({inner.Message})", ex),
        OperationCanceledException or TimeoutException =>
            new StoreUnavailableException("PostgreSQL did not answer in time", ex),
        _ => null,
    };
}
