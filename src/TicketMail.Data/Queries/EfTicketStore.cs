using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using TicketMail.Core.Routing;

namespace TicketMail.Data.Queries;

/// <summary>
/// The EF Core store. This file is compiled into each provider project, where StoreContext names that
/// provider's sealed context, so that EF can precompile every query below for Native AOT.
/// Query call sites copy their arguments into locals first: the precompiler needs locals, not parameters.
/// </summary>
internal sealed partial class EfTicketStore : ITicketStore
{
    // A field, not a primary-constructor parameter: EF's query precompiler cannot see through the latter (efcore#38030).
    private readonly StoreContext _db;
    private readonly IAttachmentContentStore _contents;
    private readonly List<LargeBlob> _largeBlobs = [];
    private readonly PendingRows _pending = new();
    private readonly GroupLookups _lookups = new();

    public EfTicketStore(StoreContext db, string provider)
    {
        _db = db;
        _contents = new DbAttachmentContentStore(db, _largeBlobs, _pending);
        Provider = provider;
    }

    public string Provider { get; }

    // EF flags migrations as unsupported under Native AOT, yet Migrate() and GetPendingMigrations() work there
    // with a compiled model and rooted provider assemblies (shared notes; checked by the AOT smoke test). The
    // design-time pending-model check they would run is switched off in the provider's options.
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Migrations run under AOT with the compiled model; see comment.")]
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            var pending = (await _db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            await _db.Database.MigrateAsync(cancellationToken);
            await UseWriteAheadLogAsync(cancellationToken);
            return pending;
        }
        catch (Exception ex) when (ProviderErrors.Translate(ex) is { } mapped)
        {
            throw mapped;
        }
    }

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As for MigrateAsync.")]
    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await _db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        }
        catch (Exception ex) when (ProviderErrors.Translate(ex) is { } mapped)
        {
            throw mapped;
        }
    }

    /// <summary>
    /// SQLite in WAL mode lets readers run beside the one writer, so many delivery processes at once wait
    /// briefly (busy timeout) instead of failing. The mode is stored in the file: after the first time this is a no-op.
    /// </summary>
    private async Task UseWriteAheadLogAsync(CancellationToken cancellationToken)
    {
        if (Provider != "sqlite")
        {
            return;
        }

        try
        {
            await _db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        catch (Exception ex) when (ProviderErrors.Translate(ex) is StoreUnavailableException)
        {
            // Another process holds the file right now; the next open switches the mode.
        }
    }

    /// <summary>The duplicate look-up every message makes, for a key no message has: it warms that very query path.</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken) =>
        LoadFactsAsync(new RoutingQuery("warm-up", [], [], [], null, null, null), DateTime.UtcNow, cancellationToken);

    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
