using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
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

    /// <summary>
    /// Builds the compiled model now (its static constructor), so that a caller can run it on one core while
    /// another opens the connection and EF's services; the context then finds it ready. It is found the way
    /// EF Core finds it, through the generated assembly attribute, so that this project still builds while
    /// scripts/ef-regenerate.sh has removed CompiledModel/.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "The provider assembly is rooted (TrimmerRootAssembly in TicketMail.Cli.csproj), so the model's public static Instance stays; EF Core reads it the same way. Were it missing, this only skips the head start.")]
    public static void PrepareModel()
    {
        foreach (var attribute in typeof(PostgresStore).Assembly.GetCustomAttributes<DbContextModelAttribute>())
        {
            if (attribute.ContextType == typeof(PostgresTicketContext))
            {
                _ = attribute.ModelType.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
            }
        }
    }

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
        };
        if (!new System.Data.Common.DbConnectionStringBuilder { ConnectionString = keywords }.ContainsKey("Max Auto Prepare"))
        {
            // A batch sends the same few statements thousands of times: prepared after five uses, the server stops
            // parsing and planning them (a third more messages/s here). Behind PgBouncer in transaction mode
            // without prepared-statement support, put "Max Auto Prepare=0" in the connection string.
            builder.MaxAutoPrepare = 32;
        }

        var context = new PostgresTicketContext(Options(builder.ToString()).Options);
        return new EfTicketStore(context, "postgres");
    }
}
