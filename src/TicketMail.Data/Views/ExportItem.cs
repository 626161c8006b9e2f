namespace TicketMail.Data.Views;

/// <summary>One stored message to export: its id (to read the raw bytes), ticket, sender and date (for the mbox "From " line).</summary>
public sealed record ExportItem(long MessageId, Guid Ticket, string FromAddress, DateTime Date, long RawSize);
