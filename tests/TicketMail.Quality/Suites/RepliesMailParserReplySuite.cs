namespace TicketMail.Quality.Suites;

/// <summary>
/// alfonsrv/mail-parser-reply: the newest reply's body (replies[0].body, without its signature). The older
/// replies of the thread are kept in the product's full text, not split out; those targets are not checked.
/// </summary>
public sealed class RepliesMailParserReplySuite : ReplySuite
{
    public override string Name => "replies/mail-parser-reply";

    protected override IReadOnlySet<string> ReplyTargets { get; } = new HashSet<string>(StringComparer.Ordinal) { "replies[0].body" };
}
