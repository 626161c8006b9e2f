using System.Diagnostics;

namespace TicketMail.Cli.Processing;

/// <summary>
/// TICKETMAIL_DB_TIMEOUT is one budget, not one per step: a server that accepts TCP and never answers used to cost
/// the background warm-up's full timeout and then the message's own look-up's again (10 s against 5). The first
/// message's budget runs from the process's start (what the MTA's pipe timeout measures); in a batch each later
/// message gets its own. Disarmed once the message is committed: nothing after the commit may defer it.
/// </summary>
public sealed class ProcessDeadline(TimeSpan budget)
{
    private static readonly DateTime ProcessStart = StartTime();
    private bool _first = true;

    /// <summary>A token that fires when this message's budget is spent, linked to the caller's interruption.</summary>
    public CancellationTokenSource Start(CancellationToken interrupt)
    {
        var left = _first ? budget - (DateTime.UtcNow - ProcessStart) : budget;
        _first = false;
        var source = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        source.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
        return source;
    }

    private static DateTime StartTime()
    {
        try
        {
            using var self = Process.GetCurrentProcess();
            return self.StartTime.ToUniversalTime();
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
            return DateTime.UtcNow;
        }
    }
}
