using System.Net.Sockets;
using TicketMail.Cli.Acknowledgements;
using TicketMail.Cli.Configuration;
using TicketMail.Cli.Infrastructure;
using TicketMail.Data;
using TicketMail.Data.Postgres;
using TicketMail.Data.Sqlite;

namespace TicketMail.Cli.Doctor;

/// <summary>The checks 'ticketmail doctor' runs, in order. Each reads only; none changes the installation.</summary>
public static class DoctorChecks
{
    /// <summary>Where deploy/install.sh installs the wrapper (Dovecot's sieve_pipe_bin_dir) and the global Sieve script by default.</summary>
    public const string DefaultWrapper = "/opt/ticketmail/sieve-pipe/ticketmail-pipe";
    public const string DefaultSieveScript = "/etc/dovecot/sieve/ticketmail.sieve";
    public const string WrapperSetting = "TICKETMAIL_WRAPPER";
    public const string SieveScriptSetting = "TICKETMAIL_SIEVE_SCRIPT";

    /// <summary>"lmtp" (Dovecot LMTP and the global Sieve script run the wrapper, the default) or "pipe" (Postfix pipe(8) runs it).</summary>
    public const string TransportSetting = "TICKETMAIL_TRANSPORT";

    private static readonly string[] MailServers = ["/usr/sbin/postfix", "/usr/sbin/dovecot"];

    public static Check Configuration(AppConfig config)
    {
        var settings = config.Settings;
        var file = settings.ConfigFile ?? "no config file";
        var envFile = settings.SourceOf(SettingNames.Db) == ".env file" || settings.SourceOf(SettingNames.LaravelSupportDomain) == ".env file" ? ", Laravel .env read" : "";
        if (!config.Support.IsConfigured)
        {
            return Check.Warn("configuration", $"{file}{envFile}; no support address, so any local part and domain count as ours",
                $"set {SettingNames.SupportAddress}=support@your.domain (or MAIL_SUPPORT_DOMAIN in the Laravel .env)");
        }

        var source = settings.Get(SettingNames.SupportAddress) is { Length: > 0 }
            ? settings.SourceOf(SettingNames.SupportAddress)
            : settings.SourceOf(SettingNames.LaravelSupportDomain) + " (MAIL_SUPPORT_DOMAIN)";
        var addresses = config.Addresses.Entries.Count > 1 ? $"support addresses {config.Addresses.Display}" : $"support address {config.Support.Address}";
        return Check.Ok("configuration", $"{file}{envFile}; {addresses} from {source}");
    }

    public static async Task<Check> DatabaseAsync(AppConfig config, CancellationToken cancellationToken)
    {
        var target = config.Store;
        var name = $"{target.Provider.ToString().ToLowerInvariant()} {target.Display} (from {config.Settings.SourceOf(SettingNames.Db)})";
        var file = target.Provider == StoreProvider.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(target.ConnectionString).DataSource
            : null;
        if (file is not null && SqliteFileCheck.Problem(file, name) is { } problem)
        {
            return problem;
        }

        if (file is not null && !File.Exists(file))
        {
            return Check.Warn("database", $"{name} does not exist yet; {DeliveryUser.Current} can create it",
                $"run 'ticketmail db migrate' as {DeliveryUser.Current} now (or it is created on the first message)");
        }

        try
        {
            await using ITicketStore store = target.Provider == StoreProvider.Postgres
                ? PostgresStore.Open(target.ConnectionString, config.DbTimeout)
                : SqliteStore.Open(target.ConnectionString, config.DbTimeout);
            var pending = await store.PendingMigrationsAsync(cancellationToken);
            return pending.Count == 0
                ? Check.Ok("database", $"{name} is reachable and its schema is up to date")
                : Check.Fail("database", $"{name} lacks {pending.Count} migration(s): {string.Join(", ", pending)}", "run 'ticketmail db migrate'", ExitCodes.Config);
        }
        catch (StoreUnavailableException ex)
        {
            return Check.Fail("database", $"{name} is unreachable: {ex.Message}", "start the database server, or check TICKETMAIL_DB / DB_HOST and the password", ExitCodes.TempFail);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever the provider threw (a read-only SQLite file is a plain SqliteException): a set-up problem, never a crash.
            return Check.Fail("database", $"{name} cannot be used: {ErrorHandler.OneLine(ex.Message)}",
                $"check that {DeliveryUser.Current} owns the database file and its folder, then run 'ticketmail db migrate'", ExitCodes.Config);
        }
    }

