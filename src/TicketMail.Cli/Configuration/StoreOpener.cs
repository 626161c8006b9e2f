using TicketMail.Data;
using TicketMail.Data.Postgres;
using TicketMail.Data.Sqlite;

namespace TicketMail.Cli.Configuration;

/// <summary>Opens the configured store. SQLite, the zero-set-up default, gets its schema on first use.</summary>
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
                await store.MigrateAsync(cancellationToken);
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
