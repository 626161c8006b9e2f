using Microsoft.EntityFrameworkCore;
using TicketMail.Core.Mail;
using TicketMail.Data.Entities;

namespace TicketMail.Data.Queries;

/// <summary>
/// Attachment content in the attachment_blobs table, deduplicated by hash; saved by the caller's SaveChanges
/// (large content right after it, through the store's list of large blobs).
/// </summary>
internal sealed class DbAttachmentContentStore : IAttachmentContentStore
{
    // A field, not a primary-constructor parameter: EF's query precompiler cannot see through the latter.
    private readonly StoreContext _db;
    private readonly List<LargeBlob> _largeBlobs;
    private readonly PendingRows _pending;

    public DbAttachmentContentStore(StoreContext db, List<LargeBlob> largeBlobs, PendingRows pending)
    {
        _db = db;
        _largeBlobs = largeBlobs;
        _pending = pending;
    }

    public async Task PutAsync(IReadOnlyList<InboundAttachment> attachments, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var hashes = attachments.Where(a => a.Content is not null).Select(a => a.Sha256).Distinct().ToList();
        if (hashes.Count == 0)
        {
            return;
        }

        var present = await _db.AttachmentBlobs.Where(b => hashes.Contains(b.Sha256)).Select(b => b.Sha256).ToListAsync(ct);
        // Content an earlier message of the batch group added is not written yet, but it is there.
        var stored = new HashSet<string>(present.Concat(hashes.Where(_pending.Blobs.Contains)), StringComparer.Ordinal);
        foreach (var attachment in attachments)
        {
            if (attachment.Content is { } content && stored.Add(attachment.Sha256))
            {
                var large = content.LongLength > RawContent.InMemoryLimit;
                var blob = new AttachmentBlob { Sha256 = attachment.Sha256, Size = content.LongLength, Content = large ? [] : content };
                _db.AttachmentBlobs.Add(blob);
                _pending.Blobs.Add(blob.Sha256);
                if (large)
                {
                    // Bound as a parameter, SQLite would copy the whole array once more; it is streamed in after the row.
                    _largeBlobs.Add(new LargeBlob(null, blob, new MemoryStream(content, writable: false)));
                }
            }
        }
    }
}
