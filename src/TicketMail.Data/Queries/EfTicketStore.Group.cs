using Microsoft.EntityFrameworkCore.Storage;

namespace TicketMail.Data.Queries;

/// <summary>
/// Group commit for batches: one explicit transaction around many messages' saves. Each SaveAsync inside it
/// writes its rows (SaveChanges joins the open transaction), so the next message's look-ups see them: a reply
/// finds the ticket its original opened a moment ago, a second copy is a duplicate. Nothing is durable
/// until <see cref="CommitGroupAsync"/>.
/// </summary>
internal sealed partial class EfTicketStore
{
    private IDbContextTransaction? _group;

    public bool InGroup => _group is not null;

    public async Task BeginGroupAsync(CancellationToken cancellationToken)
    {
        if (_group is not null)
        {
            throw new InvalidOperationException("a group is already open");
        }

        try
        {
            _lookups.Clear();
            _group = await _db.Database.BeginTransactionAsync(cancellationToken);
            // A failure anywhere in the group rolls all of it back and replays it, so EF's per-save savepoints
            // would be two extra statements per message for nothing.
            _db.Database.AutoSavepointsEnabled = false;
        }
        catch (Exception ex) when (ProviderErrors.Translate(ex) is { } mapped)
        {
            throw mapped;
        }
    }

    public async Task CommitGroupAsync(CancellationToken cancellationToken)
    {
        var group = _group ?? throw new InvalidOperationException("no group is open");
        try
        {
            await FlushPendingAsync(cancellationToken);
            await group.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (ProviderErrors.Translate(ex) is { } mapped)
        {
            throw mapped;
        }
        finally
        {
            _group = null;
            await group.DisposeAsync();
            _db.Database.AutoSavepointsEnabled = true;
            _db.ChangeTracker.Clear();
            _pending.Clear();
            _lookups.Clear();
        }
    }

    /// <summary>Undoes the whole group; never throws (a broken connection has rolled it back already).</summary>
    public async Task RollbackGroupAsync()
    {
        var group = _group;
        if (group is null)
        {
            return;
        }

        _group = null;
        try
        {
            await group.RollbackAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException || ProviderErrors.Translate(ex) is not null)
        {
            // The server or the file already ended the transaction; there is nothing left to undo.
        }
        finally
        {
            await group.DisposeAsync();
            _db.Database.AutoSavepointsEnabled = true;
            _db.ChangeTracker.Clear();
            _pending.Clear();
            _lookups.Clear();
        }
    }

    /// <summary>
    /// Writes the rows the group's deferred saves left pending (<see cref="PendingRows"/>), inside the group's
    /// transaction. Every read that could depend on them (facts, address marks, outbox counts) calls this first.
    /// </summary>
    private async Task FlushPendingAsync(CancellationToken cancellationToken)
    {
        if (!_pending.Any)
        {
            return;
        }

        await _db.SaveChangesAsync(cancellationToken);
        _db.ChangeTracker.Clear();
        _pending.Clear();
    }
}
