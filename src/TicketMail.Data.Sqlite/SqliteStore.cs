using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TicketMail.Data.Queries;

namespace TicketMail.Data.Sqlite;

/// <summary>Opens the SQLite store: the zero-set-up default, one file, created with its schema on first use.</summary>
public static class SqliteStore
{
    public static DbContextOptionsBuilder<SqliteTicketContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<SqliteTicketContext>()
            .UseSqlite(connectionString)
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
        foreach (var attribute in typeof(SqliteStore).Assembly.GetCustomAttributes<DbContextModelAttribute>())
        {
            if (attribute.ContextType == typeof(SqliteTicketContext))
            {
                _ = attribute.ModelType.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
            }
        }
    }

    /// <param name="connectionString">A Data Source=... string.</param>
    /// <param name="timeout">How long to wait for a lock held by another process before giving up.</param>
    public static ITicketStore Open(string connectionString, TimeSpan timeout)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)),
        };
        if (builder.DataSource is { Length: > 0 } path && path != ":memory:"
            && Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var context = new SqliteTicketContext(Options(builder.ToString()).Options);
        return new EfTicketStore(context, "sqlite");
    }
}
