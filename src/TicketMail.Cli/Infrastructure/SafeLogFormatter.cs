using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;
using TicketMail.Cli.Output;

namespace TicketMail.Cli.Infrastructure;

/// <summary>
/// A log line carries subjects, addresses and file names from the message as they were sent: rendered with the
/// template, then filtered like stdout, so no control sequence reaches a terminal that tails the log.
/// </summary>
public sealed class SafeLogFormatter(string outputTemplate) : ITextFormatter
{
    private readonly MessageTemplateTextFormatter _inner = new(outputTemplate, System.Globalization.CultureInfo.InvariantCulture);

    public void Format(LogEvent logEvent, TextWriter output)
    {
        using var line = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        _inner.Format(logEvent, line);
        output.Write(SafeText.Block(line.ToString()));
    }
}
