using System.Text.Json.Nodes;

namespace TicketMail.Quality.Suites;

/// <summary>
/// The robustness corpora have no upstream expectations: every file must end in a defined outcome (exit 0, or
/// 65 for input that is not a usable message). 'accepted' counts the files that were not refused.
/// </summary>
public sealed class RobustnessSuite(string name, params string[] extensions) : Suite
{
    public override string Name => name;

    public override IReadOnlyList<Expectation> Load(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(IsInput)
            .Select(path => Path.GetRelativePath(folder, path))
            .Order(StringComparer.Ordinal)
            .SelectMany(file => new[]
            {
                Derived(file, "defined_exit", "present", true),
                Derived(file, "accepted", "present", true),
            })
            .ToList();

    public override Actual Get(Expectation e, JsonObject? result)
    {
        var code = result?["exitCode"]?.GetValue<int>() ?? (result is null ? -1 : 0);
        return e.Target switch
        {
            "defined_exit" => Actual.Of(code is 0 or 65),
            "accepted" => Actual.Of(code == 0),
            _ => Actual.Unsupported,
        };
    }

    // Upstream's expected-result files (.xml, .json, .out, *_decoded_*) and licence notes sit beside the messages.
    private bool IsInput(string path)
    {
        var file = Path.GetFileName(path);
        return extensions.Any(ext => file.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
               && !file.Contains("_decoded", StringComparison.Ordinal)
               && !file.Contains("LICENSE", StringComparison.OrdinalIgnoreCase)
               && !file.Contains("COPYING", StringComparison.OrdinalIgnoreCase)
               && !file.Contains("README", StringComparison.OrdinalIgnoreCase);
    }
}
