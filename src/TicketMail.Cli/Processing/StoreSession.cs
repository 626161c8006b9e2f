using TicketMail.Cli.Configuration;
using TicketMail.Cli.Infrastructure;
using TicketMail.Data;
using TicketMail.Data.Postgres;
using TicketMail.Data.Sqlite;

namespace TicketMail.Cli.Processing;

/// <summary>
/// Opens the store on first use and keeps it for the rest of the process (a batch reuses one connection).
/// <see cref="OpenInBackground"/> starts that work early on another core: EF Core's start-up (its services,
/// the compiled model, the first query) costs more than spooling and parsing a message, and both can overlap.
/// </summary>
public sealed class StoreSession(AppConfig config) : IAsyncDisposable
{
    private ITicketStore? _store;
    private Task<ITicketStore>? _opening;

    /// <summary>Starts opening and warming the store now; the first <see cref="GetAsync"/> takes it over.</summary>
    public void OpenInBackground() => _opening ??= Task.Run(async () =>
    {
        // The compiled model is the other half of EF's start-up: built on a second core meanwhile.
        var context = config.Store.Provider == StoreProvider.Postgres ? typeof(PostgresTicketContext) : typeof(SqliteTicketContext);
        _ = Task.Run(() => CompiledModels.Prepare(context));
        var store = await StoreOpener.OpenAsync(config, CancellationToken.None);
        try
        {
            await store.WarmUpAsync(CancellationToken.None);
        }
        catch (StoreSchemaException)
        {
            // The message's own look-up meets the same trouble at once and reports it where it is handled.
        }
        catch (StoreUnavailableException)
        {
            // Not swallowed: the message's look-up would wait the whole timeout again (the doubled timeout).
            // The failure reaches GetAsync, and the message is deferred at once.
            await store.DisposeAsync();
            throw;
        }

        return store;
    });

    public async Task<ITicketStore> GetAsync(CancellationToken cancellationToken)
    {
        if (_store is null)
        {
            PhaseTimer.Mark("read+parse");
            // A failed background open is not kept: the next message (a batch, a retry) opens afresh.
            var opening = _opening ?? StoreOpener.OpenAsync(config, cancellationToken);
            _opening = null;
            _store = await opening.WaitAsync(cancellationToken);
            PhaseTimer.Mark("store");
        }

        return _store;
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (_opening is { } opening)
        {
            // Opened for a message that never needed it (unusable input): close it once it is open, without
            // waiting here for a database that may be slow to answer.
            _ = opening.ContinueWith(
                static t => t.IsCompletedSuccessfully ? t.Result.DisposeAsync().AsTask() : Task.CompletedTask,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }
}
