using TicketMail.Core.Content;
using TicketMail.Core.Mail;

namespace TicketMail.Core.Tests.Content;

/// <summary>A body part larger than the text limit is shown cut at a line end, with a note; nothing else changes.</summary>
public sealed class LargeBodyTests
{
    private static ExtractedBody Extract(string contentType, string body, ContentOptions options)
    {
        var raw = TestKit.Mail.From("Ann <ann@customer.example>").Header("Content-Type", contentType).Body(body).Bytes();
        using var stream = new MemoryStream(raw);
        using var message = MessageLoader.Parse(stream);
        return new BodyExtractor(options).Extract(message);
    }

    [Fact]
    public void A_text_part_over_the_limit_keeps_its_first_whole_lines_and_says_how_large_it_was()
    {
        // "ü" is two bytes in UTF-8: a cut inside one would make the prefix invalid UTF-8 and read as windows-1252.
        var body = string.Concat(Enumerable.Range(0, 400).Select(i => $"Zeile {i:D3} für den Drucker\r\n"));

        var extracted = Extract("text/plain; charset=utf-8", body, new ContentOptions { MaxTextBytes = 1000 });

        var lines = extracted.Text.Split('\n');
        Assert.True(lines.Length is > 20 and < 40, extracted.Text);
        Assert.All(lines, l => Assert.Matches(@"^Zeile \d{3} für den Drucker$", l));
        var note = Assert.Single(extracted.Notes);
        Assert.StartsWith("the text body has 11,200 bytes;", note, StringComparison.Ordinal);
        Assert.Contains("only the first 1,000 are shown", note, StringComparison.Ordinal);
    }

    [Fact]
    public void An_HTML_part_has_its_own_smaller_limit_and_the_cut_markup_is_still_sanitized()
    {
        var body = "<html><body>" + string.Concat(Enumerable.Range(0, 300).Select(i => $"<p>Paragraph <b>{i}</b></p>\r\n")) + "</body></html>";
        var options = new ContentOptions { MaxTextBytes = 100_000, MaxHtmlBytes = 2000 };

        var extracted = Extract("text/html; charset=utf-8", body, options);

        Assert.Contains("Paragraph 0", extracted.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Paragraph 299", extracted.Text, StringComparison.Ordinal);
        Assert.EndsWith("</p>", extracted.Html!.TrimEnd(), StringComparison.Ordinal);
        Assert.StartsWith("the HTML body has", Assert.Single(extracted.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void A_part_within_the_limit_is_whole_and_gets_no_note()
    {
        var body = string.Concat(Enumerable.Range(0, 30).Select(i => $"line {i}\r\n"));

        var extracted = Extract("text/plain; charset=utf-8", body, new ContentOptions { MaxTextBytes = 1000 });

        Assert.Equal(30, extracted.Text.Split('\n').Length);
        Assert.Empty(extracted.Notes);
    }
}
