using System.Runtime.InteropServices;

namespace TicketMail.Cli.Batch;

/// <summary>
/// Ctrl-C (and SIGTERM) for a batch: the first asks to stop after the current message, so it is stored
/// whole and the summary prints; a second one cancels the current message too.
/// </summary>
public sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abort = new();
    // Never disposed: a SIGTERM that arrives after the last message (its line printed, the logs flushing) must
    // not end the process by signal; it exits with the message's code. The process ends soon after anyway.
    private static readonly List<PosixSignalRegistration> Kept = [];
    private volatile bool _disposed;

    public StopSignal()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        if (!OperatingSystem.IsWindows())
        {
            lock (Kept)
            {
                Kept.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
                {
                    context.Cancel = true;
                    Signal();
                }));
            }
        }
    }

    /// <summary>Set after the first signal: take no further message.</summary>
    public bool StopRequested => _stop.IsCancellationRequested;

    /// <summary>Cancelled after the second signal: abandon the current message.</summary>
    public CancellationToken Abort => _abort.Token;

    public void Signal()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            if (_stop.IsCancellationRequested)
            {
                _abort.Cancel();
            }
            else
            {
                _stop.Cancel();
            }
        }
        catch (ObjectDisposedException)
        {
            // The signal raced Dispose: the work is over, and the process exits with its own code.
        }
    }

    public void Dispose()
    {
        _disposed = true;
        Console.CancelKeyPress -= OnCancelKeyPress;
        _stop.Dispose();
        _abort.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        Signal();
    }
}
