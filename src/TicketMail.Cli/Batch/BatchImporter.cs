using TicketMail.Cli.Commands;
using TicketMail.Cli.Infrastructure;
using TicketMail.Cli.Processing;

namespace TicketMail.Cli.Batch;

/// <summary>
/// The batch importer, a pipeline: enumerate the inputs → read and parse them on one core (<see cref="ReadAhead"/>)
/// → take a group → classify and plan → load the facts of the whole group in one query set → decide each message
/// against them plus what the group's earlier messages created → save the group in one transaction
/// (<see cref="GroupImport"/>) → print and advance. Each message's outcome is a value; a failing message gets its
/// own line, and the summary always prints. The one-message path (<see cref="MessageProcessor"/>) shares the
/// pure steps: InboundMailReader, the classifier, TicketRouter.
/// </summary>
internal sealed class BatchImporter(
    CommandContext context, MessageProcessor processor, StoreSession store, ImportOptions options, Func<ProcessResult, string> format)
{
    private readonly BatchSummary _summary = new();
    private readonly CircuitBreaker _breaker = new();

    /// <summary>A dry run (and nothing else) goes message by message through the one-message path: it stores nothing.</summary>
    public required Func<BatchItem, ProgressLine, CancellationToken, Task<ProcessResult>> ProcessOne { get; init; }

    public async Task<int> RunAsync(IReadOnlyList<string> paths, StopSignal stop, CancellationToken cancellationToken)
    {
        var files = InputEnumerator.Expand(paths);
        var progress = new ProgressLine(context.IO.Error, context.IO.ErrorIsTerminal, context.IO.ErrorIsTerminal ? InputEnumerator.Count(files) : 0);
        if (options.DryRun)
        {
            await RunDryAsync(files, progress, stop, cancellationToken);
        }
        else
        {
            await RunGroupsAsync(files, progress, stop, cancellationToken);
        }

        progress.Clear();
        _summary.Interrupted = stop.StopRequested;
        context.IO.Error.WriteLine(_summary.Line());
        return _summary.Interrupted ? ExitCodes.Worst(_summary.ExitCode, ExitCodes.TempFail) : _summary.ExitCode;
    }

    private async Task RunGroupsAsync(IReadOnlyList<string> files, ProgressLine progress, StopSignal stop, CancellationToken cancellationToken)
    {
        // The reading stage has its own processor: parser and classifier are not shared between threads.
        var reader = new MessageProcessor(context.Config, store, context.Clock, context.IO, context.Verbose);
        await using var ahead = new ReadAhead(files, context.IO.OpenInput, reader, options.Recipients, options.BatchSize);
        var group = new GroupImport(processor, store, context, options, _breaker, stop);
        var arrivals = new List<Arrival>(options.BatchSize);
        while (!stop.StopRequested)
        {
            arrivals.Clear();
            while (arrivals.Count < options.BatchSize && !stop.StopRequested && await ahead.NextAsync(cancellationToken) is { } arrival)
            {
                arrivals.Add(arrival);
            }

            if (arrivals.Count == 0)
            {
                break;
            }

            var results = await group.RunAsync(arrivals, cancellationToken);
            for (var i = 0; i < arrivals.Count; i++)
            {
                if (results[i] is { } result)
                {
                    Print(result, progress);
                }
                else
                {
                    // Stopped before its turn: nothing was decided, the next run takes it.
                    ahead.Discard(arrivals[i]);
                }
            }
        }
    }

    private async Task RunDryAsync(IReadOnlyList<string> files, ProgressLine progress, StopSignal stop, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            using var items = InputEnumerator.Items([file], context.IO.OpenInput).GetEnumerator();
            while (!stop.StopRequested)
            {
                try
                {
                    if (!items.MoveNext())
                    {
                        break;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Print(ProcessCommand.Failed(context, file, ex, progress), progress);
                    break;
                }

                Print(await ProcessOne(items.Current, progress, cancellationToken), progress);
            }
        }
    }

    private void Print(ProcessResult result, ProgressLine progress)
    {
        if (context.IO.OutputIsTerminal)
        {
            // Both on the terminal: the bar steps aside for the line. Redirected stdout needs no clearing.
            progress.Clear();
        }

        context.IO.Out.WriteLine(format(result));
        _summary.Add(result);
        progress.Advance();
    }
}
