using System.Globalization;
using TicketMail.Cli.Infrastructure;
using TicketMail.Cli.Processing;

namespace TicketMail.Cli.Batch;

/// <summary>Counts outcomes of a batch and the exit code it ends with (the worst failure, or 0).</summary>
public sealed class BatchSummary
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int ExitCode { get; private set; } = ExitCodes.Ok;
    public int Total { get; private set; }
    public int Failed => Count("failed");
    public bool Interrupted { get; set; }

    public void Add(ProcessResult result)
    {
        Total++;
        var key = result.ExitCode != ExitCodes.Ok ? "failed" : result.ActionName;
        _counts[key] = Count(key) + 1;
        ExitCode = ExitCodes.Worst(ExitCode, result.ExitCode);
    }

    public int Count(string action) => _counts.GetValueOrDefault(action);

    /// <summary>e.g. "summary: 12 messages: 9 created, 2 replied, 1 duplicate, 0 ignored, 0 held, 0 failed".</summary>
    public string Line()
    {
        var parts = new List<string> { "created", "replied", "duplicate", "ignored", "held" };
        // Other outcomes (rejected, or ones added later) are listed when they occur.
        parts.AddRange(_counts.Keys.Where(k => k != "failed" && !parts.Contains(k)).Order(StringComparer.Ordinal));
        parts.Add("failed");
        var counts = string.Join(", ", parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{Count(p)} {p}")));
        var stopped = Interrupted ? "; interrupted, run the same command again to continue (stored messages count as duplicates)" : "";
        return string.Create(CultureInfo.InvariantCulture, $"summary: {Total} message(s): {counts}{stopped}");
    }
}
