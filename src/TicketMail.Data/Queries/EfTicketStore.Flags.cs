using Microsoft.EntityFrameworkCore;
using TicketMail.Core.Mail;
using TicketMail.Data.Entities;

namespace TicketMail.Data.Queries;

internal sealed partial class EfTicketStore
{
    /// <summary>
    /// A bounce of one of our messages marks the recipient that failed as "bounced", in the same
    /// transaction as the bounce itself. Two bounces racing for one address: the loser's insert hits the
    /// primary key, the caller routes again, and the second pass updates the row instead.
    /// </summary>
    private async Task FlagBouncedAsync(InboundMail mail, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (mail.Automatic != "bounce" || string.IsNullOrWhiteSpace(mail.BouncedRecipient))
        {
            return;
        }

        var ct = cancellationToken;
        var address = mail.BouncedRecipient.Trim().ToLowerInvariant();
        var reason = mail.BouncedMessageId is { } original ? $"bounce of <{original}>" : "bounce";
        var flag = await _db.AddressFlags.FirstOrDefaultAsync(f => f.Address == address, ct);
        if (flag is null)
        {
            _db.AddressFlags.Add(new AddressFlag { Address = address, Flag = "bounced", Reason = reason, UpdatedAt = nowUtc });
        }
        else
        {
            flag.Flag = "bounced";
            flag.Reason = reason;
            flag.UpdatedAt = nowUtc;
        }
    }
}
