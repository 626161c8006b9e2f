namespace TicketMail.Cli.Infrastructure;

/// <summary>The process's standard streams, behind a seam so tests can feed strings and read output.</summary>
public sealed class ConsoleIO(Func<Stream> openInput, TextWriter output, TextWriter error, bool outputIsTerminal, bool errorIsTerminal)
{
    public Stream OpenInput() => openInput();
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;
    public bool OutputIsTerminal { get; } = outputIsTerminal;
    public bool ErrorIsTerminal { get; } = errorIsTerminal;

    /// <summary>A person at a keyboard: destructive commands then want --yes.</summary>
    public bool InputIsTerminal { get; init; }

    /// <summary>Colour only on a terminal, and never when NO_COLOR is set.</summary>
    public bool UseColour => OutputIsTerminal && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    public static ConsoleIO System() => new(
        Console.OpenStandardInput,
        new Output.SafeTextWriter(Console.Out),
        new Output.SafeTextWriter(Console.Error),
        !Console.IsOutputRedirected,
        !Console.IsErrorRedirected)
    {
        InputIsTerminal = !Console.IsInputRedirected,
    };
}
