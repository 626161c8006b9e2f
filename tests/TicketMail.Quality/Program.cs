using TicketMail.Quality;

// bench/quality.sh runs this: scores the product on the public corpora and prints the table. Asserts nothing.
//   --corpus DIR        default: ../shared/corpus beside the repository
//   --cli PROGRAM       run a built ticketmail as a process (default: the same command tree in-process)
//   --update-ratchet    rewrite tests/quality-ratchet.json with these scores
//   --details SUITE     list the failing records of suites whose name contains SUITE ("all" for every suite)
var root = RepoRoot();
var corpus = Path.GetFullPath(Path.Combine(root, "..", "shared", "corpus"));
string? cli = null;
string? details = null;
var update = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--corpus": corpus = Path.GetFullPath(args[++i]); break;
        case "--cli": cli = args[++i]; break;
        case "--details": details = args[++i]; break;
        case "--update-ratchet": update = true; break;
        default:
            Console.Error.WriteLine($"quality: unknown argument {args[i]}; see the comment at the top of Program.cs");
            return 64;
    }
}

IMailProbe probe = cli is null ? new InProcessProbe() : new CliProbe(cli, []);
var scorer = new Scorer(corpus, probe);
var scores = scorer.Run(SuiteCatalog.All);
var command = "bench/quality.sh " + string.Join(' ', args) + $"  [{probe.Describe}; corpus {corpus}]";
Console.Write(ScoreTable.Render(scores, command.Replace("  [", " [", StringComparison.Ordinal)));

if (details is not null)
{
    Console.WriteLine();
    foreach (var f in scorer.Failures.Where(f => details == "all" || f.Expectation.Suite.Contains(details, StringComparison.OrdinalIgnoreCase)))
    {
        var actual = f.Actual is { Length: > 300 } a ? a[..300] + "..." : f.Actual;
        Console.WriteLine($"FAIL {f.Expectation}\n     actual: {actual?.ReplaceLineEndings("\\n")}");
    }
}

var ratchetPath = Path.Combine(root, "tests", "quality-ratchet.json");
if (update)
{
    Ratchet.Write(ratchetPath, scores);
    Console.WriteLine($"wrote {ratchetPath}");
}
else if (Ratchet.Regressions(Ratchet.Read(ratchetPath), scores) is { Count: > 0 } regressions)
{
    Console.WriteLine($"below the ratchet ({ratchetPath}):");
    regressions.ToList().ForEach(r => Console.WriteLine("  " + r));
}

return 0;

static string RepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "TicketMail.sln")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
