using System.CommandLine;
using Serilog;
using TicketMail.Cli.Configuration;
using TicketMail.Cli.Infrastructure;

namespace TicketMail.Cli.Commands;

/// <summary>
/// Runs a command's body inside the one front door: configuration and logging are set up, every
/// exception becomes an exit code and one line on stderr, and the log is flushed whatever happens.
/// </summary>
public static class CommandRunner
{
    /// <summary>The console the commands use; tests swap it for strings.</summary>
    public static ConsoleIO IO { get; set; } = ConsoleIO.System();

    /// <summary>Where settings not given on the command line come from; tests pass their own.</summary>
    public static Func<string, string?> Environment { get; set; } = System.Environment.GetEnvironmentVariable;

    public static void SetAction(Command command, Func<CommandContext, CancellationToken, Task<int>> body, bool quietLog = false) =>
        command.SetAction((parse, cancellationToken) => RunAsync(parse, body, quietLog, cancellationToken));

    public static async Task<int> RunAsync(ParseResult parse, Func<CommandContext, CancellationToken, Task<int>> body, bool quietLog, CancellationToken cancellationToken)
    {
        var io = IO;
        var verbose = parse.GetValue(GlobalOptions.Verbose);
        try
        {
            var settings = SettingsLoader.Load(parse, Environment);
            var config = AppConfig.From(settings);
            LogSetup.Configure(config.LogFile, verbose, quietLog);
            if (verbose)
            {
                PhaseTimer.Enable();
            }

            PhaseTimer.Mark("config");
            return await body(new CommandContext(parse, io, config), cancellationToken);
        }
        catch (Exception ex)
        {
            return ErrorHandler.Report(ex, io, verbose);
        }
        finally
        {
            PhaseTimer.Mark("output");
            if (PhaseTimer.Summary() is { } phases)
            {
                Log.Debug("Phases (ms): {Phases}", phases);
            }

            await Log.CloseAndFlushAsync();
        }
    }
}
