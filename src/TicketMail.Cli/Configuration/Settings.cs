using System.Text.Json;
using TicketMail.Cli.Infrastructure;

namespace TicketMail.Cli.Configuration;

/// <summary>
/// Raw settings by name (TICKETMAIL_DB, ...), looked up in order: command line, environment, a Laravel
/// .env file when one is given, then the JSON config file. Each value remembers where it came from, for doctor.
/// </summary>
public sealed class Settings
{
    public const string DefaultConfigFile = "/etc/ticketmail/ticketmail.json";

    private readonly IReadOnlyDictionary<string, string> _commandLine;
    private readonly Func<string, string?> _environment;
    private readonly IReadOnlyDictionary<string, string> _envFile;
    private readonly IReadOnlyDictionary<string, string> _file;

    public Settings(
        IReadOnlyDictionary<string, string> commandLine,
        Func<string, string?> environment,
        IReadOnlyDictionary<string, string> envFile,
        IReadOnlyDictionary<string, string> file,
        string? configFile)
    {
        _commandLine = commandLine;
        _environment = environment;
        _envFile = envFile;
        _file = file;
        ConfigFile = configFile;
    }

    /// <summary>The JSON file that was read, or null when there was none.</summary>
    public string? ConfigFile { get; }

    public string? Get(string name) => Lookup(name).Value;

    /// <summary>"command line", "environment", ".env file", the config file's path, or "default".</summary>
    public string SourceOf(string name) => Lookup(name).Source;

    private (string? Value, string Source) Lookup(string name)
    {
        if (_commandLine.TryGetValue(name, out var cli) && !string.IsNullOrEmpty(cli))
        {
            return (cli, "command line");
        }

        if (_environment(name) is { Length: > 0 } env)
        {
            return (env, "environment");
        }

        if (_envFile.TryGetValue(name, out var dotEnv) && !string.IsNullOrEmpty(dotEnv))
        {
            return (dotEnv, ".env file");
        }

        if (_file.TryGetValue(name, out var fromFile) && !string.IsNullOrEmpty(fromFile))
        {
            return (fromFile, ConfigFile ?? "config file");
        }

        return (null, "default");
    }

    /// <summary>
    /// Reads the JSON config file: one object whose keys are the setting names, e.g.
    /// {"TICKETMAIL_DB": "Host=db;Database=tickets", "TICKETMAIL_SUPPORT_ADDRESS": "support@example.com"}.
    /// An explicit --config must exist; the default file is optional.
    /// </summary>
    public static (IReadOnlyDictionary<string, string> Values, string? Path) ReadConfigFile(string? explicitPath)
    {
        var path = explicitPath ?? DefaultConfigFile;
        if (!File.Exists(path))
        {
            if (explicitPath is not null)
            {
                throw new ConfigException($"config file {explicitPath} does not exist; check --config");
            }

            return (new Dictionary<string, string>(), null);
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                values[property.Name] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString() ?? ""
                    : property.Value.GetRawText();
            }

            return (values, path);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new ConfigException($"config file {path} is not a JSON object of settings ({ex.Message}); fix or remove it");
        }
        catch (UnauthorizedAccessException)
        {
            throw new ConfigException($"config file {path} is not readable by this user; check its group and mode (0640)");
        }
    }
}
