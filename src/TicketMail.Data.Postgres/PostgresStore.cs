using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using TicketMail.Data.Queries;

namespace TicketMail.Data.Postgres;

/// <summary>Opens the PostgreSQL store, the production store that several mail hosts share.</summary>
public static class PostgresStore
{
    public static DbContextOptionsBuilder<PostgresTicketContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<PostgresTicketContext>()
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention()
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    /// <param name="connectionString">A keyword string (Host=...) or a postgres:// URL.</param>
    /// <param name="timeout">Connect and command timeout: we must answer well inside the MTA's pipe timeout.</param>
    public static ITicketStore Open(string connectionString, TimeSpan timeout)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        var keywords = PostgresUrl.ToKeywords(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(keywords)
        {
            Timeout = seconds,
            CommandTimeout = seconds,
            // A timed-out or cancelled command breaks its connection at once instead of waiting for the answer to a
            // cancel request: a hung server never answers it, and the process has one deadline (TICKETMAIL_DB_TIMEOUT).
            CancellationTimeout = -1,
        };
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = keywords };
        if (!given.ContainsKey("Server Compatibility Mode"))
        {
            // On its first connection Npgsql loads the server's version and type catalogue (SELECT version() and a
            // pg_type query: a round trip, plus client CPU to read hundreds of rows) in every process. The model uses
            // built-in types only (text, bytea, integers, uuid, timestamps and their arrays), which Npgsql knows
            // without asking; a connection string that sets this keyword keeps its own choice.
            // (The property is obsolete in favour of NpgsqlDataSourceBuilder.ConfigureTypeLoading; the keyword still
            // works, and a data source per store would be one more object each store must dispose.)
            builder["Server Compatibility Mode"] = "NoTypeLoading";
        }

        if (!given.ContainsKey("Max Auto Prepare"))
        {
            // A batch sends the same few statements thousands of times: prepared after five uses, the server stops
            // parsing and planning them (a third more messages/s here). Behind PgBouncer in transaction mode
            // without prepared-statement support, put "Max Auto Prepare=0" in the connection string.
            builder.MaxAutoPrepare = 32;
        }

        if (!given.ContainsKey("No Reset On Close"))
        {
            // EF opens and closes the connection around each query outside a transaction, and the pool resets a
            // returned connection with DISCARD ALL: one more round trip per query. This process is its pool's only
            // user and keeps no session state (no SET, temp tables or session locks), so there is nothing to reset.
            builder.NoResetOnClose = true;
        }

        var context = new PostgresTicketContext(Options(builder.ToString()).Options);
        return new EfTicketStore(context, "postgres");
    }
}
