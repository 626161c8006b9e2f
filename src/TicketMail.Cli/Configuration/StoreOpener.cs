using TicketMail.Data;
using TicketMail.Data.Postgres;
using TicketMail.Data.Sqlite;

namespace TicketMail.Cli.Configuration;

/// <summary>Opens the configured store. SQLite, the zero-set-up default, gets its schema on first use.</summary>
/// <remarks>
/// Every message starts a process, so the common case must be cheap: one read of the migrations history over a
/// plain connection (<see cref="SqliteSchema"/>), instead of EF's migration services and its Migrate, which
/// also takes a write lock. Migrate runs only when the newest migration is missing (first use, or an upgrade).
/// </remarks>
public static class StoreOpener
{
    public static async Task<ITicketStore> OpenAsync(AppConfig config, CancellationToken cancellationToken)
    {
        var store = config.Store.Provider == StoreProvider.Postgres
            ? PostgresStore.Open(config.Store.ConnectionString, config.DbTimeout)
            : SqliteStore.Open(config.Store.ConnectionString, config.DbTimeout);

        if (config.Store.Provider == StoreProvider.Sqlite && !SqliteSchema.IsCurrent(config.Store.ConnectionString, config.DbTimeout))
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
