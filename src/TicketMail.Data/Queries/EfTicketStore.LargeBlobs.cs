using Microsoft.EntityFrameworkCore.Storage;
using TicketMail.Data.Entities;

namespace TicketMail.Data.Queries;

/// <summary>A blob column to fill after its row is saved: a streamed raw message, or a large attachment's content.</summary>
internal sealed record LargeBlob(StoredMessage? Message, AttachmentBlob? Attachment, Stream Content);

internal sealed partial class EfTicketStore
{
    /// <summary>
    /// Streams the large blobs of this save into their rows, inside the open transaction, so that the rows and
    /// their content commit together (a crash leaves neither). BlobWriter is the provider's own: SQLite writes
    /// into a zeroblob through SqliteBlob, PostgreSQL sends the stream as a bytea parameter.
    /// </summary>
    private async Task WriteLargeBlobsAsync(CancellationToken cancellationToken)
    {
        if (_largeBlobs.Count == 0)
        {
            return;
        }

        var transaction = _db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("large blobs are written inside a transaction");
        foreach (var blob in _largeBlobs)
        {
            blob.Content.Position = 0;
            if (blob.Message is { } message)
            {
                await BlobWriter.WriteAsync(transaction, "message_raw", "stored_message_id", message.Id, blob.Content, cancellationToken);
            }
            else
            {
                await BlobWriter.WriteAsync(transaction, "attachment_blobs", "sha256", blob.Attachment!.Sha256, blob.Content, cancellationToken);
            }
        }

        _largeBlobs.Clear();
    }
}
