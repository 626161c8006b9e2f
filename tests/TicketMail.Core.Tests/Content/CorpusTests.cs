using TicketMail.Core.Content;
using TicketMail.Core.Mail;
using TicketMail.TestKit;

namespace TicketMail.Core.Tests.Content;

/// <summary>
/// Every message of the public corpora in ../shared/corpus goes through the reader in-process: it either
/// reads or is refused as unusable (exit 65), and never throws anything else. The CLI tests run a sample as a process.
/// </summary>
public sealed class CorpusTests
{
    public static string Folder => Environment.GetEnvironmentVariable("TICKETMAIL_CORPUS") is { Length: > 0 } corpus
        ? corpus
        // CI checks shared/ out beside the clone; a git worktree under wt/ has it one level further up.
        : new[] { Path.Combine(RepoPaths.Root, "..", "shared", "corpus"), Path.Combine(RepoPaths.Root, "..", "..", "shared", "corpus") }
            .Select(Path.GetFullPath).FirstOrDefault(Directory.Exists) ?? Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "corpus"));

    public static IReadOnlyList<string> Messages() =>
        Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is not (".xml" or ".json" or ".md") && !Path.GetFileName(f).Equals("COPYING", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void Every_corpus_message_is_read_or_refused_as_unusable()
    {
        if (!Directory.Exists(Folder))
        {
            Assert.Fail($"the shared corpus is missing at {Folder}; CI checks it out beside the clone");
        }

        var failures = new List<string>();
        var files = Messages();
        foreach (var file in files)
        {
            try
            {
                using var stream = File.OpenRead(file);
                var sha = Sha256Hex.Of(stream);
                using var message = MessageLoader.Parse(stream);
                var mail = new InboundMailReader(new BodyExtractor()).Read(message, sha, stream.Length, DateTimeOffset.UnixEpoch);
                Assert.DoesNotContain(mail.Attachments, a => a.ContentType == "application/ms-tnef" && a.Content is not null && !mail.Notes.Any(n => n.Contains("TNEF", StringComparison.Ordinal)));
            }
            catch (UnusableMessageException)
            {
            }
            catch (Exception ex)
            {
                failures.Add($"{Path.GetRelativePath(Folder, file)}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.True(files.Count > 400, $"only {files.Count} corpus files");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
