namespace TicketMail.Quality.Suites;

/// <summary>github/email_reply_parser: the visible text ("reply") and the first fragment are the reply.</summary>
public sealed class RepliesGithubSuite : ReplySuite
{
    public override string Name => "replies/github-email_reply_parser";

    protected override IReadOnlySet<string> ReplyTargets { get; } = new HashSet<string>(StringComparer.Ordinal) { "reply", "fragment[0]" };
}
