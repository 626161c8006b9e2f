using System.CommandLine;
using TicketMail.Cli.Commands;
using TicketMail.Cli.Infrastructure;

// Objects are wired by hand in each command: no container, nothing built that the command does not use.
PhaseTimer.Start();
AotRoots.Keep();
var root = new RootCommand("""
    TicketMail: turns support email into help-desk tickets.

    Examples:
      ticketmail process < message.eml              one message from the mail server
      ticketmail process ~/Maildir archive.mbox     import a backlog
      ticketmail tickets list --status open
      ticketmail doctor

    Shell completion: ticketmail "[suggest:10]" "tickets li" (see README, Commands).
    """);
GlobalOptions.AddTo(root);
root.Subcommands.Add(ProcessCommand.Create());
root.Subcommands.Add(TicketsCommand.Create());
root.Subcommands.Add(DbCommand.Create());
root.Subcommands.Add(AttachmentsCommand.Create());
root.Subcommands.Add(OutboxCommand.Create());
root.Subcommands.Add(DoctorCommand.Create());
root.Subcommands.Add(SpoolCommand.Create());
root.Subcommands.Add(QuarantineCommand.Create());

var parse = root.Parse(args);
PhaseTimer.Mark("args");
if (parse.Errors.Count > 0)
{
    Console.Error.WriteLine($"ticketmail: {TicketMail.Cli.Output.SafeText.Line(parse.Errors[0].Message)}; see 'ticketmail --help'");
    return ExitCodes.Usage;
}

// No termination timeout: 'process' handles Ctrl-C itself (stop after the current message, print the summary),
// and System.CommandLine would otherwise cut it off after two seconds with exit 130.
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
