using TicketMail.Core.Mail;
using TicketMail.Core.Routing;

namespace TicketMail.Cli.Processing;

/// <summary>What became of one message: printed as one line, or one JSON object.</summary>
public sealed record ProcessResult(string Source, InboundMail? Mail, RoutingDecision? Decision, int ExitCode)
{
    public Guid? Ticket { get; init; }

    /// <summary>The ticket's queue when it was stored; else the queue a new ticket would get (null for a reply not stored).</summary>
    public string? Queue { get; init; }
    public bool DryRun { get; init; }

    /// <summary>The one-line error for a message that failed (ExitCode != 0).</summary>
    public string? Error { get; init; }

    /// <summary>Where a deferred, held or ignored message is kept (spool or quarantine id).</summary>
    public string? KeptAs { get; init; }

    /// <summary>Why the message went to deferred/ ("db-unavailable", "conflict", "db-schema"), or null.</summary>
    public string? DeferReason { get; init; }
    public double ElapsedMs { get; init; }

    public string? QueueName => Queue ?? Decision?.Queue;

    public string ActionName => Decision?.Action.Name() ?? "failed";
}
