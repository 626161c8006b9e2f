namespace TicketMail.Quality.Suites;

/// <summary>crisp-oss/email-reply-parser (willdurand's fixtures): getVisibleText ("reply") and the first fragment.</summary>
public sealed class RepliesCrispSuite : ReplySuite
{
    public override string Name => "replies/crisp-email-reply-parser";

    protected override IReadOnlySet<string> ReplyTargets { get; } = new HashSet<string>(StringComparer.Ordinal) { "reply", "fragment[0]" };
}
