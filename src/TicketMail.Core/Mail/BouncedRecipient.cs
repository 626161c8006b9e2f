namespace TicketMail.Core.Mail;

/// <summary>
/// One recipient a delivery report names. Only a permanent failure (Action: failed, or a 5.x.x status)
/// marks an address as bouncing; a delay notice (Action: delayed, 4.x.x) marks nothing.
/// </summary>
/// <param name="Status">The enhanced status code (5.1.1), when the report gives one.</param>
/// <param name="Action">failed, delayed, delivered, relayed or expanded (DSN); null for a text bounce.</param>
public sealed record BouncedRecipient(string Address, string? Status, string? Action)
{
    public bool Permanent => Is("failed") || !Is("delayed") && Status?.StartsWith('5') == true;

    public bool Temporary => !Permanent && (Is("delayed") || Status?.StartsWith('4') == true);

    private bool Is(string action) => string.Equals(Action, action, StringComparison.OrdinalIgnoreCase);
}
