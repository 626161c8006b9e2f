using System.Text.Json.Nodes;

namespace TicketMail.Quality.Suites;

/// <summary>
/// automatic/flufl.bounce: Mailman's bounce detectors. Every input is a bounce or a delay warning; the upstream
/// check is the set of failed recipients (permanent, or temporary for the delay warnings). Derived: each is automatic.
/// </summary>
public sealed class AutomaticFluflSuite : Suite
{
    public override string Name => "automatic/flufl.bounce";

    /// <summary>Addresses compare case-insensitively (the product keeps the case the bounce wrote; upstream's sets vary).</summary>
    public override IReadOnlyList<Expectation> Load(string folder) =>
        [.. base.Load(folder).Select(e => e.Target == "recipients" && e.Value is JsonArray set
            ? e with { Value = new JsonArray(set.Select(a => (JsonNode?)JsonValue.Create(a?.ToString().ToLowerInvariant())).ToArray()) }
            : e)];

    public override IEnumerable<Expectation> Extra(string folder) =>
        Expectations.Load(folder, Name).Select(e => e.File).Distinct(StringComparer.Ordinal)
            .Select(file => Derived(file, "automatic", "equals", true));

    public override Actual Get(Expectation e, JsonObject? result) => e.Target switch
    {
        "automatic" => AutomaticReport.Automatic(result),
        "recipients" => Actual.Of(AutomaticReport.Addresses(result, e.Param("failure")).Select(a => a.ToLowerInvariant())),
        _ => Actual.Unsupported,
    };
}
