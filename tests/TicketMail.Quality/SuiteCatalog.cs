using TicketMail.Quality.Suites;

namespace TicketMail.Quality;

/// <summary>Every suite that is scored. Add one line per corpus folder.</summary>
public static class SuiteCatalog
{
    public static IReadOnlyList<Suite> All { get; } =
    [
        new RobustnessSuite("mimekit", ".txt", ".eml"),
        new RobustnessSuite("mime4j", ".msg"),
        new RobustnessSuite("stalwart", ".eml"),
        new RepliesGithubSuite(),
        new RepliesCrispSuite(),
        new RepliesEdgetierSuite(),
        new RepliesMailParserReplySuite(),
        new RepliesQuotequailSuite(),
        new MessagesPhpContentSuite(),
        new MessagesOtrsContentSuite(),
        new MessagesRtContentSuite(),
        new AutomaticFluflSuite(),
        new AutomaticBounceParserSuite(),
        new AutomaticBounceEmailSuite(),
        new AutomaticBounceBodySuite(),
        new AutomaticFeedbackSuite(),
        new MessagesSenderSuite("messages/php-mime-mail-parser"),
        new MessagesSenderSuite("messages/otrs-emailparser"),
        new MessagesSenderSuite("messages/request-tracker"),
    ];
}
