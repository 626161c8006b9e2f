using System.Text.Json.Nodes;

namespace TicketMail.Quality.Suites;

/// <summary>
/// automatic/mail-deliverystatus-bounceparser (Perl): is_bounce (true: our reason is bounce and not only a
/// delay), the failed recipients, the original Message-ID (with angle brackets), the number of per-recipient
/// reports, the status. Reasons and SMTP codes as text are not produced. Derived: every input is automatic
/// (the non-bounces are auto-replies, challenge-response and a delay notice).
/// </summary>
public sealed class AutomaticBounceParserSuite : Suite
{
    public override string Name => "automatic/mail-deliverystatus-bounceparser";

    public override IEnumerable<Expectation> Extra(string folder) =>
        Expectations.Load(folder, Name).Select(e => e.File).Distinct(StringComparer.Ordinal)
            .Select(file => Derived(file, "automatic", "equals", true));

    public override Actual Get(Expectation e, JsonObject? result) => e.Target switch
    {
        "automatic" => AutomaticReport.Automatic(result),
        "is_bounce" => Actual.Of(AutomaticReport.IsBounce(result)),
        "recipients" => Actual.Of(AutomaticReport.Addresses(result, null)),
        "reports" => Actual.Of(new JsonArray(AutomaticReport.Recipients(result).Select(r => (JsonNode?)r.DeepClone()).ToArray())),
        "orig_message_id" => Actual.Of(AutomaticReport.OriginalMessageId(result) is { } id ? $"<{id}>" : null),
        "status" => Actual.Of(AutomaticReport.FirstStatus(result)),
        _ => Actual.Unsupported,
    };
}
