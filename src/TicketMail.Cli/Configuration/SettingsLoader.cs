using System.CommandLine;
using TicketMail.Cli.Commands;

namespace TicketMail.Cli.Configuration;

/// <summary>Gathers settings from the command line, the environment, a Laravel .env file and the JSON config file.</summary>
public static class SettingsLoader
{
    public static Settings Load(ParseResult parse, Func<string, string?> environment)
    {
        var commandLine = new Dictionary<string, string>(StringComparer.Ordinal);
        if (parse.GetValue(GlobalOptions.Db) is { Length: > 0 } db)
        {
            commandLine[SettingNames.Db] = db;
        }

        var (file, path) = Settings.ReadConfigFile(parse.GetValue(GlobalOptions.Config));
        var envFilePath = parse.GetValue(GlobalOptions.EnvFile) ?? environment(SettingNames.EnvFile);
        var envFile = envFilePath is { Length: > 0 } ? LaravelEnv.Read(envFilePath) : new Dictionary<string, string>();
        return new Settings(commandLine, environment, envFile, file, path);
    }
}
