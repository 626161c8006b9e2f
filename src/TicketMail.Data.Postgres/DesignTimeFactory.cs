using Microsoft.EntityFrameworkCore.Design;

namespace TicketMail.Data.Postgres;

/// <summary>Used only by dotnet-ef (migrations, compiled model); never at run time.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PostgresTicketContext>
{
    public PostgresTicketContext CreateDbContext(string[] args) =>
        new(PostgresStore.Options("Host=localhost;Database=ticketmail_design").Options);
}
