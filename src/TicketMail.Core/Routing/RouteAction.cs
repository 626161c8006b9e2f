namespace TicketMail.Core.Routing;

public enum RouteAction
{
    Created,
    Replied,
    Duplicate,
    Ignored,
    Held,
    Rejected,
}
