using Microsoft.EntityFrameworkCore;
using TicketMail.Core.Mail;
using TicketMail.Data.Entities;

namespace TicketMail.Data.Queries;

/// <summary>Attachment content in the attachment_blobs table, deduplicated by hash; saved by the caller's SaveChanges.</summary>
internal sealed class DbAttachmentContentStore : IAttachmentContentStore
{
    // A field, not a primary-constructor parameter: EF's query precompiler cannot see through the latter.
    private readonly StoreContext _db;

    public DbAttachmentContentStore(StoreContext db) => _db = db;

    public async Task PutAsync(IReadOnlyList<InboundAttachment> attachments, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var hashes = attachments.Where(a => a.Content is not null).Select(a => a.Sha256).Distinct().ToList();
        if (hashes.Count == 0)
        {
            return;
        }

        var present = await _db.AttachmentBlobs.Where(b => hashes.Contains(b.Sha256)).Select(b => b.Sha256).ToListAsync(ct);
        var stored = new HashSet<string>(present, StringComparer.Ordinal);
        foreach (var attachment in attachments)
        {
            if (attachment.Content is { } content && stored.Add(attachment.Sha256))
            {
                _db.AttachmentBlobs.Add(new AttachmentBlob { Sha256 = attachment.Sha256, Size = content.LongLength, Content = content });
            }
        }
    }
}
