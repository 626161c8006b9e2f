using Microsoft.EntityFrameworkCore;
using TicketMail.Core.Routing;
using TicketMail.Data.Entities;

namespace TicketMail.Data.Queries;

internal sealed partial class EfTicketStore
{
    /// <summary>
    /// A report about one of our messages marks the address it went to (the router decided which, and only for
    /// a permanent failure or a complaint), in the same transaction as the report itself. "complained" is kept
    /// over a later "bounced". Two reports racing for one address: the loser's insert hits the primary key,
    /// the caller routes again, and the second pass updates the row instead.
    /// </summary>
    private async Task MarkAddressAsync(AddressMark? mark, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (mark is null)
        {
            return;
        }

        var ct = cancellationToken;
        var address = mark.Address.Trim().ToLowerInvariant();
        var flag = _pending.Flags.GetValueOrDefault(address) ?? await _db.AddressFlags.FirstOrDefaultAsync(f => f.Address == address, ct);
        if (flag is null)
        {
            flag = new AddressFlag { Address = address, Flag = mark.Flag, Reason = mark.Reason, UpdatedAt = nowUtc };
            _db.AddressFlags.Add(flag);
        }
        else if (flag.Flag != AddressMark.Complained || mark.Flag == AddressMark.Complained)
        {
            flag.Flag = mark.Flag;
            flag.Reason = mark.Reason;
            flag.UpdatedAt = nowUtc;
        }

        _pending.Flags[address] = flag;
    }

    public async Task<string?> AddressFlagAsync(string address, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var wanted = address.Trim().ToLowerInvariant();
        try
        {
            await FlushPendingAsync(ct);
            return await _db.AddressFlags.Where(f => f.Address == wanted).Select(f => f.Flag).FirstOrDefaultAsync(ct);
        }
        catch (Exception ex) when (ProviderErrors.Translate(ex) is { } mapped)
        {
            throw mapped;
        }
    }
}
