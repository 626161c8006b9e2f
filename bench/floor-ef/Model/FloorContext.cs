using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;

namespace TicketMail.Bench.FloorEf;

/// <summary>Shared by both providers; each provider project derives a sealed context with its migrations and compiled model.</summary>
public abstract class FloorContext : DbContext
{
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Compiled model and precompiled queries are used.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Compiled model and precompiled queries are used.")]
    protected FloorContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<FloorTicket> Tickets => Set<FloorTicket>();
    public DbSet<FloorMessage> Messages => Set<FloorMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<FloorTicket>(t =>
        {
            t.ToTable("tickets");
            t.HasIndex(x => x.Uuid).IsUnique();
        });
        modelBuilder.Entity<FloorMessage>(m =>
        {
            m.ToTable("messages");
            m.HasIndex(x => x.DedupeKey).IsUnique();
            m.HasOne(x => x.Ticket).WithMany(t => t.Messages).HasForeignKey(x => x.TicketId);
            m.HasOne(x => x.Raw).WithOne().HasForeignKey<FloorRaw>(r => r.MessageId);
        });
        modelBuilder.Entity<FloorRaw>(r =>
        {
            r.ToTable("message_raw");
            r.HasKey(x => x.MessageId);
        });
    }
}
