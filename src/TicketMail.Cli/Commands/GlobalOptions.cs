using System.CommandLine;

namespace TicketMail.Cli.Commands;

/// <summary>Options every command takes. Recursive, so they may stand before or after the command name.</summary>
public static class GlobalOptions
{
    public static readonly Option<string?> Db = new("--db")
    {
        Description = "Database: a SQLite file path, or a PostgreSQL connection string (Host=...) or postgres:// URL. Overrides TICKETMAIL_DB.",
        Recursive = true,
    };

    public static readonly Option<string?> Config = new("--config")
    {
        Description = $"JSON config file (default {Configuration.Settings.DefaultConfigFile}, when it exists).",
        Recursive = true,
    };

    public static readonly Option<string?> EnvFile = new("--env-file")
    {
        Description = "A Laravel .env file to read DB_* and MAIL_* settings from. Overrides TICKETMAIL_ENV_FILE.",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Debug logging on stderr, timing of each phase, and stack traces on failure.",
        Recursive = true,
    };

    public static void AddTo(RootCommand root)
    {
        root.Options.Add(Db);
        root.Options.Add(Config);
        root.Options.Add(EnvFile);
        root.Options.Add(Verbose);
    }
}
