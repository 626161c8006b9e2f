using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TicketMail.Data.Sqlite;

/// <summary>
/// Sets SQLite's own busy timeout on every connection EF opens, from TICKETMAIL_DB_TIMEOUT: SQLite then waits for
/// another writer's lock inside the engine, and gives up after that time, whatever the journal mode.
/// </summary>
internal sealed class BusyTimeout(TimeSpan timeout) : DbConnectionInterceptor
{
    private readonly string _pragma = $"PRAGMA busy_timeout = {(long)timeout.TotalMilliseconds};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }
}
