using System.Threading.Channels;
using TicketMail.Cli.Processing;

namespace TicketMail.Cli.Batch;

/// <summary>
/// The batch's reading stage, on a core of its own: enumerates the inputs, opens each message (a file in place,
/// anything else written to the spool first), parses and classifies it, and hands it on through a bounded
/// channel. The bound (one group ahead) keeps memory flat however long the batch is. It never prints: every
/// outcome is decided and reported by the importer, in input order.
/// </summary>
internal sealed class ReadAhead : IAsyncDisposable
{
    private readonly Channel<Arrival> _channel;
    private readonly CancellationTokenSource _cancel = new();
    private readonly MessageProcessor _reader;
    private readonly IReadOnlyList<string> _recipients;
    private readonly Task _producer;

    /// <param name="reader">A processor of its own (its parser and classifier are not shared across threads).</param>
    public ReadAhead(IReadOnlyList<string> files, Func<Stream> stdin, MessageProcessor reader, IReadOnlyList<string> recipients, int capacity)
    {
        _reader = reader;
        _recipients = recipients;
        _channel = Channel.CreateBounded<Arrival>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        _producer = Task.Run(() => ProduceAsync(files, stdin, _cancel.Token));
    }

    /// <summary>The next message, or null at the end of the inputs.</summary>
    public async ValueTask<Arrival?> NextAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _channel.Reader.WaitToReadAsync(cancellationToken) && _channel.Reader.TryRead(out var arrival) ? arrival : null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A second Ctrl-C: no further message; the batch ends with its summary.
            return null;
        }
    }

    private async Task ProduceAsync(IReadOnlyList<string> files, Func<Stream> stdin, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var file in files)
            {
                using var items = InputEnumerator.Items([file], stdin).GetEnumerator();
                while (!cancellationToken.IsCancellationRequested)
                {
                    Arrival next;
                    try
                    {
                        if (!items.MoveNext())
                        {
                            break;
                        }

                        next = Read(items.Current, cancellationToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // The container (an mbox) broke: this file ends here, the batch goes on.
                        await _channel.Writer.WriteAsync(new Arrival(file, null, null, ex), cancellationToken);
                        break;
                    }

                    await HandOnAsync(next, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The batch stopped taking messages.
        }
        finally
        {
            _channel.Writer.TryComplete();
        }
    }

    private async Task HandOnAsync(Arrival next, CancellationToken cancellationToken)
    {
        try
        {
            await _channel.Writer.WriteAsync(next, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Read but never taken: not left behind in the spool.
            Discard(next);
            throw;
        }
    }

    private Arrival Read(BatchItem item, CancellationToken cancellationToken)
    {
        MessageProcessor.Job? job = null;
        try
        {
            if (item.File is { } path)
            {
                // A message file is its own durable copy: read in place; copied to the spool only if kept aside.
                job = MessageProcessor.OpenFile(path, item.Source, _recipients, attempts: 1);
            }
            else
            {
                using var input = item.Open();
                job = _reader.AcceptIntoSpool(item.Source, input, _recipients, item.EnvelopeSender);
            }

            return new Arrival(item.Source, job, _reader.Read(job, cancellationToken), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            job?.Raw.Dispose();
            return new Arrival(item.Source, null, null, ex);
        }
    }

    /// <summary>
    /// Messages read ahead but never taken (the batch was stopped): closed, and a copy the reading stage put
    /// into the spool is removed again, since its input (an mbox) still holds it and nothing was decided.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _cancel.CancelAsync();
        while (_channel.Reader.TryRead(out var left))
        {
            Discard(left);
        }

        try
        {
            await _producer;
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }

        while (_channel.Reader.TryRead(out var left))
        {
            Discard(left);
        }

        _cancel.Dispose();
    }

    public void Discard(Arrival arrival)
    {
        if (arrival.Job is { } job)
        {
            _reader.Remove(job);
            job.Raw.Dispose();
        }
    }
}
