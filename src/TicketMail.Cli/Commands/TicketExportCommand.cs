using System.CommandLine;
using System.Globalization;
using TicketMail.Cli.Export;
using TicketMail.Cli.Infrastructure;
using TicketMail.Cli.Processing;

namespace TicketMail.Cli.Commands;

/// <summary>
/// tickets export: the stored raw bytes of every message, exactly as they arrived, as one mbox file (mboxrd
/// quoting, undone by 'process' when it reads the file) or one .eml file per message. Messages go out in the
/// order they were stored, one at a time, so that --all streams any size and a re-import threads replies.
/// </summary>
public static class TicketExportCommand
{
    private static readonly Argument<string[]> Uuids = new("uuid") { Description = "The tickets to export.", Arity = ArgumentArity.ZeroOrMore };
    private static readonly Option<string> Output = new("--output", "-o") { Description = "mbox: the file to write; eml: the folder to write into.", Required = true };
    private static readonly Option<string> Format = new("--format") { Description = "mbox (one file, the default) or eml (a file per message).", DefaultValueFactory = _ => "mbox" };
    private static readonly Option<bool> All = new("--all") { Description = "Every ticket in the database." };

    public static Command Create()
    {
        Format.AcceptOnlyFromAmong("mbox", "eml");
        var export = new Command("export", """
            Write the original bytes of every message of the given tickets (or --all), exactly as they arrived.
            'ticketmail process PATH' imports the result again (into an empty database: the same tickets).

            Examples:
              ticketmail tickets export 9b2f6c1e-4a53-4c8e-9d1f-2f0a7c5e8b31 -o ticket.mbox
              ticketmail tickets export --all --format eml -o /backup/mail/
            """)
        { Uuids, Output, Format, All };
        CommandRunner.SetAction(export, ExportAsync, quietLog: true);
        return export;
    }

    private static async Task<int> ExportAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var parse = context.Parse;
        var given = parse.GetValue(Uuids) ?? [];
        var all = parse.GetValue(All);
        if (all == (given.Length > 0))
        {
            throw new UsageException("name the tickets to export, or give --all (not both)");
        }

        var uuids = given.Select(u => Guid.TryParse(u, out var g) ? g : throw new UsageException($"'{u}' is not a ticket UUID")).Distinct().ToList();
        var output = parse.GetValue(Output)!;
        var eml = parse.GetValue(Format) == "eml";
        if (eml ? Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any() : File.Exists(output) || Directory.Exists(output))
        {
            throw new CliException(ExitCodes.CantCreate, $"{output} already exists{(eml ? " and is not empty" : "")}; choose a new path");
        }

        await using var session = new StoreSession(context.Config);
        var store = await session.GetAsync(cancellationToken);
        var items = await store.ListExportAsync(all ? null : uuids, cancellationToken);
        var missing = uuids.Except(items.Select(i => i.Ticket)).ToList();
        if (missing.Count > 0)
        {
            throw new CliException(ExitCodes.DataError, $"no ticket {missing[0]:D}; list tickets with 'ticketmail tickets list'");
        }

        long bytes = 0;
        if (eml)
        {
            Directory.CreateDirectory(output);
            var width = Math.Max(6, items.Count.ToString(CultureInfo.InvariantCulture).Length);
            for (var i = 0; i < items.Count; i++)
            {
                var raw = await store.ReadRawAsync(items[i].MessageId, cancellationToken);
                // Zero-padded sequence numbers: 'process FOLDER' reads in sorted order, i.e. the order they were stored.
                await File.WriteAllBytesAsync(Path.Combine(output, (i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0') + ".eml"), raw, cancellationToken);
                bytes += raw.Length;
            }
        }
        else
        {
            await using var file = new FileStream(output, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920);
            byte[] previous = [];
            foreach (var item in items)
            {
                var raw = await store.ReadRawAsync(item.MessageId, cancellationToken);
                MboxFormat.Write(file, item.FromAddress, item.Date, raw, previous);
                bytes += raw.Length;
                previous = raw;
            }
        }

        var tickets = items.Select(i => i.Ticket).Distinct().Count();
        context.IO.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exported {items.Count} message(s) of {tickets} ticket(s), {bytes} bytes, to {output}"));
        return 0;
    }
}
