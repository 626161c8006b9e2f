using System.Globalization;
using System.Text;

namespace TicketMail.Quality;

/// <summary>Prints the scores as Markdown tables: per suite and target, then overall per target.</summary>
public static class ScoreTable
{
    public static string Render(IReadOnlyList<TargetScore> scores, string command)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"command: {command}");
        text.AppendLine();
        text.AppendLine("| suite | target | passed | checked | rate | not checked |");
        text.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var s in scores.OrderBy(s => s.Suite, StringComparer.Ordinal).ThenBy(s => s.Target, StringComparer.Ordinal))
        {
            text.AppendLine(Row(s.Suite, s.Target, s.Passed, s.Checked, s.Unsupported));
        }

        text.AppendLine();
        text.AppendLine("| overall: corpus / target | target | passed | checked | rate | not checked |");
        text.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var g in scores.GroupBy(s => (Corpus: s.Suite.Split('/')[0], s.Target)).OrderBy(g => g.Key.Corpus, StringComparer.Ordinal).ThenBy(g => g.Key.Target, StringComparer.Ordinal))
        {
            text.AppendLine(Row(g.Key.Corpus, g.Key.Target, g.Sum(s => s.Passed), g.Sum(s => s.Checked), g.Sum(s => s.Unsupported)));
        }

        return text.ToString();
    }

    private static string Row(string suite, string target, int passed, int done, int unsupported) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {suite} | {target} | {passed} | {done} | {(done == 0 ? "-" : ((double)passed / done).ToString("P1", CultureInfo.InvariantCulture))} | {unsupported} |");
}
