using TicketMail.Cli.Infrastructure;

namespace TicketMail.Cli.Configuration;

/// <summary>
/// Reads a Laravel .env file and translates what TicketMail needs into its own setting names, so a site
/// that switches from 'php artisan ticket:process-email' needs no new configuration.
/// </summary>
public static class LaravelEnv
{
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigException($".env file {path} does not exist; check --env-file or TICKETMAIL_ENV_FILE");
        }

        return Translate(Parse(File.ReadAllLines(path)));
    }

    public static Dictionary<string, string> Parse(IEnumerable<string> lines)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line[7..].TrimStart();
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var key = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }
            else if (value.IndexOf(" #", StringComparison.Ordinal) is var hash and >= 0)
            {
                value = value[..hash].TrimEnd();
            }

            values[key] = value;
        }

        return values;
    }

    public static Dictionary<string, string> Translate(IReadOnlyDictionary<string, string> env)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Get(string key) => env.TryGetValue(key, out var v) && v.Length > 0 ? v : null;

        switch (Get("DB_CONNECTION")?.ToLowerInvariant())
        {
            case "pgsql":
                var parts = new List<string> { $"Host={Get("DB_HOST") ?? "127.0.0.1"}", $"Port={Get("DB_PORT") ?? "5432"}" };
                if (Get("DB_DATABASE") is { } database)
                {
                    parts.Add($"Database={database}");
                }

                if (Get("DB_USERNAME") is { } user)
                {
                    parts.Add($"Username={user}");
                }

                if (Get("DB_PASSWORD") is { } password)
                {
                    parts.Add($"Password={password}");
                }

                result[SettingNames.Db] = string.Join(';', parts);
                break;
            case "sqlite" when Get("DB_DATABASE") is { } file:
                result[SettingNames.Db] = file;
                break;
        }

        if (Get("MAIL_SUPPORT_DOMAIN") is { } domain)
        {
            result[SettingNames.LaravelSupportDomain] = domain;
        }

        if (SmtpUrl(Get) is { } smtp)
        {
            result[SettingNames.Smtp] = smtp;
        }

        foreach (var key in new[] { "MAIL_FROM_ADDRESS", "MAIL_FROM_NAME", "MAIL_MAILER", "MAIL_HOST", "MAIL_PORT", "MAIL_USERNAME", "MAIL_PASSWORD" })
        {
            if (Get(key) is { } value)
            {
                result[key] = value;
            }
        }

        return result;
    }

    /// <summary>
    /// Laravel's SMTP mailer as TICKETMAIL_SMTP: MAIL_MAILER=smtp with MAIL_HOST and MAIL_PORT (and MAIL_USERNAME,
    /// MAIL_PASSWORD); MAIL_SCHEME=smtps or MAIL_ENCRYPTION=ssl means TLS from the first byte.
    /// </summary>
    private static string? SmtpUrl(Func<string, string?> get)
    {
        if (!string.Equals(get("MAIL_MAILER"), "smtp", StringComparison.OrdinalIgnoreCase) || get("MAIL_HOST") is not { } host)
        {
            return null;
        }

        var tls = string.Equals(get("MAIL_SCHEME"), "smtps", StringComparison.OrdinalIgnoreCase)
            || string.Equals(get("MAIL_ENCRYPTION"), "ssl", StringComparison.OrdinalIgnoreCase);
        var port = get("MAIL_PORT") ?? (tls ? "465" : "25");
        var credentials = get("MAIL_USERNAME") is { } user && !string.Equals(user, "null", StringComparison.OrdinalIgnoreCase)
            ? Uri.EscapeDataString(user) + (get("MAIL_PASSWORD") is { } password && password != "null" ? ":" + Uri.EscapeDataString(password) : "") + "@"
            : "";
        return $"{(tls ? "smtps" : "smtp")}://{credentials}{host}:{port}";
    }
}
