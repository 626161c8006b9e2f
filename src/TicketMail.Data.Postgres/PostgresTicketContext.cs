using Microsoft.EntityFrameworkCore;

namespace TicketMail.Data.Postgres;

public sealed class PostgresTicketContext(DbContextOptions<PostgresTicketContext> options) : TicketDbContext(options);
