using TicketMail.Core.Content;
using TicketMail.Core.Tests.Support;
using TicketMail.TestKit;
using Xunit.Abstractions;

namespace TicketMail.Core.Tests.Content;

/// <summary>
/// Every tests/fixtures/content/replies/*.eml against its .expected.txt, plus the measured figure that the
/// README quotes ("N of M fixtures trim exactly").
/// </summary>
public sealed class ReplyTrimmingTests(ITestOutputHelper output)
{
    private static readonly string Folder = RepoPaths.Fixture("content/replies");

    private static List<string> Names() =>
        Directory.GetFiles(Folder, "*.eml").Order(StringComparer.Ordinal).Select(f => Path.GetFileNameWithoutExtension(f)).ToList();

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names())
        {
            data.Add(name);
        }

        return data;
    }

    private static (string Expected, string Actual) Trim(string name)
    {
        var mail = Read.Fixture($"content/replies/{name}.eml");
        var expected = File.ReadAllText(Path.Combine(Folder, name + ".expected.txt")).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        return (expected, mail.Reply);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Each_client_style_trims_to_the_expected_reply(string name)
    {
        var (expected, actual) = Trim(name);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_fixture_set_is_broad_and_the_exact_trim_rate_is_measured()
    {
        var names = Names();
        var exact = names.Count(n => Trim(n) is var (e, a) && e == a);

        output.WriteLine($"reply trimming: {exact} of {names.Count} fixtures trim exactly");
        Assert.True(names.Count >= 12, $"only {names.Count} fixtures");
        Assert.Equal(names.Count, exact);
    }

    [Fact]
    public void When_trimming_would_leave_nothing_the_reply_is_the_full_text()
    {
        Assert.Equal("> only a quote", ReplyTrimmer.Trim("> only a quote\n"));
    }

    [Fact]
    public void The_full_text_is_kept_while_the_reply_is_trimmed()
    {
        var mail = Read.Fixture("content/replies/gmail-en.eml");

        Assert.Contains("> Please restart the printer.", mail.Text, StringComparison.Ordinal);
        Assert.Equal("Thanks, that fixed it.\n\nAnn", mail.Reply);
    }
}
