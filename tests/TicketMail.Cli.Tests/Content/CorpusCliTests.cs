using System.Text.Json;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Content;

/// <summary>
/// Every message of ../shared/corpus through the real CLI, 'process --dry-run --json' with many files per run:
/// each line must end in exit 0 or 65, and nothing may end as an internal error.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CorpusCliTests(PostgresServer postgres)
{
    private static string Folder => Environment.GetEnvironmentVariable("TICKETMAIL_CORPUS") is { Length: > 0 } corpus
        ? corpus
        // CI checks shared/ out beside the clone; a git worktree under wt/ has it one level further up.
        : new[] { Path.Combine(RepoPaths.Root, "..", "shared", "corpus"), Path.Combine(RepoPaths.Root, "..", "..", "shared", "corpus") }
            .Select(Path.GetFullPath).FirstOrDefault(Directory.Exists) ?? Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "corpus"));

    [Fact]
    public async Task Every_corpus_message_exits_0_or_65_and_never_as_an_internal_error()
    {
        if (!Directory.Exists(Folder))
        {
            Assert.Fail($"the shared corpus is missing at {Folder}; CI checks it out beside the clone");
        }

        var files = Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is not (".xml" or ".json" or ".md") && Path.GetFileName(f) != "COPYING")
            .Order(StringComparer.Ordinal)
            .ToList();
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, postgres);
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString);
        var problems = new List<string>();
        var outcomes = 0;

        foreach (var chunk in files.Chunk(120))
        {
            var output = await cli.RunAsync(["process", "--dry-run", "--json", .. chunk]);
            Assert.True(output.ExitCode is 0 or 65, output.ToString());
            Assert.DoesNotContain("internal error", output.Stderr, StringComparison.OrdinalIgnoreCase);
            var lines = output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            // An mbox file is a batch of its own: one line per message it holds, each sourced "path#N".
            var sources = lines.Select(l => CliJson.Parse(l).Str("source")).ToList();
            var silent = chunk.Where(f => !sources.Any(s => s == f || s.StartsWith(f + "#", StringComparison.Ordinal))).ToList();
            Assert.True(silent.Count == 0, $"no outcome printed for {string.Join(", ", silent)}: {output.Stderr}");
            foreach (var line in lines)
            {
                var json = CliJson.Parse(line);
                var exit = json.TryGetProperty("exitCode", out var code) ? code.GetInt32() : 0;
                if (exit is not (0 or 65))
                {
                    problems.Add($"{json.Str("source")}: exit {exit}: {json.GetProperty("error").GetString()}");
                }

                outcomes++;
            }
        }

        Assert.True(files.Count > 400, $"only {files.Count} corpus files");
        Assert.True(outcomes >= files.Count, $"{outcomes} outcomes for {files.Count} files");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.Equal(0L, await db.ScalarAsync("select count(*) from messages"));
    }
}
