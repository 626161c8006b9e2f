using System.Text.Json.Nodes;

namespace TicketMail.Quality;

/// <summary>One upstream assertion of a scored corpus (a line of its expectations.jsonl, see corpus/README.md).</summary>
public sealed record Expectation(string Suite, string File, string Test, string Target, string Op, JsonNode? Value, JsonObject? Params, bool Todo)
{
    public string? Param(string name) => Params?[name]?.ToString();

    public override string ToString() => $"{Suite}/{File} {Target} {Op} {Value?.ToJsonString()}";
}
