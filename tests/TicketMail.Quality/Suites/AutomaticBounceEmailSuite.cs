using System.Text.Json.Nodes;

namespace TicketMail.Quality.Suites;

/// <summary>
/// automatic/bounce_email (Ruby gem): is_bounce (a hard or soft bounce: the gem counts delays as soft bounces), the status code, whether the returned message and its
/// Message-ID are found. Derived: bounces/ and non_bounces/ (out-of-office replies) are automatic; fixtures/
/// is an ordinary message and must not be.
/// </summary>
public sealed class AutomaticBounceEmailSuite : Suite
{
    public override string Name => "automatic/bounce_email";

    public override IEnumerable<Expectation> Extra(string folder) =>
        Expectations.Load(folder, Name).Select(e => e.File).Distinct(StringComparer.Ordinal)
            .Select(file => Derived(file, "automatic", "equals", !file.StartsWith("fixtures/", StringComparison.Ordinal)));

    public override Actual Get(Expectation e, JsonObject? result) => e.Target switch
    {
        "automatic" => AutomaticReport.Automatic(result),
        // The gem's test_all_bounces counts every file of bounces/ as a bounce, the soft ones (delays) too.
        "is_bounce" => Actual.Of(AutomaticReport.Reason(result) == "bounce"),
        "status" => Actual.Of(AutomaticReport.FirstStatus(result)),
        "original_message.message_id" => Actual.Of(AutomaticReport.OriginalMessageId(result) is not null),
        _ => Actual.Unsupported,
    };
}