    /// <summary>Run by root without --as: every probe succeeds for root, so say whom the checks are for.</summary>
    public static Check? AsRoot(string? asUser) =>
        DeliveryUser.IsRoot && asUser is null
            ? Check.Warn("user", "checked as root, who can write anywhere; the mail server runs ticketmail as another user",
                "ticketmail doctor --as vmail (the user that deploy/install.sh set up)")
            : null;

    public static IEnumerable<Check> MailServer(AppConfig config)
    {
        // A wrapper path set on purpose means this host delivers mail to ticketmail, whatever the MTA's path.
        var server = MailServers.FirstOrDefault(File.Exists)
            ?? (config.Settings.Get(WrapperSetting) is { Length: > 0 } ? $"{WrapperSetting} is set, so a mail server" : null);
        if (server is null)
        {
            yield return Check.Warn("mail server", "no Postfix or Dovecot on this host; wrapper and Sieve checks skipped",
                "nothing to do if mail is delivered on another host that runs ticketmail");
            yield break;
        }

        var wrapper = config.Settings.Get(WrapperSetting) is { Length: > 0 } w ? w : DefaultWrapper;
        if (!File.Exists(wrapper))
        {
            yield return Check.Fail("wrapper", $"{server} is installed but {wrapper} is missing", "install it with the deploy script (deploy/install.sh) into Dovecot's sieve_pipe_bin_dir", ExitCodes.Config);
        }
        else if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(wrapper) & UnixFileMode.OtherExecute) == 0 && (File.GetUnixFileMode(wrapper) & UnixFileMode.UserExecute) == 0)
        {
            yield return Check.Fail("wrapper", $"{wrapper} is not executable", $"chmod 0755 {wrapper}", ExitCodes.Config);
        }
        else
        {
            yield return Check.Ok("wrapper", $"{wrapper} is installed");
        }

        if (string.Equals(config.Settings.Get(TransportSetting), "pipe", StringComparison.OrdinalIgnoreCase))
        {
            // install.sh --transport pipe: no Dovecot and no Sieve on the delivery path, so a missing script is no fault.
            yield return Check.Ok("sieve", $"not used: {TransportSetting} is pipe (Postfix's pipe(8) runs the wrapper)");
            yield break;
        }

        var sieve = config.Settings.Get(SieveScriptSetting) is { Length: > 0 } s ? s : DefaultSieveScript;
        var compiled = Path.ChangeExtension(sieve, ".svbin");
        if (!File.Exists(sieve))
        {
            yield return Check.Fail("sieve", $"{sieve} is missing", "install the global Sieve script with the deploy script and compile it with sievec", ExitCodes.Config);
        }
        else if (!File.Exists(compiled) || File.GetLastWriteTimeUtc(compiled) < File.GetLastWriteTimeUtc(sieve))
        {
            yield return Check.Fail("sieve", $"{sieve} is not compiled or {Path.GetFileName(compiled)} is older than it", $"sievec {sieve}", ExitCodes.Config);
        }
        else
        {
            yield return Check.Ok("sieve", $"{sieve} is installed and compiled");
        }
    }

    public static async Task<Check> SmtpAsync(AppConfig config, CancellationToken cancellationToken)
    {
        AckSettings? ack;
        try
        {
            ack = AckSettings.From(config);
        }
        catch (ConfigException ex)
        {
            return Check.Fail("acknowledgements", ex.Message, "fix the setting named above", ExitCodes.Config);
        }

        if (ack is null)
        {
            return Check.Ok("acknowledgements", $"off ({SettingNames.Smtp} is not set)");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(ack.Smtp.Host, ack.Smtp.Port, timeout.Token);
            return Check.Ok("acknowledgements", $"on; SMTP {ack.Smtp.Display} (from {config.Settings.SourceOf(SettingNames.Smtp)}) accepts connections; at most {ack.DailyLimit} per sender per day");
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            var why = ex is OperationCanceledException ? "no answer within 5 s" : ex.Message;
            return Check.Fail("acknowledgements", $"SMTP {ack.Smtp.Display} is unreachable: {why}",
                $"start the mail server or fix {SettingNames.Smtp}; acknowledgements wait in the outbox ('ticketmail outbox flush')", ExitCodes.TempFail);
        }
    }
}
