using System.CommandLine;
using TicketMail.Cli.Acknowledgements;
using TicketMail.Cli.Batch;
using TicketMail.Cli.Infrastructure;
using TicketMail.Cli.Output;
using TicketMail.Cli.Processing;

namespace TicketMail.Cli.Commands;

/// <summary>
/// ticketmail process [PATH|-]...: one raw message from stdin, or a batch from files, folders, Maildirs and
/// mbox files. Also answers to ticket:process-email, so a wrapper written for artisan only swaps the program.
/// </summary>
public static class ProcessCommand
{
    public static readonly Argument<string[]> Paths = new("paths")
    {
        Description = "Message files, folders (walked recursively), Maildir folders (cur/ and new/) or mbox files; '-' or nothing reads one message from stdin.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static readonly Option<string[]> Recipient = new("--recipient")
    {
        Description = "The envelope recipient as the mail server saw it (e.g. support+<uuid>@example.com). Repeatable.",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<bool> Json = new("--json") { Description = "Print one JSON object per message (the batch summary goes to stderr)." };

    public static readonly Option<bool> DryRun = new("--dry-run") { Description = "Parse and route, print the decision, write nothing." };

    public static readonly Option<bool> Explain = new("--explain")
    {
        Description = "Say why: the routing steps, the automatic-mail and sender verdicts, the trimmed reply and the attachments. With --json, adds a 'trace' array.",
    };

    public static readonly Option<int> BatchSize = new("--batch-size")
    {
        Description = "In a batch, messages per transaction (group commit; default 100). 1 commits each message alone.",
        DefaultValueFactory = _ => 100,
    };

    public static Command Create()
    {
        var command = new Command("process", """
            Turn raw email into tickets and replies.

            One message on stdin prints one line and no summary (what the mail server's wrapper expects).
            Anything else is a batch: one line per message, then a summary on stderr; it keeps going after a
            failed message and exits with the worst failure's code. Ctrl-C stops after the current message (exit 75).

            Examples:
              ticketmail process < message.eml
              ticketmail process --recipient support+<uuid>@example.com < reply.eml
              ticketmail process ~/Maildir archive.mbox old-mail/ --json > results.jsonl
              ticketmail process --dry-run --explain message.eml
            """)
        {
            Paths, Recipient, Json, DryRun, Explain, BatchSize,
        };
        command.Aliases.Add("ticket:process-email");
        CommandRunner.SetAction(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var parse = context.Parse;
        var paths = parse.GetValue(Paths) is { Length: > 0 } given ? given : ["-"];
        if (paths.FirstOrDefault(p => p.Length > 1 && p[0] == '-') is { } unknown)
        {
            throw new UsageException($"unknown option '{unknown}'; see 'ticketmail process --help'");
        }

        var batchSize = parse.GetValue(BatchSize);
        if (batchSize < 1)
        {
            throw new UsageException($"--batch-size must be at least 1, not {batchSize}");
        }

        var options = new RunOptions(parse.GetValue(Recipient) ?? [], parse.GetValue(Json), parse.GetValue(DryRun), parse.GetValue(Explain), batchSize);
        await using var store = new StoreSession(context.Config);
        store.OpenInBackground();
        var processor = new MessageProcessor(context.Config, store, context.Clock, context.IO, context.Verbose)
        {
            Acknowledger = Acknowledger.From(context.Config, context.Clock),
            Webhooks = Webhooks.WebhookSender.For(context.Config, context.Clock),
        };
        using var stop = new StopSignal();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stop.Abort);

        // The mail server's wrapper and Laravel callers expect exactly one line: no summary, no progress.
        if (paths is ["-"])
        {
            var item = new BatchItem("stdin", context.IO.OpenInput);
            var result = await ProcessOneAsync(context, processor, item, options, abort.Token);
            context.IO.Out.WriteLine(Format(result, options));
            return result.ExitCode;
        }

        return await RunBatchAsync(context, processor, store, paths, options, stop, abort.Token);
    }

    private static async Task<int> RunBatchAsync(
        CommandContext context, MessageProcessor processor, StoreSession store, string[] paths, RunOptions options, StopSignal stop, CancellationToken cancellationToken)
    {
        // The per-message lines already say what happened: in a batch, stderr logs only warnings (all with --verbose).
        LogSetup.Configure(context.Config.LogFile, context.Verbose, quiet: true);
        var importer = new BatchImporter(context, processor, store, new ImportOptions(options.Recipients, options.DryRun, options.BatchSize), r => Format(r, options))
        {
            ProcessOne = (item, progress, ct) => ProcessOneAsync(context, processor, item, options, ct, progress),
        };
        return await importer.RunAsync(paths, stop, cancellationToken);
    }

    private static string Format(ProcessResult result, RunOptions options) => options.Json
        ? ResultWriter.Json(result, options.Explain)
        : options.Explain ? ExplainWriter.Human(result) : ResultWriter.Human(result);

    private static async Task<ProcessResult> ProcessOneAsync(
        CommandContext context, MessageProcessor processor, BatchItem item, RunOptions options, CancellationToken cancellationToken, ProgressLine? progress = null)
    {
        try
        {
            if (item.File is { } file && !options.DryRun)
            {
                // A message file is its own durable copy: read in place; copied to the spool only if kept aside.
                return await processor.ProcessFileAsync(file, item.Source, options.Recipients, attempts: 1, cancellationToken);
            }

            // Anything else (stdin, an mbox slice) is spooled before anything else, and kept until the database holds it.
            await using var input = item.Open();
            return await processor.ProcessAsync(item.Source, input, options.Recipients, options.DryRun, cancellationToken, item.EnvelopeSender);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Failed(context, item.Source, ex, progress) with { DryRun = options.DryRun };
        }
        catch (OperationCanceledException ex)
        {
            // A second Ctrl-C: this message is abandoned (nothing half-stored: its transaction did not commit).
            return Failed(context, item.Source, ex, progress) with { DryRun = options.DryRun };
        }
    }

    /// <summary>A message that failed outside any handled outcome: its one line on stderr, and its result.</summary>
    internal static ProcessResult Failed(CommandContext context, string source, Exception ex, ProgressLine? progress)
    {
        progress?.Clear();
        var code = ErrorHandler.Report(ex, context.IO, context.Verbose);
        return new ProcessResult(source, null, null, code) { Error = ErrorHandler.Describe(ex).Message };
    }

    private sealed record RunOptions(IReadOnlyList<string> Recipients, bool Json, bool DryRun, bool Explain, int BatchSize);
}
