using Microsoft.EntityFrameworkCore;

namespace TicketMail.Data.Sqlite;

public sealed class SqliteTicketContext(DbContextOptions<SqliteTicketContext> options) : TicketDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Dates are read without culture data (see DateTimeText); nullable ones too.
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            if (property.ClrType == typeof(DateTime) || property.ClrType == typeof(DateTime?))
            {
                property.SetValueConverter(DateTimeText.Converter());
            }
        }
    }
}
