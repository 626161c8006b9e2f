using System.Text.Json.Nodes;

namespace TicketMail.Quality.Suites;

/// <summary>
/// OTRS EmailParser: attachment file names and the body. OTRS lists every MIME leaf, body parts included
/// (unnamed ones as file-1, file-2), so its indexes do not line up with the product's attachment list: a
/// named part passes when the product has an attachment of that name. The file-N body parts, MD5s (the
/// product hashes with SHA-256) and OTRS's charset report are not checked.
/// </summary>
public sealed class MessagesOtrsContentSuite : MessagesContentSuite
{
    public override string Name => "messages/otrs-emailparser";

    public override IReadOnlyList<Expectation> Load(string folder) =>
        base.Load(folder).Where(e => !(e.Target.EndsWith(".filename", StringComparison.Ordinal) && e.Value?.ToString() is { } v && v.StartsWith("file-", StringComparison.Ordinal))).ToList();

    protected override bool Owns(string target) => target is "body" or "otrs_parts[i].filename";

    protected override bool IsBody(string target) => target == "body";

    public override Actual Get(Expectation e, JsonObject? result) => Scorer.TargetGroup(e.Target) switch
    {
        "body" => Actual.Of(Text(result, e)),
        "otrs_parts[i].filename" when e.Op == "equals" && e.Value?.ToString() is { } name =>
            Actual.Of(FileNames(result).Contains(name) ? name : string.Join(", ", FileNames(result))),
        _ => Actual.Unsupported,
    };
}
