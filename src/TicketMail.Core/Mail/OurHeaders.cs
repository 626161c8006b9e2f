namespace TicketMail.Core.Mail;

/// <summary>Headers TicketMail puts on mail it sends, so that it can recognise its own mail coming back.</summary>
public static class OurHeaders
{
    /// <summary>Carries the support address on every mail we send; mail that arrives with it is a loop.</summary>
    public const string LoopHeader = "X-TicketMail-Loop";
}
