using TicketMail.Core.Mail;

namespace TicketMail.Data;

/// <summary>
/// Where attachment bytes live, keyed by SHA-256 so each content is kept once. The database implementation
/// stages blobs in the same unit of work as the message; a folder store could write files named by hash instead.
/// </summary>
public interface IAttachmentContentStore
{
    /// <summary>Keeps the content of each attachment that has content and is not stored yet.</summary>
    Task PutAsync(IReadOnlyList<InboundAttachment> attachments, CancellationToken cancellationToken);
}
