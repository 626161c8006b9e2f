using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TicketMail.Data.Sqlite;

/// <summary>Used only by dotnet-ef (migrations, compiled model); never at run time.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SqliteTicketContext>
{
    public SqliteTicketContext CreateDbContext(string[] args) =>
        new(SqliteStore.Options("Data Source=design-time.db").Options);
}
