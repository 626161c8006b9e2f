using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace TicketMail.Cli.Infrastructure;

/// <summary>
/// Where a process's time goes, for --verbose: each <see cref="Mark"/> closes the span since the previous one
/// and adds it to the named phase (a batch adds up its messages). A mark costs one timestamp; the summary is
/// printed only under --verbose. The figures in README's Performance section come from here.
/// </summary>
public static class PhaseTimer
{
    // Tests run commands in-process and in parallel: the lock keeps the list whole (their figures mix, harmlessly).
    private static readonly Lock Gate = new();
    private static readonly List<Phase> Phases = [];
    private static long _start = Stopwatch.GetTimestamp();
    private static long _last = _start;

    public static bool Enabled { get; private set; }


    /// <summary>Starts the clock; called first thing in Main, before we know whether --verbose was given.</summary>
    public static void Start()
    {
        lock (Gate)
        {
            _start = _last = Stopwatch.GetTimestamp();
            Phases.Clear();
        }
    }

    /// <summary>--verbose: print the summary.</summary>
    public static void Enable() => Enabled = true;

    public static void Mark(string phase)
    {
        lock (Gate)
        {
            var now = Stopwatch.GetTimestamp();
            var ms = Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds;
            var index = Phases.FindIndex(p => p.Name == phase);
            if (index < 0)
            {
                Phases.Add(new Phase(phase, ms, 1));
            }
            else
            {
                Phases[index] = Phases[index] with { Ms = Phases[index].Ms + ms, Count = Phases[index].Count + 1 };
            }

            _last = now;
        }
    }

    /// <summary>"args 1.2, config 0.9, ... ; 14.1 ms in Main", or null when not enabled.</summary>
    public static string? Summary()
    {
        if (!Enabled)
        {
            return null;
        }

        var text = new StringBuilder();
        lock (Gate)
        {
            foreach (var phase in Phases)
        {
                text.Append(text.Length == 0 ? "" : ", ").Append(phase.Name).Append(' ')
                    .Append(phase.Ms.ToString("0.0", CultureInfo.InvariantCulture));
                if (phase.Count > 1)
                {
                    text.Append(" (").Append(phase.Count).Append('×').Append(')');
                }
            }
        }

        var total = Stopwatch.GetElapsedTime(_start, _last).TotalMilliseconds;
        return text.Append("; ").Append(total.ToString("0.0", CultureInfo.InvariantCulture)).Append(" ms in Main").ToString();
    }

    private readonly record struct Phase(string Name, double Ms, int Count);
}
