using TicketMail.Cli.Infrastructure;
using TicketMail.Data.Postgres;

namespace TicketMail.Cli.Configuration;

public enum StoreProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which database, decided by the form of TICKETMAIL_DB: a path or Data Source=... is SQLite, Host=... or a URL is PostgreSQL.</summary>
public sealed record StoreTarget(StoreProvider Provider, string ConnectionString, string Display)
{
    public static StoreTarget Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            var path = DefaultSqlitePath();
            return new StoreTarget(StoreProvider.Sqlite, $"Data Source={path}", path);
        }

        value = value.Trim();
        if (PostgresUrl.IsUrl(value) || HasKey(value, "host") || HasKey(value, "server"))
        {
            return new StoreTarget(StoreProvider.Postgres, value, Redact(value));
        }

        if (HasKey(value, "data source") || HasKey(value, "datasource") || HasKey(value, "filename"))
        {
            return new StoreTarget(StoreProvider.Sqlite, value, value);
        }

        if (value.Contains('=', StringComparison.Ordinal) && value.Contains(';', StringComparison.Ordinal))
        {
            throw new ConfigException($"TICKETMAIL_DB '{Redact(value)}' is neither a SQLite path nor a PostgreSQL connection string (Host=...)");
        }

        return new StoreTarget(StoreProvider.Sqlite, $"Data Source={value}", value);
    }

    /// <summary>~/.local/share/ticketmail/tickets.db, or /var/lib/ticketmail when the user has no home (vmail).</summary>
    public static string DefaultSqlitePath()
    {
        var data = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(data))
        {
            var home = Environment.GetEnvironmentVariable("HOME");
            data = string.IsNullOrEmpty(home) || home == "/" ? "/var/lib" : Path.Combine(home, ".local", "share");
        }

        return Path.Combine(data, "ticketmail", "tickets.db");
    }

    private static bool HasKey(string value, string key) =>
        value.Split(';').Any(part => part.Split('=')[0].Trim().Equals(key, StringComparison.OrdinalIgnoreCase) && part.Contains('=', StringComparison.Ordinal));

    /// <summary>Connection strings carry passwords; never print one.</summary>
    public static string Redact(string value)
    {
        if (PostgresUrl.IsUrl(value) && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            return value.Replace(uri.UserInfo, uri.UserInfo.Split(':')[0] + ":***", StringComparison.Ordinal);
        }

        return string.Join(';', value.Split(';').Select(part =>
            part.Split('=')[0].Trim().Equals("password", StringComparison.OrdinalIgnoreCase) ? "Password=***" : part));
    }
}
