using Microsoft.EntityFrameworkCore;

namespace TicketMail.Data.Sqlite;

public sealed class SqliteTicketContext(DbContextOptions<SqliteTicketContext> options) : TicketDbContext(options);
