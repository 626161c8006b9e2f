namespace TicketMail.Core.Classification;

/// <summary>
/// The header every mail TicketMail sends carries (value: the support address). Mail that comes back with
/// it is our own, reflected by an auto-responder or a forwarding rule: a loop.
/// </summary>
public static class LoopHeader
{
    public const string Name = "X-TicketMail-Loop";
}
