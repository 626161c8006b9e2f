namespace TicketMail.Quality.Suites;

/// <summary>
/// EdgeTier/email-reply-parser: "reply" and the first fragment's content. Its cut_off_at_signature is a
/// separate sign-off search with options (include, word_limit) that the product does not offer; not checked.
/// </summary>
public sealed class RepliesEdgetierSuite : ReplySuite
{
    public override string Name => "replies/edgetier-email-reply-parser";

    protected override IReadOnlySet<string> ReplyTargets { get; } = new HashSet<string>(StringComparer.Ordinal) { "reply", "fragment[0].content" };
}
