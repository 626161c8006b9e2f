using System.CommandLine;
using TicketMail.Cli.Commands;
using TicketMail.Cli.Infrastructure;

// Objects are wired by hand in each command: no container, nothing built that the command does not use.
PhaseTimer.Start();
AotRoots.Keep();
var root = new RootCommand("TicketMail: turns support email into help-desk tickets.");
GlobalOptions.AddTo(root);
root.Subcommands.Add(ProcessCommand.Create());
root.Subcommands.Add(TicketsCommand.Create());
root.Subcommands.Add(DbCommand.Create());

var parse = root.Parse(args);
PhaseTimer.Mark("args");
if (parse.Errors.Count > 0)
{
    Console.Error.WriteLine($"ticketmail: {parse.Errors[0].Message}; see 'ticketmail --help'");
    return ExitCodes.Usage;
}

return await parse.InvokeAsync();
