using TicketMail.Core.Content;

namespace TicketMail.Core.Tests.Content;

public sealed class HtmlCleanerTests
{
    private static readonly Dictionary<string, string> Cids = new(StringComparer.OrdinalIgnoreCase) { ["logo@x"] = "abc123" };

    [Fact]
    public void A_full_page_overlay_loses_its_fixed_position_and_z_index()
    {
        var html = HtmlCleaner.Clean(
            "<div style=\"position:fixed;top:0;left:0;width:100%;height:100%;z-index:99999;color:red\">Log in again</div>"
            + "<p style=\"position: absolute\">x</p>", Cids);

        Assert.DoesNotContain("position", html, StringComparison.Ordinal);
        Assert.DoesNotContain("z-index", html, StringComparison.Ordinal);
        Assert.Contains("color", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Remote_content_that_loads_by_itself_is_dropped_while_links_stay()
    {
        var html = HtmlCleaner.Clean(
            "<div style=\"background:url(http://evil.example/bg.png)\" background=\"http://evil.example/b.png\">" +
            "<a href=\"https://ok.example/\">ok</a><img src=\"http://evil.example/p.gif\"><img src=\"cid:logo@x\"><img src=\"cid:missing\">" +
            "<img src=\"data:image/png;base64,AAAA\"><iframe src=\"https://evil.example/\"></iframe></div>",
            Cids);

        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://ok.example/\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"attachments/abc123\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/png;base64,AAAA\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cid:", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_to_text_renders_lists_links_and_quotes()
    {
        var text = HtmlToText.Convert("<p>Hi <a href=\"https://x.example/a\">docs</a></p><ol><li>one</li><li>two</li></ol><blockquote>old<br>text</blockquote><p>end</p>");

        Assert.Equal("Hi docs (https://x.example/a)\n\n1. one\n2. two\n\n> old\n> text\n\nend", text);
    }
}
