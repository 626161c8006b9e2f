namespace TicketMail.Cli.Infrastructure;

/// <summary>A failure with its exit code and a one-line message that says what to do.</summary>
public class CliException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}

public sealed class ConfigException(string message) : CliException(ExitCodes.Config, message);

public sealed class UsageException(string message) : CliException(ExitCodes.Usage, message);
