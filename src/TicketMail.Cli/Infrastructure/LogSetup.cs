using Serilog;
using Serilog.Events;
using Serilog.Filters;

namespace TicketMail.Cli.Infrastructure;

/// <summary>
/// Serilog, configured in code (no settings by reflection). Events go to stderr and, when TICKETMAIL_LOG
/// names a file, to that file; never to stdout, which carries results.
/// </summary>
public static class LogSetup
{
    /// <summary>Events with this property skip stderr: a failure already printed its one line there.</summary>
    public const string FileOnly = "FileOnly";

    public static void Configure(string? logFile, bool verbose, bool quiet)
    {
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(verbose ? LogEventLevel.Debug : LogEventLevel.Information)
            .WriteTo.Logger(console => console
                .Filter.ByExcluding(Matching.WithProperty(FileOnly))
                .MinimumLevel.Is(quiet ? LogEventLevel.Warning : verbose ? LogEventLevel.Debug : LogEventLevel.Information)
                .WriteTo.Console(
                    new SafeLogFormatter("[{Level:u3}] {Message:lj}{NewLine}"),
                    standardErrorFromLevel: LogEventLevel.Verbose));

        if (!string.IsNullOrEmpty(logFile))
        {
            config = config.WriteTo.File(
                new SafeLogFormatter("{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} [{Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}"),
                logFile,
                // One process per message, plus the retry timer: several write the same file at once.
                shared: true);
        }

        Log.Logger = config.CreateLogger();
    }
}
