using System.CommandLine;
using TicketMail.Cli.Infrastructure;
using TicketMail.Cli.Output;
using TicketMail.Cli.Processing;
using TicketMail.Cli.Spool;

namespace TicketMail.Cli.Commands;

/// <summary>
/// ticketmail spool list|show|retry: messages the database could not take yet (deferred/), and messages a
/// process left in incoming/ when it died. retry replays them; the duplicate check makes that idempotent.
/// </summary>
public static class SpoolCommand
{
    /// <summary>A message in incoming/ older than this belongs to a process that died.</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(1);

    private static readonly Argument<string> Id = new("id") { Description = "The spool id (as 'spool list' prints it)." };
    private static readonly Argument<string[]> Ids = new("ids") { Description = "Spool ids to retry; none retries all.", Arity = ArgumentArity.ZeroOrMore };
    /// <summary>tmp/ files older than this were left by a writer that was killed (see SpoolFolder.CleanTmp).</summary>
    public static readonly TimeSpan TmpGrace = TimeSpan.FromMinutes(10);

    private static readonly Option<bool> Json = new("--json") { Description = "Print JSON." };
    private static readonly Option<bool> Now = new("--now")
    {
        Description = "Also take messages in incoming/ younger than a minute, unless a running process holds them.",
    };

    public static Command Create()
    {
        var list = new Command("list", "List deferred messages (and any a dead process left in incoming/).") { Json };
        CommandRunner.SetAction(list, (context, _) => Task.FromResult(SpoolViews.List(context, [SpoolBox.Deferred, SpoolBox.Incoming], context.Parse.GetValue(Json))));

        var show = new Command("show", "Print a spooled message's reason file.") { Id, Json };
        CommandRunner.SetAction(show, (context, _) => Task.FromResult(
            SpoolViews.Show(context, [SpoolBox.Deferred, SpoolBox.Incoming], context.Parse.GetValue(Id)!, context.Parse.GetValue(Json))));

        var retry = new Command("retry", "Process deferred messages again; each one that succeeds leaves the spool.") { Ids, Json, Now };
        CommandRunner.SetAction(retry, RetryAsync);

        return new Command("spool", "Messages kept while the database was unavailable.") { list, show, retry };
    }

    private static async Task<int> RetryAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var json = context.Parse.GetValue(Json);
        var ids = context.Parse.GetValue(Ids) ?? [];
        await using var store = new StoreSession(context.Config);
        var processor = new MessageProcessor(context.Config, store, context.Clock, context.IO, context.Verbose)
        {
            Webhooks = Webhooks.WebhookSender.For(context.Config, context.Clock),
        };
        var spool = processor.Spool;

        var entries = new List<SpoolEntry>();
        var exit = ExitCodes.Ok;
        if (ids.Length == 0)
        {
            var now = context.Clock.GetUtcNow().UtcDateTime;
            if (spool.CleanTmp(TmpGrace, now) is > 0 and var removed)
            {
                Serilog.Log.Information("Removed {Count} partial file(s) that killed writers left in tmp/ (never accepted)", removed);
            }

            var cutoff = now - Abandoned;
            var immediately = context.Parse.GetValue(Now);
            entries.AddRange(spool.List(SpoolBox.Deferred));
            entries.AddRange(spool.List(SpoolBox.Incoming).Where(e => e.WrittenUtc < cutoff || (immediately && !SpoolFolder.IsHeld(e))));
        }
        else
        {
            foreach (var id in ids)
            {
                if ((spool.Find(SpoolBox.Deferred, id) ?? spool.Find(SpoolBox.Incoming, id)) is { } found)
                {
                    entries.Add(found);
                }
                else
                {
                    context.IO.Error.WriteLine($"ticketmail: no deferred message '{ErrorHandler.OneLine(id)}'; see 'ticketmail spool list'");
                    exit = ExitCodes.Worst(exit, ExitCodes.NoInput);
                }
            }
        }

        foreach (var entry in entries)
        {
            var result = await SpoolViews.ReplayAsync(context, processor, entry, releasing: false, cancellationToken);
            if (result is not null)
            {
                context.IO.Out.WriteLine(json ? ResultWriter.Json(result) : ResultWriter.Human(result));
                exit = ExitCodes.Worst(exit, result.ExitCode);
            }
        }

        return exit;
    }
}
