using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TicketMail.Quality;

/// <summary>
/// The comparison operators of corpus/README.md. Returns null for an operator this scorer does not implement
/// (the record is then counted as unsupported, never as passed).
/// </summary>
public static class Check
{
    /// <param name="folder">The suite folder, for equals_file.</param>
    /// <param name="input">The unmodified input text, for equals_input_text.</param>
    public static bool? Evaluate(Expectation e, JsonNode? actual, string? folder = null, string? input = null)
    {
        var value = e.Value;
        return e.Op switch
        {
            "equals" => Same(actual, value),
            "not_equals" => !Same(actual, value),
            "equals_trimmed" => Text(actual)?.Trim() == Text(value)?.Trim(),
            "equals_ignoring_whitespace" => Squeeze(Text(actual)) == Squeeze(Text(value)),
            "contains" => Contains(actual, value),
            "not_contains" => !Contains(actual, value),
            "starts_with" => Text(actual) is { } s && s.StartsWith(Text(value) ?? "", StringComparison.Ordinal),
            "ends_with" => Text(actual) is { } s && s.EndsWith(Text(value) ?? "", StringComparison.Ordinal),
            "matches" => Matches(actual, value, e.Param("regex_flags")),
            "not_matches" => !Matches(actual, value, e.Param("regex_flags")),
            "equals_list" => SameList(actual, value, ignoreCase: false),
            "equals_list_ci" => SameList(actual, value, ignoreCase: true),
            "equals_set" => SameSet(actual, value),
            "count_equals" => Count(actual) is { } n && n == Number(value),
            "count_at_least" => Count(actual) is { } n && n >= Number(value),
            "line_count_equals" => Text(actual) is { } s && s.Split('\n').Length == Number(value),
            "length_greater_than" => Text(actual) is { } s && s.Length > Number(value),
            "substring_count" => SubstringCount(actual, value),
            "present" => Truthy(actual),
            "absent" or "falsy" => !Truthy(actual),
            "non_empty" => Text(actual) is { Length: > 0 },
            "equals_file" => folder is not null && Text(value) is { } name
                             && Text(actual) == File.ReadAllText(Path.Combine(folder, name)),
            "equals_input_text" => input is not null && Text(actual) == input,
            "key_absent" => actual is JsonObject o && Text(value) is { } key && !o.ContainsKey(key),
            "contains_where_not_empty" => actual is JsonArray items && items.All(i => Text(i) is not { Length: > 0 } s || s.Contains(Text(value) ?? "", StringComparison.Ordinal)),
            "completes_within_seconds" or "no_error" => Truthy(actual),
            _ => null,
        };
    }

    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v => v.ToJsonString(),
        _ => node.ToJsonString(),
    };

    private static bool Same(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a is JsonValue va && b is JsonValue vb && va.GetValueKind() == JsonValueKind.Number && vb.GetValueKind() == JsonValueKind.Number)
        {
            return va.GetValue<double>() == vb.GetValue<double>();
        }

        return JsonNode.DeepEquals(a, b);
    }

    private static bool Contains(JsonNode? actual, JsonNode? value) => actual switch
    {
        JsonArray list => list.Any(item => Same(item, value) || Text(item) == Text(value)),
        _ => Text(actual) is { } s && s.Contains(Text(value) ?? "", StringComparison.Ordinal),
    };

    private static bool Matches(JsonNode? actual, JsonNode? value, string? flags)
    {
        if (Text(actual) is not { } s || Text(value) is not { } pattern)
        {
            return false;
        }

        var options = RegexOptions.CultureInvariant;
        if (flags?.Contains('m', StringComparison.Ordinal) == true)
        {
            options |= RegexOptions.Multiline;
        }

        if (flags?.Contains('i', StringComparison.Ordinal) == true)
        {
            options |= RegexOptions.IgnoreCase;
        }

        try
        {
            return Regex.IsMatch(s, pattern, options, TimeSpan.FromSeconds(2));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool SameList(JsonNode? actual, JsonNode? value, bool ignoreCase)
    {
        if (actual is not JsonArray a || value is not JsonArray b || a.Count != b.Count)
        {
            return false;
        }

        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return a.Zip(b).All(p => string.Equals(Text(p.First), Text(p.Second), comparison));
    }

    private static bool SameSet(JsonNode? actual, JsonNode? value) =>
        actual is JsonArray a && value is JsonArray b
        && a.Select(Text).Order(StringComparer.Ordinal).SequenceEqual(b.Select(Text).Order(StringComparer.Ordinal));

    private static bool SubstringCount(JsonNode? actual, JsonNode? value)
    {
        if (Text(actual) is not { } s || value is not JsonObject spec || Text(spec["substring"]) is not { Length: > 0 } sub)
        {
            return false;
        }

        var count = 0;
        for (var at = s.IndexOf(sub, StringComparison.Ordinal); at >= 0; at = s.IndexOf(sub, at + sub.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count == Number(spec["count"]);
    }

    private static long? Count(JsonNode? node) => node switch
    {
        JsonArray list => list.Count,
        JsonObject o => o.Count,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => (long)v.GetValue<double>(),
        _ => null,
    };

    private static double Number(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        ? v.GetValue<double>()
        : double.TryParse(Text(node), System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : double.NaN;

    private static bool Truthy(JsonNode? node) => node switch
    {
        null => false,
        JsonArray list => list.Count > 0,
        JsonObject o => o.Count > 0,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.False or JsonValueKind.Null => false,
            JsonValueKind.String => v.GetValue<string>().Length > 0,
            JsonValueKind.Number => v.GetValue<double>() != 0,
            _ => true,
        },
        _ => true,
    };

    private static string? Squeeze(string? s) => s is null ? null : string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
}
