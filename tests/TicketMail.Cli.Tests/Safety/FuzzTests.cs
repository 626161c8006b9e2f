using TicketMail.Cli.Configuration;
using TicketMail.Cli.Infrastructure;
using TicketMail.Cli.Processing;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Safety;

/// <summary>
/// Mutates the fixture corpus with a fixed seed. 2,000 cases run in-process through the same spooling
/// path the CLI uses (a CLI process per case would take an hour); a sample runs through the real CLI.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FuzzTests(PostgresServer postgres)
{
    private const int Seed = 20261125;
    private const int Cases = 2000;

    [Fact]
    public async Task Two_thousand_mutated_messages_each_end_stored_or_kept_with_exit_0_or_65()
    {
        await using var bed = await SafetyBed.CreateAsync(TestDatabase.Sqlite, postgres);
        var error = new StringWriter();
        var config = Config(bed);
        await using var session = new StoreSession(config);
        var processor = new MessageProcessor(config, session, TimeProvider.System, new ConsoleIO(() => Stream.Null, new StringWriter(), error, false, false));
        var mutator = new Mutator(Seed, Corpus());
        var kept = 0;

        for (var i = 0; i < Cases; i++)
        {
            using var input = new MemoryStream(mutator.Next(), writable: false);
            var result = await processor.ProcessAsync($"case-{i}", input, [], dryRun: false, CancellationToken.None);

            Assert.True(result.ExitCode is 0 or 65, $"case {i}: exit {result.ExitCode} {result.Error}");
            if (result.KeptAs is { } id)
            {
                Assert.True(File.Exists(Path.Combine(bed.Spool, "quarantine", id + ".eml")), $"case {i}: kept as {id} but not in quarantine");
                kept++;
            }
            else
            {
                Assert.True(result.Ticket is not null && result.ActionName is "created" or "replied" or "duplicate", $"case {i}: {result.ActionName} neither stored nor kept");
            }
        }

        Assert.Empty(bed.Files("incoming"));
        Assert.Empty(bed.Files("deferred"));
        Assert.Equal(kept, bed.Files("quarantine").Count);
        Assert.DoesNotContain("internal error", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sample_of_mutated_messages_through_the_real_CLI_ends_with_exit_0_or_65()
    {
        await using var bed = await SafetyBed.CreateAsync(TestDatabase.Sqlite, postgres);
        var mutator = new Mutator(Seed + 1, Corpus());
        var inputs = Enumerable.Range(0, 20).Select(_ => mutator.Next()).ToList();

        foreach (var batch in inputs.Chunk(5))
        {
            var outputs = await Task.WhenAll(batch.Select(input => bed.Cli.RunAsync(input, "process", "--json")));
            Assert.All(outputs, o =>
            {
                Assert.True(o.ExitCode is 0 or 65, o.ToString());
                Assert.DoesNotContain("   at ", o.Stderr, StringComparison.Ordinal);
                CliJson.Single(o);
            });
        }

        Assert.Empty(bed.Files("incoming"));
    }

    private static AppConfig Config(SafetyBed bed)
    {
        var values = new Dictionary<string, string?>
        {
            [SettingNames.Db] = bed.Db.ConnectionString,
            [SettingNames.Spool] = bed.Spool,
            [SettingNames.SupportAddress] = "support@example.com",
        };
        var settings = new Settings(new Dictionary<string, string>(), name => values.GetValueOrDefault(name), new Dictionary<string, string>(), new Dictionary<string, string>(), null);
        return AppConfig.From(settings);
    }

    private static List<byte[]> Corpus() =>
        Directory.EnumerateFiles(RepoPaths.Fixtures, "*.eml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .ToList();

    /// <summary>Byte-level mutations: flips, inserts (NUL, CR, LF, boundary-ish text), deletes, duplicates, truncation, splices.</summary>
    private sealed class Mutator(int seed, List<byte[]> corpus)
    {
        private static readonly byte[][] Tokens =
        [
            "\r\n"u8.ToArray(), "\0"u8.ToArray(), "\r"u8.ToArray(), "--"u8.ToArray(), ":"u8.ToArray(), "=?utf-8?B?"u8.ToArray(),
            "Content-Type: multipart/mixed; boundary=z\r\n"u8.ToArray(), "\r\n--z\r\n"u8.ToArray(), "Content-Transfer-Encoding: base64\r\n"u8.ToArray(),
            "Auto-Submitted: auto-replied\r\n"u8.ToArray(), "From: <>\r\n"u8.ToArray(), "\u202E"u8.ToArray(), [0xFF, 0xFE, 0xC3],
        ];

        private readonly Random _random = new(seed);

        public byte[] Next()
        {
            var data = new List<byte>(corpus[_random.Next(corpus.Count)]);
            var steps = _random.Next(1, 6);
            for (var s = 0; s < steps; s++)
            {
                var at = data.Count == 0 ? 0 : _random.Next(data.Count);
                switch (_random.Next(7))
                {
                    case 0 when data.Count > 0:
                        data[at] ^= (byte)(1 << _random.Next(8));
                        break;
                    case 1:
                        data.InsertRange(at, Tokens[_random.Next(Tokens.Length)]);
                        break;
                    case 2 when data.Count > 0:
                        data.RemoveRange(at, Math.Min(_random.Next(1, 64), data.Count - at));
                        break;
                    case 3 when data.Count > 0:
                        var length = Math.Min(_random.Next(1, 256), data.Count - at);
                        data.InsertRange(at, data.GetRange(at, length));
                        break;
                    case 4:
                        data.RemoveRange(at, data.Count - at);
                        break;
                    case 5:
                        var other = corpus[_random.Next(corpus.Count)];
                        var from = _random.Next(other.Length);
                        data.InsertRange(at, other.Skip(from).Take(_random.Next(1, 512)));
                        break;
                    default:
                        data.Insert(at, (byte)_random.Next(256));
                        break;
                }
            }

            return data.ToArray();
        }
    }
}
