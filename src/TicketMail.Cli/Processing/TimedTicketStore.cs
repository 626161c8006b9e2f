using TicketMail.Cli.Infrastructure;
using TicketMail.Core.Mail;
using TicketMail.Core.Routing;
using TicketMail.Data;
using TicketMail.Data.Views;

namespace TicketMail.Cli.Processing;

/// <summary>
/// Under --verbose, marks the phases around the store's calls, so that the message path itself carries no
/// timing code: the span before a look-up is reading and parsing, the look-up is "facts", the span before a
/// save is routing, the save is "save".
/// </summary>
public sealed class TimedTicketStore(ITicketStore inner) : ITicketStore
{
    public string Provider => inner.Provider;

    public Task<int> MigrateAsync(CancellationToken cancellationToken) => inner.MigrateAsync(cancellationToken);

    public Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken cancellationToken) =>
        inner.PendingMigrationsAsync(cancellationToken);

    public async Task<StoreFacts> LoadFactsAsync(RoutingQuery query, DateTime nowUtc, CancellationToken cancellationToken)
    {
        PhaseTimer.Mark("read+parse");
        var facts = await inner.LoadFactsAsync(query, nowUtc, cancellationToken);
        PhaseTimer.Mark("facts");
        return facts;
    }

    public async Task<SavedMessage> SaveAsync(InboundMail mail, RoutingDecision decision, byte[] raw, DateTime nowUtc, CancellationToken cancellationToken)
    {
        PhaseTimer.Mark("route");
        try
        {
            return await inner.SaveAsync(mail, decision, raw, nowUtc, cancellationToken);
        }
        finally
        {
            PhaseTimer.Mark("save");
        }
    }

    public Task<TicketDetails?> GetTicketAsync(Guid uuid, CancellationToken cancellationToken) => inner.GetTicketAsync(uuid, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
