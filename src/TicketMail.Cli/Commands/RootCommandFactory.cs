using System.CommandLine;

namespace TicketMail.Cli.Commands;

/// <summary>
/// The command tree. Program.cs parses the process's arguments with it; the corpus scorer runs the same
/// tree in-process, so that its figures come from exactly the code the mail server runs.
/// </summary>
public static class RootCommandFactory
{
    public static RootCommand Create()
    {
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
        return root;
    }
}
