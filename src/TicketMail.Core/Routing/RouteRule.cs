namespace TicketMail.Core.Routing;

/// <summary>Which rule tied the message to its ticket. Printed in JSON as tag, envelope, in-reply-to, references, subject, verp or new.</summary>
public enum RouteRule
{
    New,
    Tag,
    Envelope,
    InReplyTo,
    References,
    Subject,

    /// <summary>A VERP recipient (support+b-&lt;token&gt;@) names a message we sent.</summary>
    Verp,
}

public static class RouteNames
{
    public static string Name(this RouteRule rule) => rule switch
    {
        RouteRule.New => "new",
        RouteRule.Tag => "tag",
        RouteRule.Envelope => "envelope",
        RouteRule.InReplyTo => "in-reply-to",
        RouteRule.References => "references",
        RouteRule.Subject => "subject",
        RouteRule.Verp => "verp",
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    public static string Name(this RouteAction action) => action switch
    {
        RouteAction.Created => "created",
        RouteAction.Replied => "replied",
        RouteAction.Duplicate => "duplicate",
        RouteAction.Ignored => "ignored",
        RouteAction.Held => "held",
        RouteAction.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}
