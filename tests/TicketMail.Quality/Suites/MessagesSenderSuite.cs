using System.Text.Json.Nodes;

namespace TicketMail.Quality.Suites;

/// <summary>
/// The sender and subject of messages/* (php-mime-mail-parser, OTRS, Request Tracker): From as address list
/// and as one header string, To as address list, the subject. Only these targets are loaded; bodies and
/// attachments of the same folders are scored by their own suites. Derived: no input is refused.
/// </summary>
public sealed class MessagesSenderSuite(string name) : Suite
{
    private static readonly HashSet<string> Targets = ["from.addresses", "from.header", "to.addresses", "subject"];

    public override string Name => name;

    public override IReadOnlyList<Expectation> Load(string folder)
    {
        var upstream = Expectations.Load(folder, Name);
        return
        [
            .. upstream.Where(e => Targets.Contains(e.Target)),
            .. upstream.Select(e => e.File).Distinct(StringComparer.Ordinal).Select(file => Derived(file, "not_refused", "equals", true)),
        ];
    }

    public override Actual Get(Expectation e, JsonObject? result)
    {
        var message = Message(result);
        return e.Target switch
        {
            // A refused message's line carries what was parsed too: refused is the error (exit code), not a missing message.
            "not_refused" => Actual.Of(message is not null && result?["exitCode"] is null),
            "subject" => Actual.Of(message?["subject"]?.ToString()),
            "from.addresses" => Actual.Of(Addresses(message?["from"] is JsonObject from ? [from] : [])),
            "to.addresses" => Actual.Of(Addresses((message?["to"] as JsonArray)?.OfType<JsonObject>() ?? [])),
            "from.header" => Actual.Of(message?["from"] is JsonObject f ? Header(f) : null),
            _ => Actual.Unsupported,
        };
    }

    /// <summary>php-mime-mail-parser's shape: {display, address, is_group}; display is the address when there is no name.</summary>
    private static JsonArray Addresses(IEnumerable<JsonObject> list) =>
        new(list.Select(a => (JsonNode?)new JsonObject
        {
            ["display"] = a["name"]?.ToString() ?? a["address"]?.ToString(),
            ["address"] = a["address"]?.ToString(),
            ["is_group"] = false,
        }).ToArray());

    /// <summary>"Name &lt;address&gt;", the name quoted when it holds specials (as OTRS and PHP print it).</summary>
    private static string Header(JsonObject address)
    {
        var addr = address["address"]?.ToString() ?? "";
        if (address["name"]?.ToString() is not { Length: > 0 } n)
        {
            return addr;
        }

        var quoted = n.IndexOfAny(['(', ')', '<', '>', '[', ']', ':', ';', '@', '\\', ',', '.', '"']) >= 0 ? $"\"{n.Replace("\"", "\\\"", StringComparison.Ordinal)}\"" : n;
        return $"{quoted} <{addr}>";
    }
}
