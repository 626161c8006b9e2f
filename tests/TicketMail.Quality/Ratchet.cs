using System.Text.Json;
using System.Text.Json.Nodes;

namespace TicketMail.Quality;

/// <summary>
/// tests/quality-ratchet.json: per "suite|target", the number of records that passed when it was last written.
/// The scores are exact and deterministic, so a drop is a regression, never noise.
/// </summary>
public static class Ratchet
{
    public static Dictionary<string, int> Read(string path)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        if (File.Exists(path) && JsonNode.Parse(File.ReadAllText(path)) is JsonObject json)
        {
            foreach (var (key, value) in json)
            {
                result[key] = value!.GetValue<int>();
            }
        }

        return result;
    }

    public static void Write(string path, IReadOnlyList<TargetScore> scores)
    {
        var json = new JsonObject();
        foreach (var s in scores.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            json[s.Key] = s.Passed;
        }

        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>Every (suite, target) that now passes fewer records than the ratchet, as "key: was N, now M".</summary>
    public static IReadOnlyList<string> Regressions(IReadOnlyDictionary<string, int> ratchet, IReadOnlyList<TargetScore> scores)
    {
        var now = scores.ToDictionary(s => s.Key, s => s.Passed, StringComparer.Ordinal);
        return ratchet
            .Where(r => now.GetValueOrDefault(r.Key) < r.Value)
            .Select(r => $"{r.Key}: was {r.Value}, now {now.GetValueOrDefault(r.Key)}")
            .ToList();
    }
}
