using TicketMail.Cli.Infrastructure;
using TicketMail.Cli.Processing;
using TicketMail.Cli.Spool;

namespace TicketMail.Cli.Commands;

/// <summary>What 'spool' and 'quarantine' share: listing, showing and replaying entries of a box.</summary>
internal static class SpoolViews
{
    public static int List(CommandContext context, SpoolBox[] boxes, bool json)
    {
        var spool = SpoolFolder.Open(context.Config.Spool);
        var items = boxes.SelectMany(spool.List).Select(e => (Entry: e, Note: spool.NoteOf(e))).ToList();
        if (json)
        {
            context.IO.Out.WriteLine(SpoolWriter.Json(items));
        }
        else
        {
            foreach (var (entry, note) in items)
            {
                context.IO.Out.WriteLine(SpoolWriter.Human(entry, note));
            }
        }

        return ExitCodes.Ok;
    }

    public static int Show(CommandContext context, SpoolBox[] boxes, string id, bool json)
    {
        var spool = SpoolFolder.Open(context.Config.Spool);
        var entry = Find(spool, boxes, id);
        var note = spool.NoteOf(entry);
        context.IO.Out.WriteLine(json ? SpoolWriter.Json(entry, note) : SpoolWriter.Details(entry, note));
        return ExitCodes.Ok;
    }

    public static SpoolEntry Find(SpoolFolder spool, SpoolBox[] boxes, string id) =>
        boxes.Select(box => spool.Find(box, id)).FirstOrDefault(e => e is not null)
        ?? throw new CliException(ExitCodes.NoInput,
            $"no message '{ErrorHandler.OneLine(id)}' in {string.Join(" or ", boxes.Select(b => b.Folder() + "/"))}; see the list command");

    /// <summary>Replays one spooled message with the recipients its reason file kept. Null when another process took it first.</summary>
    public static async Task<ProcessResult?> ReplayAsync(CommandContext context, MessageProcessor processor, SpoolEntry entry, bool releasing, CancellationToken cancellationToken)
    {
        var note = processor.Spool.NoteOf(entry);
        try
        {
            return await processor.ProcessSpooledAsync(entry, $"{entry.Box.Folder()}/{entry.Id}", note?.Recipients ?? [], releasing, (note?.Attempts ?? 0) + 1, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            // A concurrent retry (or the process that spooled it) finished it meanwhile.
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var code = ErrorHandler.Report(ex, context.IO, context.Verbose);
            return new ProcessResult($"{entry.Box.Folder()}/{entry.Id}", null, null, code) { Error = ErrorHandler.Describe(ex).Message, KeptAs = entry.Id };
        }
    }
}
