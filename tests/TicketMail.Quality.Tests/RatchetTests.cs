using TicketMail.TestKit;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace TicketMail.Quality.Tests;

/// <summary>
/// The corpus scores are exact and deterministic: no (suite, target) may pass fewer records than
/// tests/quality-ratchet.json records. Raise the file with `bench/quality.sh --update-ratchet` when rates go up.
/// Scored in-process (the CLI's own command tree, behind its static console seam, hence no parallel tests here),
/// since a JIT process per file would cost minutes.
/// </summary>
public sealed class RatchetTests
{
    public static readonly string Corpus = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "corpus"));

    /// <summary>One scoring run serves every test of this project.</summary>
    public static Lazy<IReadOnlyList<TargetScore>> Scores { get; } = new(() =>
    {
        Assert.True(Directory.Exists(Corpus), $"the shared corpora are missing at {Corpus}");
        return new Scorer(Corpus, new InProcessProbe()).Run(SuiteCatalog.All);
    });

    [Fact]
    public void No_corpus_rate_goes_below_the_ratchet()
    {
        var ratchet = Ratchet.Read(Path.Combine(RepoPaths.Root, "tests", "quality-ratchet.json"));
        Assert.NotEmpty(ratchet);

        Assert.Empty(Ratchet.Regressions(ratchet, Scores.Value));
    }

    [Fact]
    public void Every_robustness_file_ends_in_a_defined_exit_code()
    {
        var defined = Scores.Value.Where(s => s.Target == "defined_exit").ToList();

        Assert.All(defined, s => Assert.Equal(s.Checked, s.Passed));
        Assert.True(defined.Sum(s => s.Checked) > 200, "the robustness corpora were not found");
    }
}
