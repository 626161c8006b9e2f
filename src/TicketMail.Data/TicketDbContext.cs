using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using TicketMail.Data.Entities;

namespace TicketMail.Data;

/// <summary>
/// The model shared by both providers. Each provider project derives a sealed context with its own
/// migrations and compiled model; names are snake_case in both.
/// </summary>
public abstract class TicketDbContext : DbContext
{
    // EF marks every DbContext constructor as unsafe for trimming and AOT. Each provider ships a compiled
    // model and precompiled queries (CompiledModel/), which is the configuration EF supports under Native AOT;
    // the AOT smoke test in CI runs the published binary on both providers.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Compiled model and precompiled queries are used.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Compiled model and precompiled queries are used.")]
    protected TicketDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>The queue of tickets stored before queues existed, and of mail to no configured support address when none is set.</summary>
    public const string DefaultQueue = "support";

    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<StoredMessage> Messages => Set<StoredMessage>();
    public DbSet<RawMessage> RawMessages => Set<RawMessage>();
    public DbSet<StoredAttachment> Attachments => Set<StoredAttachment>();
    public DbSet<AttachmentBlob> AttachmentBlobs => Set<AttachmentBlob>();
    public DbSet<ThreadKey> ThreadKeys => Set<ThreadKey>();
    public DbSet<OutboxMail> Outbox => Set<OutboxMail>();
    public DbSet<AddressFlag> AddressFlags => Set<AddressFlag>();
    public DbSet<SenderCounter> SenderCounters => Set<SenderCounter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Ticket>(t =>
        {
            t.ToTable("tickets");
            t.HasIndex(x => x.Uuid).IsUnique();
            t.HasIndex(nameof(Ticket.RequesterAddress), nameof(Ticket.CreatedAt));
            t.HasIndex(x => x.LastMessageAt);
            t.Property(x => x.Status).HasMaxLength(16);
            // Tickets from before queues existed get the queue of a bare support@ address.
            t.Property(x => x.Queue).HasMaxLength(64).HasDefaultValue(DefaultQueue);
            t.HasIndex(nameof(Ticket.Queue), nameof(Ticket.LastMessageAt));
        });

        modelBuilder.Entity<StoredMessage>(m =>
        {
            m.ToTable("messages");
            // The pair: a re-delivery (same key, same body) conflicts, a reused Message-ID (another body) does not.
            m.HasIndex(nameof(StoredMessage.DedupeKey), nameof(StoredMessage.BodySha256)).IsUnique();
            m.HasIndex(nameof(StoredMessage.TicketId), nameof(StoredMessage.Date));
            m.HasOne(x => x.Ticket).WithMany(t => t.Messages).HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
            m.HasOne(x => x.Raw).WithOne().HasForeignKey<RawMessage>(r => r.StoredMessageId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<RawMessage>(r =>
        {
            r.ToTable("message_raw");
            r.HasKey(x => x.StoredMessageId);
        });

        modelBuilder.Entity<StoredAttachment>(a =>
        {
            a.ToTable("attachments");
            a.HasOne(x => x.Message).WithMany(m => m.Attachments).HasForeignKey(x => x.StoredMessageId).OnDelete(DeleteBehavior.Cascade);
            a.HasIndex(x => x.Sha256);
        });

        modelBuilder.Entity<AttachmentBlob>(b =>
        {
            b.ToTable("attachment_blobs");
            b.HasKey(x => x.Sha256);
        });

        modelBuilder.Entity<ThreadKey>(k =>
        {
            k.ToTable("thread_keys");
            k.HasKey(x => x.MessageId);
            k.HasIndex(x => x.TicketId);
            k.HasOne(x => x.Ticket).WithMany().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<OutboxMail>(o =>
        {
            o.ToTable("outbox");
            o.HasIndex(nameof(OutboxMail.Status), nameof(OutboxMail.NextAttemptAt));

            // Reports are linked by the Message-ID of our mail they name (returned message, VERP token).
            o.HasIndex(x => x.MessageId);
            o.HasIndex(nameof(OutboxMail.ToAddress), nameof(OutboxMail.CreatedAt));
            o.HasOne<Ticket>().WithMany().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AddressFlag>(f =>
        {
            f.ToTable("address_flags");
            f.HasKey(x => x.Address);
        });

        modelBuilder.Entity<SenderCounter>(c =>
        {
            c.ToTable("sender_counters");
            c.HasKey(nameof(SenderCounter.Address), nameof(SenderCounter.Kind), nameof(SenderCounter.WindowStart));
            c.Property(x => x.Count).IsConcurrencyToken();
        });
    }
}
