using System.CommandLine;
using TicketMail.Cli.Infrastructure;
using TicketMail.Cli.Output;
using TicketMail.Cli.Processing;

namespace TicketMail.Cli.Commands;

/// <summary>
/// ticketmail process [FILE|-]...: one raw message from stdin, or one from each FILE. Also answers to
/// ticket:process-email, so a wrapper written for artisan only swaps the program.
/// </summary>
public static class ProcessCommand
{
    public static readonly Argument<string[]> Paths = new("paths")
    {
        Description = "Message files to process; '-' or nothing reads one message from stdin.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static readonly Option<string[]> Recipient = new("--recipient")
    {
        Description = "The envelope recipient as the mail server saw it (e.g. support+<uuid>@example.com). Repeatable.",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<bool> Json = new("--json") { Description = "Print one JSON object per message." };

    public static readonly Option<bool> DryRun = new("--dry-run") { Description = "Parse and route, print the decision, write nothing." };

    public static Command Create()
    {
        var command = new Command("process", "Turn raw email into tickets and replies.")
        {
            Paths, Recipient, Json, DryRun,
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

        var recipients = parse.GetValue(Recipient) ?? [];
        var json = parse.GetValue(Json);
        var dryRun = parse.GetValue(DryRun);

        await using var store = new StoreSession(context.Config);
        var processor = new MessageProcessor(context.Config, store, context.Clock, context.IO, context.Verbose);
        var exit = ExitCodes.Ok;
        foreach (var path in paths)
        {
            var result = await ProcessOneAsync(context, processor, path, recipients, dryRun, cancellationToken);
            context.IO.Out.WriteLine(json ? ResultWriter.Json(result) : ResultWriter.Human(result));
            exit = ExitCodes.Worst(exit, result.ExitCode);
        }

        return exit;
    }

    private static async Task<ProcessResult> ProcessOneAsync(
        CommandContext context, MessageProcessor processor, string path, IReadOnlyList<string> recipients, bool dryRun, CancellationToken cancellationToken)
    {
        var source = path == "-" ? "stdin" : path;
        try
        {
            // The processor spools the input before anything else, and keeps it until the database holds it.
            await using var input = path == "-" ? context.IO.OpenInput() : File.OpenRead(path);
            return await processor.ProcessAsync(source, input, recipients, dryRun, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var code = ErrorHandler.Report(ex, context.IO, context.Verbose);
            return new ProcessResult(source, null, null, code) { Error = ErrorHandler.Describe(ex).Message };
        }
    }
}
