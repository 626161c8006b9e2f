using TicketMail.Cli.Commands;
using TicketMail.Cli.Infrastructure;

// Objects are wired by hand in each command: no container, nothing built that the command does not use.
PhaseTimer.Start();
AotRoots.Keep();
var root = RootCommandFactory.Create();

var parse = root.Parse(args);
PhaseTimer.Mark("args");
if (parse.Errors.Count > 0)
{
    Console.Error.WriteLine($"ticketmail: {TicketMail.Cli.Output.SafeText.Line(parse.Errors[0].Message)}; see 'ticketmail --help'");
    return ExitCodes.Usage;
}

// No termination timeout: 'process' handles Ctrl-C itself (stop after the current message, print the summary),
// and System.CommandLine would otherwise cut it off after two seconds with exit 130.
return await parse.InvokeAsync(new System.CommandLine.InvocationConfiguration { ProcessTerminationTimeout = null });
