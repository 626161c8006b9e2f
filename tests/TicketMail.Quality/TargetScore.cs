namespace TicketMail.Quality;

/// <summary>How one (suite, target) did: records checked and passed, and records this scorer cannot check.</summary>
public sealed record TargetScore(string Suite, string Target, int Checked, int Passed, int Unsupported)
{
    public string Key => $"{Suite}|{Target}";

    public double Rate => Checked == 0 ? 0 : (double)Passed / Checked;
}
