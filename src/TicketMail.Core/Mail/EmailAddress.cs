namespace TicketMail.Core.Mail;

/// <summary>One mailbox: the address as written, and the decoded display name when there is one.</summary>
public sealed record EmailAddress(string Address, string? Name)
{
    public bool Matches(string? other) =>
        other is not null && string.Equals(Address, other, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => string.IsNullOrEmpty(Name) ? Address : $"{Name} <{Address}>";
}
