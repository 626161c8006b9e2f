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
    private readonly PosixSignalRegistration? _term;

    public StopSignal()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        if (!OperatingSystem.IsWindows())
        {
            _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                Signal();
            });
        }
    }

    /// <summary>Set after the first signal: take no further message.</summary>
    public bool StopRequested => _stop.IsCancellationRequested;

    /// <summary>Cancelled after the second signal: abandon the current message.</summary>
    public CancellationToken Abort => _abort.Token;

    public void Signal()
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

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _term?.Dispose();
        _stop.Dispose();
        _abort.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        Signal();
    }
}
