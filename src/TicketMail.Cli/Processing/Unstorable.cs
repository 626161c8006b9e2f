using TicketMail.Cli.Spool;

namespace TicketMail.Cli.Processing;

/// <summary>
/// A message the database refuses (not a database that is down: one that says no to these bytes) is deferred like
/// any database trouble, but retrying it for ever helps nobody: after N refusals in a row it goes to quarantine as
/// 'unstorable' with the error in its reason file, where an operator sees it (and can release it after a fix).
/// </summary>
public static class Unstorable
{
    public const string Rejected = "db-rejected";
    public const string Reason = "unstorable";

    /// <param name="attempts">This attempt's number (1 for the first delivery).</param>
    /// <param name="previous">The reason file of the earlier attempt, if the message was already spooled.</param>
    public static bool GivesUp(string reason, int attempts, int limit, SpoolNote? previous) =>
        reason == Rejected && attempts >= limit && (limit == 1 || previous?.Reason == Rejected);
}
