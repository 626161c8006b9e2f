using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using TicketMail.Data;
using TicketMail.Data.Postgres;
using TicketMail.Data.Sqlite;

namespace TicketMail.TestKit;

/// <summary>
/// A fresh, migrated database of either provider: a SQLite file in a temp folder, or a new database on
/// the test PostgreSQL server. Persistence tests take the provider name as a theory argument.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly TempFolder? _folder;

    private TestDatabase(string provider, string connectionString, TempFolder? folder)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _folder = folder;
    }

    public string Provider { get; }

    /// <summary>What TICKETMAIL_DB / --db takes for this database.</summary>
    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string provider, PostgresServer postgres)
    {
        TestDatabase database;
        if (provider == Sqlite)
        {
            var folder = new TempFolder("ticketmail-db");
            database = new TestDatabase(provider, folder.File("tickets.db"), folder);
        }
        else
        {
            database = new TestDatabase(provider, await postgres.CreateDatabaseAsync(), null);
        }

        await using var store = database.Open();
        await store.MigrateAsync(CancellationToken.None);
        return database;
    }

    public ITicketStore Open(TimeSpan? timeout = null) => Provider == Sqlite
        ? SqliteStore.Open($"Data Source={ConnectionString}", timeout ?? TimeSpan.FromSeconds(30))
        : PostgresStore.Open(ConnectionString, timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>A plain ADO.NET connection to this database, opened: to check what was really stored.</summary>
    public async Task<DbConnection> ConnectAsync()
    {
        DbConnection connection = Provider == Sqlite
            ? new SqliteConnection($"Data Source={ConnectionString}")
            : new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public ValueTask DisposeAsync()
    {
        _folder?.Dispose();
        return ValueTask.CompletedTask;
    }
}
