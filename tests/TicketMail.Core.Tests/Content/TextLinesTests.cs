using TicketMail.Core.Content;

namespace TicketMail.Core.Tests.Content;

public sealed class TextLinesTests
{
    // What BodyExtractor did before: split, trim, join (several full copies of a large body).
    private static string Old(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n').Select(l => l.TrimEnd())).Trim('\n');

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("a\nb")]
    [InlineData("\n\na  \r\nb\t\r\rc \n\n")]
    [InlineData("  lead\r\n\r\n  \r\nend  ")]
    [InlineData("x\u00a0\ny\n")]
    [InlineData("\r")]
    [InlineData("only\r\n")]
    public void Normalize_matches_the_split_and_join_it_replaces(string text)
    {
        Assert.Equal(Old(text), TextLines.Normalize(text));
    }

    [Fact]
    public void Normal_text_is_returned_as_it_is_without_a_copy()
    {
        var text = string.Join('\n', Enumerable.Range(0, 1000).Select(i => $"line {i}"));

        Assert.Same(text, TextLines.Normalize(text));
    }
}
