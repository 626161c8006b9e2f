using System.Diagnostics;
using System.Globalization;

namespace TicketMail.Cli.Batch;

/// <summary>
/// A one-line progress bar with rate and ETA on stderr, only when stderr is a terminal. Hand-written rather
/// than ShellProgressBar: that library draws on Console.Out, which here carries the per-message lines
/// (often piped to a file while stderr stays on the terminal). The line is cleared before each message line.
/// </summary>
public sealed class ProgressLine(TextWriter stderr, bool enabled, long total)
{
    // Its own escape sequences only: the line holds counts and rates, never message text.
    private readonly TextWriter _error = Output.SafeTextWriter.Raw(stderr);

    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private long _done;
    private long _lastDrawMs = -1000;
    private bool _shown;

    public void Advance()
    {
        _done++;
        if (enabled && (_watch.ElapsedMilliseconds - _lastDrawMs >= 100 || _done == total))
        {
            Draw();
        }
    }

    /// <summary>Removes the bar so a normal line can be printed; the next Advance draws it again.</summary>
    public void Clear()
    {
        if (_shown)
        {
            _error.Write("\r\u001b[2K");
            _error.Flush();
            _shown = false;
        }
    }

    private void Draw()
    {
        _lastDrawMs = _watch.ElapsedMilliseconds;
        var seconds = Math.Max(_watch.Elapsed.TotalSeconds, 0.001);
        var rate = _done / seconds;
        var fraction = total <= 0 ? 0 : Math.Min(1.0, (double)_done / total);
        const int width = 30;
        var filled = (int)(fraction * width);
        var eta = rate > 0 && total > _done ? TimeSpan.FromSeconds((total - _done) / rate) : TimeSpan.Zero;
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', width - filled)}] {_done}/{total} {rate:0.0} msg/s ETA {eta:hh\\:mm\\:ss}");
        _error.Write("\r\u001b[2K" + line);
        _error.Flush();
        _shown = true;
    }
}
