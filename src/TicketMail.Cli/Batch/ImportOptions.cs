namespace TicketMail.Cli.Batch;

/// <summary>What a batch was asked for: envelope recipients, a dry run, messages per group transaction.</summary>
internal sealed record ImportOptions(IReadOnlyList<string> Recipients, bool DryRun, int BatchSize);
