namespace TicketMail.Core.Routing;

/// <summary>What the router needs the store to look up for one message. Built by <see cref="TicketRouter.Plan"/>.</summary>
public sealed record RoutingQuery(
    string DedupeKey,
    IReadOnlyList<TagCandidate> Tags,
    IReadOnlyList<string> InReplyTo,
    IReadOnlyList<string> References,
    string? OwnMessageId,
    Guid? SubjectToken,
    string? RequesterAddress)
{
    /// <summary>The support address the message came in on, which gives a new ticket its queue.</summary>
    public InboundAddress Inbound { get; init; } = InboundAddress.None;

    /// <summary>Every ticket UUID the store should describe.</summary>
    public IEnumerable<Guid> TicketUuids => Tags.Select(t => t.Ticket).Concat(SubjectToken is { } s ? [s] : []).Distinct();

    /// <summary>Every Message-ID whose thread the store should look up.</summary>
    public IEnumerable<string> ThreadIds => InReplyTo.Concat(References).Concat(OwnMessageId is { } m ? [m] : []).Distinct();
}
