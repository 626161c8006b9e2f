using System.CommandLine;
using TicketMail.Cli.Infrastructure;
using TicketMail.Cli.Output;
using TicketMail.Cli.Processing;
using TicketMail.Cli.Spool;

namespace TicketMail.Cli.Commands;

/// <summary>
/// ticketmail quarantine list|show|release|delete: messages kept aside on purpose (automatic mail, held
/// and rejected replies, oversized and unusable input). release processes one as if its hold did not apply.
/// </summary>
public static class QuarantineCommand
{
    private static readonly Argument<string> Id = new("id") { Description = "The quarantine id (as 'quarantine list' prints it)." };
    private static readonly Option<bool> Json = new("--json") { Description = "Print JSON." };

    private static readonly Option<int> OlderThan = new("--older-than") { Description = "Age in days (by the time in the reason file, else the file's).", Required = true };
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Count only." };

    private static readonly SpoolBox[] Box = [SpoolBox.Quarantine];

    private static int Purge(CommandContext context)
    {
        var days = context.Parse.GetValue(OlderThan);
        if (days < 0)
        {
            throw new UsageException($"--older-than {days} must be 0 or more days");
        }

        var dryRun = context.Parse.GetValue(DryRun);
        var cutoff = context.Clock.GetUtcNow().AddDays(-days);
        var spool = SpoolFolder.Open(context.Config.Spool);
        var purged = 0;
        foreach (var entry in spool.List(SpoolBox.Quarantine))
        {
            var time = spool.NoteOf(entry)?.Time is { } t && t != default ? t : new DateTimeOffset(File.GetLastWriteTimeUtc(entry.Path), TimeSpan.Zero);
            if (time < cutoff)
            {
                purged++;
                if (!dryRun)
                {
                    spool.Delete(entry);
                }
            }
        }

        context.IO.Out.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{(dryRun ? "would purge" : "purged")} {purged} quarantined message(s) older than {days} day(s)"));
        return ExitCodes.Ok;
    }

    public static Command Create()
    {
        var list = new Command("list", "List quarantined messages with their reasons.") { Json };
        CommandRunner.SetAction(list, (context, _) => Task.FromResult(SpoolViews.List(context, Box, context.Parse.GetValue(Json))));

        var show = new Command("show", "Print a quarantined message's reason file.") { Id, Json };
        CommandRunner.SetAction(show, (context, _) => Task.FromResult(SpoolViews.Show(context, Box, context.Parse.GetValue(Id)!, context.Parse.GetValue(Json))));

        var release = new Command("release", "Process the message as if its hold did not apply (opens or appends).") { Id, Json };
        CommandRunner.SetAction(release, ReleaseAsync);

        var delete = new Command("delete", "Delete the message for good.") { Id };
        CommandRunner.SetAction(delete, (context, _) =>
        {
            var spool = SpoolFolder.Open(context.Config.Spool);
            var entry = SpoolViews.Find(spool, Box, context.Parse.GetValue(Id)!);
            spool.Delete(entry);
            context.IO.Out.WriteLine($"deleted {entry.Id}");
            return Task.FromResult(ExitCodes.Ok);
        });

        var purge = new Command("purge", "Delete quarantined messages older than some days (retention).\n\nExample:\n  ticketmail quarantine purge --older-than 90") { OlderThan, DryRun };
        CommandRunner.SetAction(purge, (context, _) => Task.FromResult(Purge(context)));

        return new Command("quarantine", "Messages kept aside: automatic mail, held or rejected replies, unusable input.") { list, show, release, delete, purge };
    }

    private static async Task<int> ReleaseAsync(CommandContext context, CancellationToken cancellationToken)
    {
        await using var store = new StoreSession(context.Config);
        var processor = new MessageProcessor(context.Config, store, context.Clock, context.IO, context.Verbose)
        {
            Webhooks = Webhooks.WebhookSender.For(context.Config, context.Clock),
        };
        var entry = SpoolViews.Find(processor.Spool, Box, context.Parse.GetValue(Id)!);
        var result = await SpoolViews.ReplayAsync(context, processor, entry, releasing: true, cancellationToken)
            ?? throw new CliException(ExitCodes.NoInput, $"{entry.Id} was released by another process meanwhile");
        context.IO.Out.WriteLine(context.Parse.GetValue(Json) ? ResultWriter.Json(result) : ResultWriter.Human(result));
        return result.ExitCode;
    }
}
