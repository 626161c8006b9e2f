using TicketMail.Cli.Configuration;
using TicketMail.Cli.Infrastructure;
using TicketMail.Data;

namespace TicketMail.Cli.Processing;

/// <summary>Opens the store on first use and keeps it for the rest of the process (a batch reuses one connection).</summary>
public sealed class StoreSession(AppConfig config) : IAsyncDisposable
{
    private ITicketStore? _store;

    public async Task<ITicketStore> GetAsync(CancellationToken cancellationToken) =>
        _store ??= await OpenAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    private async Task<ITicketStore> OpenAsync(CancellationToken cancellationToken)
    {
        PhaseTimer.Mark("read+parse");
        var store = await StoreOpener.OpenAsync(config, cancellationToken);
        PhaseTimer.Mark("store");
        return store;
    }
}
