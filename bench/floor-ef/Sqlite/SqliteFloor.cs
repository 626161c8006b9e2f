using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TicketMail.Bench.FloorEf.Sqlite;

public sealed class SqliteFloorContext(DbContextOptions<SqliteFloorContext> options) : FloorContext(options);

public static class SqliteFloor
{
    public static DbContextOptionsBuilder<SqliteFloorContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<SqliteFloorContext>()
            .UseSqlite(connectionString)
            .UseSnakeCaseNamingConvention()
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    public static IFloorStore Open(string connectionString) => new FloorStore(new SqliteFloorContext(Options(connectionString).Options));
}

/// <summary>Used only by dotnet-ef (migrations, compiled model).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SqliteFloorContext>
{
    public SqliteFloorContext CreateDbContext(string[] args) => new(SqliteFloor.Options("Data Source=design-time.db").Options);
}
