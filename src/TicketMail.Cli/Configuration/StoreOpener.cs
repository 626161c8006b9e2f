using TicketMail.Data;
using TicketMail.Data.Postgres;
using TicketMail.Data.Sqlite;

namespace TicketMail.Cli.Configuration;

/// <summary>Opens the configured store. SQLite, the zero-set-up default, gets its schema on first use.</summary>
/// <remarks>
/// Every message starts a process, so the common case must be cheap: one look at the migrations history
/// (two small reads) instead of EF's full Migrate, which also takes its migration lock, a write transaction
/// on SQLite. Migrate runs only when a migration is pending (first use, or after an upgrade).
/// </remarks>
public static class StoreOpener
{
    public static async Task<ITicketStore> OpenAsync(AppConfig config, CancellationToken cancellationToken)
    {
        var store = config.Store.Provider == StoreProvider.Postgres
            ? PostgresStore.Open(config.Store.ConnectionString, config.DbTimeout)
            : SqliteStore.Open(config.Store.ConnectionString, config.DbTimeout);

        if (config.Store.Provider == StoreProvider.Sqlite)
        {
            try
            {
                if ((await store.PendingMigrationsAsync(cancellationToken)).Count > 0)
                {
                    await store.MigrateAsync(cancellationToken);
                }
            }
            catch
            {
                await store.DisposeAsync();
                throw;
            }
        }

        return store;
    }
}
