using System.Text.Json.Nodes;

namespace TicketMail.Quality;

/// <summary>What the product produced for one expectation, or that this suite cannot check that target.</summary>
public readonly record struct Actual(bool Supported, JsonNode? Value)
{
    public static Actual Unsupported { get; } = new(false, null);

    public static Actual Of(JsonNode? value) => new(true, value);

    public static Actual Of(string? value) => new(true, value is null ? null : JsonValue.Create(value));

    public static Actual Of(bool value) => new(true, JsonValue.Create(value));

    public static Actual Of(long value) => new(true, JsonValue.Create(value));

    public static Actual Of(IEnumerable<string> values) => new(true, new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()));
}
