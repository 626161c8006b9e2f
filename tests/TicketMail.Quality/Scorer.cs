using System.Text.Json.Nodes;

namespace TicketMail.Quality;

/// <summary>Feeds every suite's inputs to the product in one probe run, then checks every expectation.</summary>
public sealed class Scorer(string corpus, IMailProbe probe)
{
    public List<Failure> Failures { get; } = [];

    public IReadOnlyList<TargetScore> Run(IEnumerable<Suite> suites)
    {
        var loaded = suites
            .Where(s => Directory.Exists(Path.Combine(corpus, s.Name)))
            .Select(s => (Suite: s, Folder: Path.Combine(corpus, s.Name), Expectations: s.Load(Path.Combine(corpus, s.Name))))
            .ToList();

        var inputs = new List<ProbeInput>();
        foreach (var (suite, folder, expectations) in loaded)
        {
            foreach (var file in suite.Inputs(expectations))
            {
                inputs.Add(new ProbeInput(Key(suite, file), suite.Eml(folder, file)));
            }
        }

        var results = probe.Run(inputs);
        var scores = new List<TargetScore>();
        foreach (var (suite, folder, expectations) in loaded)
        {
            foreach (var group in expectations.GroupBy(e => TargetGroup(e.Target)))
            {
                int done = 0, passed = 0, unsupported = 0;
                foreach (var e in group)
                {
                    var result = results.GetValueOrDefault(Key(suite, e.File));
                    var actual = suite.Get(e, result);
                    var verdict = actual.Supported ? Check.Evaluate(e, actual.Value, folder, suite.InputText(folder, e.File)) : null;
                    if (verdict is null)
                    {
                        unsupported++;
                        continue;
                    }

                    done++;
                    if (verdict.Value)
                    {
                        passed++;
                    }
                    else
                    {
                        Failures.Add(new Failure(e, Check.Text(actual.Value)));
                    }
                }

                scores.Add(new TargetScore(suite.Name, group.Key, done, passed, unsupported));
            }
        }

        return scores;
    }

    /// <summary>"fragment[3]" and "attachments[0].size" are scored as "fragment[i]" and "attachments[i].size".</summary>
    public static string TargetGroup(string target) =>
        System.Text.RegularExpressions.Regex.Replace(target, @"\[\d+\]", "[i]");

    private static string Key(Suite suite, string file) => suite.Name + "\u0000" + file;

    /// <summary>Parsed JSON of a result, for suites that read nested values.</summary>
    public static JsonNode? At(JsonNode? node, params string[] path)
    {
        foreach (var step in path)
        {
            node = node is JsonObject o ? o[step] : null;
        }

        return node;
    }
}
