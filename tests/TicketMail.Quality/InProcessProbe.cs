using System.Text;
using System.Text.Json.Nodes;
using TicketMail.Cli.Commands;
using TicketMail.Cli.Infrastructure;

namespace TicketMail.Quality;

/// <summary>
/// Runs the product's own command tree in this process (`db migrate`, then `process --dry-run --json FOLDER`),
/// with the console and environment behind CommandRunner's seams. Same code as the CLI, without a JIT start
/// per file: this is what the ratchet test uses.
/// </summary>
public sealed class InProcessProbe : IMailProbe
{
    public string Describe => "in-process (the CLI's command tree, ticketmail process --dry-run --json)";

    public IReadOnlyDictionary<string, JsonObject> Run(IReadOnlyList<ProbeInput> inputs)
    {
        using var folder = new ProbeFolder(inputs);
        var environment = folder.Environment;
        var previousIO = CommandRunner.IO;
        var previousEnvironment = CommandRunner.Environment;
        var output = new StringWriter(new StringBuilder());
        try
        {
            CommandRunner.Environment = name => environment.TryGetValue(name, out var value) ? value : null;
            CommandRunner.IO = new ConsoleIO(() => Stream.Null, TextWriter.Null, TextWriter.Null, false, false);
            Invoke("db", "migrate", "--config", folder.Config);
            CommandRunner.IO = new ConsoleIO(() => Stream.Null, output, TextWriter.Null, false, false);
            Invoke("process", "--dry-run", "--json", "--config", folder.Config, folder.Mail);
        }
        finally
        {
            CommandRunner.IO = previousIO;
            CommandRunner.Environment = previousEnvironment;
        }

        return folder.Collect(output.ToString().Split('\n'));
    }

    private static void Invoke(params string[] args)
    {
        var parse = RootCommandFactory.Create().Parse(args);
        if (parse.Errors.Count > 0)
        {
            throw new InvalidOperationException($"ticketmail {string.Join(' ', args)}: {parse.Errors[0].Message}");
        }

        var code = parse.InvokeAsync(new System.CommandLine.InvocationConfiguration { ProcessTerminationTimeout = null }).GetAwaiter().GetResult();
        if (args[0] == "db" && code != ExitCodes.Ok)
        {
            throw new InvalidOperationException($"ticketmail db migrate exited {code}");
        }
    }
}
