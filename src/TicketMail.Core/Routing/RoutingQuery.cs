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
    /// <summary>Message-IDs named by VERP recipients (support+b-&lt;token&gt;@): the mail of ours that bounced.</summary>
    public IReadOnlyList<VerpCandidate> Verp { get; init; } = [];

    /// <summary>The body's hash: a stored message with the same key and another body is not a duplicate.</summary>
    public string BodySha256 { get; init; } = "";

    /// <summary>The support address the message came in on, which gives a new ticket its queue.</summary>
    public InboundAddress Inbound { get; init; } = InboundAddress.None;

    /// <summary>Every ticket UUID the store should describe.</summary>
    public IEnumerable<Guid> TicketUuids => Tags.Select(t => t.Ticket).Concat(SubjectToken is { } s ? [s] : []).Distinct();

    /// <summary>Automatic mail (a bounce, a report, an auto-reply): only it may join a ticket through mail we sent.</summary>
    public bool Automatic { get; init; }

    /// <summary>
    /// The Message-IDs for which the router asks whether we sent them: a VERP recipient's always, the others only
    /// for automatic mail (<see cref="AutomaticLink"/>). A person's mail needs no outbox look-up at all.
    /// </summary>
    public IEnumerable<string> SentIds => Automatic ? ThreadIds : Verp.Select(v => v.MessageId).Distinct();

    /// <summary>Every Message-ID whose thread the store should look up.</summary>
    public IEnumerable<string> ThreadIds =>
        Verp.Select(v => v.MessageId).Concat(InReplyTo).Concat(References).Concat(OwnMessageId is { } m ? [m] : []).Distinct();
}
