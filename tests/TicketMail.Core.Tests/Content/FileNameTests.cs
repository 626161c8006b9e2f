using System.Text;
using TicketMail.Core.Content;

namespace TicketMail.Core.Tests.Content;

public sealed class FileNameTests
{
    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Windows\\evil.exe", "evil.exe")]
    [InlineData("..", "attachment-3.pdf")]
    [InlineData("", "attachment-3.pdf")]
    [InlineData("  ", "attachment-3.pdf")]
    [InlineData("a\u0000b\u001Fc.pdf", "abc.pdf")]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe")]
    [InlineData("con", "_con")]
    [InlineData("LPT1.txt", "_LPT1.txt")]
    [InlineData("what?*.pdf", "what__.pdf")]
    [InlineData("report.pdf.", "report.pdf")]
    [InlineData("evil.exe. . ", "evil.exe")]
    [InlineData("evil.exe . .. ", "evil.exe")]
    public void Names_are_sanitized(string raw, string expected)
    {
        Assert.Equal(expected, FileNames.Sanitize(raw, "application/pdf", 3));
    }

    [Fact]
    public void Long_names_are_cut_to_255_bytes_of_UTF8_keeping_the_extension()
    {
        var name = FileNames.Sanitize(new string('ü', 200) + ".docx", "application/octet-stream", 1);

        Assert.True(Encoding.UTF8.GetByteCount(name) <= 255);
        Assert.EndsWith("ü.docx", name, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_name_takes_its_extension_from_the_content_type()
    {
        Assert.Equal("attachment-2.png", FileNames.Sanitize(null, "image/png", 2));
    }
}
