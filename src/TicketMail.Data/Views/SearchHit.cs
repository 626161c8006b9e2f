namespace TicketMail.Data.Views;

/// <summary>One message that matched a search, with its ticket; Line is the first line of subject or text that holds a word of the query.</summary>
public sealed record SearchHit(
    Guid Ticket,
    string Queue,
    string Status,
    long MessageId,
    string Subject,
    string FromAddress,
    DateTime Date,
    string Line);
