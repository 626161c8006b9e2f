using System.Text.Json.Nodes;

namespace TicketMail.Quality;

/// <summary>Reads a suite folder's expectations.jsonl.</summary>
public static class Expectations
{
    public static IReadOnlyList<Expectation> Load(string folder, string suite)
    {
        var path = Path.Combine(folder, "expectations.jsonl");
        var list = new List<Expectation>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var node = JsonNode.Parse(line)!.AsObject();
            list.Add(new Expectation(
                suite,
                node["file"]!.GetValue<string>(),
                node["test"]?.ToString() ?? "",
                node["target"]!.GetValue<string>(),
                node["op"]!.GetValue<string>(),
                node["value"]?.DeepClone(),
                node["params"]?.DeepClone().AsObject(),
                node["todo"] is { } todo && todo.ToString() is { Length: > 0 } t && t != "false"));
        }

        return list;
    }
}
