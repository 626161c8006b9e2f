using Serilog;
using TicketMail.Core.Mail;
using TicketMail.Data;

namespace TicketMail.Cli.Infrastructure;

/// <summary>The one front door for failures: maps each exception to an exit code and one line on stderr.</summary>
public static class ErrorHandler
{
    public static (int ExitCode, string Message) Describe(Exception ex) => ex switch
    {
        CliException cli => (cli.ExitCode, cli.Message),
        UnusableMessageException bad => (ExitCodes.DataError, $"not a usable message: {bad.Message}; check the input, nothing was stored"),
        StoreUnavailableException { Permission: true } denied => (ExitCodes.NoPermission, $"permission denied by the database: {denied.Message}; fix the database user's rights (see 'ticketmail doctor'); mail that arrives meanwhile is spooled for 'ticketmail spool retry'"),
        StoreUnavailableException down => (ExitCodes.TempFail, $"database unavailable: {down.Message}; start it (or fix TICKETMAIL_DB) and run the command again; mail that arrives meanwhile is spooled for 'ticketmail spool retry'"),
        StoreSchemaException schema => (ExitCodes.Config, $"database not ready: {schema.Message}; run 'ticketmail db migrate'"),
        StoreRejectedException rejected => (ExitCodes.TempFail, $"the database refused the message: {rejected.Message}; it is kept and retried, and quarantined as unstorable if it keeps failing"),
        // A provider error that escaped its store's mapping still means the database, not a bug of ours.
        System.Data.Common.DbException db => (ExitCodes.TempFail, $"database error: {db.Message}; the message is kept, run 'ticketmail spool retry' later"),
        StoreConflictException conflict => (ExitCodes.TempFail, $"kept losing a race with another process: {conflict.Message}; retry later"),
        FileNotFoundException missing => (ExitCodes.NoInput, $"no such file: {missing.FileName ?? missing.Message}"),
        DirectoryNotFoundException dir => (ExitCodes.NoInput, $"no such folder: {dir.Message}"),
        IOException full when SpoolDisk.IsFull(full) => (ExitCodes.TempFail, $"no space left: {full.Message}; free disk space, nothing was lost"),
        _ when ReadOnlySqlite(ex) is { } readOnly => (ExitCodes.IoError,
            $"permission denied: the SQLite database is read-only for {Environment.UserName} ({readOnly.Message}); give the file and its folder to this user (chown -R {Environment.UserName}: FOLDER) and see 'ticketmail doctor'"),
        UnauthorizedAccessException denied => (ExitCodes.IoError, $"permission denied: {denied.Message}; check the owner and mode of the file or folder"),
        IOException io => (ExitCodes.IoError, $"I/O error: {io.Message}"),
        OperationCanceledException => (ExitCodes.TempFail, "interrupted; run the command again"),
        _ => (ExitCodes.Software, $"internal error: {ex.GetType().Name}: {ex.Message}; run again with --verbose and report it"),
    };

    /// <summary>Prints the failure as one line (the stack trace only with --verbose) and returns its exit code.</summary>
    public static int Report(Exception ex, ConsoleIO io, bool verbose)
    {
        var (code, message) = Describe(ex);
        io.Error.WriteLine($"ticketmail: {OneLine(message)}");
        if (verbose)
        {
            io.Error.WriteLine(ex.ToString());
        }

        Log.ForContext(LogSetup.FileOnly, true).Error(ex, "Failed with exit {ExitCode}: {Reason}", code, OneLine(message));
        return code;
    }

    public static string OneLine(string text) => text.ReplaceLineEndings(" ");

    /// <summary>SQLITE_READONLY (8), e.g. a database file or folder owned by root: a permission problem, not a bug.</summary>
    private static Microsoft.Data.Sqlite.SqliteException? ReadOnlySqlite(Exception ex) =>
        (ex as Microsoft.Data.Sqlite.SqliteException ?? ex.InnerException as Microsoft.Data.Sqlite.SqliteException) is { SqliteErrorCode: 8 } sqlite ? sqlite : null;
}
