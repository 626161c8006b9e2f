using System.CommandLine;
using TicketMail.Cli.Configuration;
using TicketMail.Data.Postgres;
using TicketMail.Data.Sqlite;

namespace TicketMail.Cli.Commands;

/// <summary>ticketmail db migrate: applies the EF Core migrations of the configured provider.</summary>
public static class DbCommand
{
    public static Command Create()
    {
        var migrate = new Command("migrate", "Create or upgrade the database schema (EF Core migrations).\n\nExamples:\n  ticketmail db migrate\n  ticketmail db migrate --db 'Host=db;Database=tickets;Username=ticketmail'");
        CommandRunner.SetAction(migrate, async (context, cancellationToken) =>
        {
            var target = context.Config.Store;
            await using var store = target.Provider == StoreProvider.Postgres
                ? PostgresStore.Open(target.ConnectionString, context.Config.DbTimeout)
                : SqliteStore.Open(target.ConnectionString, context.Config.DbTimeout);
            var applied = await store.MigrateAsync(cancellationToken);
            context.IO.Out.WriteLine(applied == 0
                ? $"{store.Provider} database {target.Display} is up to date"
                : $"applied {applied} migration(s) to {store.Provider} database {target.Display}");
            return 0;
        });

        return new Command("db", "Database maintenance.\n\nExample:\n  ticketmail db migrate") { migrate };
    }
}
