using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TicketMail.Bench.FloorEf.Postgres;

public sealed class PostgresFloorContext(DbContextOptions<PostgresFloorContext> options) : FloorContext(options);

public static class PostgresFloor
{
    public static DbContextOptionsBuilder<PostgresFloorContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<PostgresFloorContext>()
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention()
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    // As ticketmail does (src/TicketMail.Data.Postgres/PostgresStore.cs): built-in types only, no type-loading round trip.
    public static IFloorStore Open(string connectionString) =>
        new FloorStore(new PostgresFloorContext(Options(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { ["Server Compatibility Mode"] = "NoTypeLoading" }.ToString()).Options));
}

/// <summary>Used only by dotnet-ef (migrations, compiled model).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PostgresFloorContext>
{
    public PostgresFloorContext CreateDbContext(string[] args) => new(PostgresFloor.Options("Host=localhost;Database=floor_design").Options);
}
