using TicketMail.Core.Content.Replies;

namespace TicketMail.Core.Tests.Content.Replies;

/// <summary>Each sequence rule on a string of kinds: t text, e empty, a attribution, h header, q quote, s signature, d delimiter.</summary>
public sealed class ReplyRulesTests
{
    private static LineKind[] K(string pattern) => pattern.Select(c => (LineKind)c).ToArray();

    private static List<ReplyLine> L(string pattern, params (int Index, string Text)[] texts)
    {
        var lines = pattern.Select((c, i) => new ReplyLine(c == 'e' ? "" : "x", i, i)).ToList();
        foreach (var (index, text) in texts)
        {
            lines[index] = lines[index] with { Text = text };
        }

        return lines;
    }

    [Fact]
    public void Rule1_bottom_posting_starts_after_the_leading_attribution_and_quote()
    {
        Assert.Equal(4, ReplyRules.BottomPosted(K("aqqett"), L("aqqett"), 0));
        Assert.Equal(0, ReplyRules.BottomPosted(K("teaq"), L("teaq"), 0));
    }

    [Fact]
    public void Rule1_an_inline_reply_or_a_forward_is_left_unchanged()
    {
        Assert.Null(ReplyRules.BottomPosted(K("aqtqt"), L("aqtqt"), 0));
        Assert.Null(ReplyRules.BottomPosted(K("aqq"), L("aqq"), 0));
        Assert.Null(ReplyRules.BottomPosted(K("aet"), L("aet", (0, "---------- Forwarded message ---------")), 0));
    }

    [Fact]
    public void Rule2_the_first_attribution_or_header_block_after_text_cuts()
    {
        Assert.Equal(2, ReplyRules.CutAtMarker(K("teaqq"), 0, 5));
        Assert.Equal(2, ReplyRules.CutAtMarker(K("tehhht"), 0, 6));
        Assert.Equal(5, ReplyRules.CutAtMarker(K("tqtqt"), 0, 5));
    }

    [Fact]
    public void Rule2_an_unanswered_quote_after_the_text_cuts()
    {
        Assert.Equal(2, ReplyRules.CutAtMarker(K("teqq"), 0, 4));
        Assert.Equal(3, ReplyRules.CutAtMarker(K("tqtqq"), 0, 5));
    }

    [Fact]
    public void Rule3_a_trailing_quote_block_goes() => Assert.Equal(1, ReplyRules.DropTrailingQuote(K("teqeq"), 0, 5));

    [Fact]
    public void Rule4_a_signature_goes_from_its_delimiter_or_app_line()
    {
        Assert.Equal(1, ReplyRules.DropSignature(K("tedtt"), L("tedtt"), 0, 5));
        Assert.Equal(1, ReplyRules.DropSignature(K("tes"), L("tes"), 0, 3));
        Assert.Equal(3, ReplyRules.DropSignature(K("tetst"), L("tetst"), 0, 5));
    }

    [Fact]
    public void Rule4_a_sign_off_with_the_name_under_it_goes()
    {
        var lines = L("tettt", (3, "Kind regards,"), (4, "Ann Smith"));
        Assert.Equal(3, ReplyRules.DropSignOff(K("tettt"), lines, 0, 5));
        Assert.Equal(1, ReplyRules.DropSignOff(K("tet"), L("tet", (2, "-Ann")), 0, 3));
    }

    [Fact]
    public void Decide_keeps_everything_when_nothing_new_is_left() => Assert.Null(ReplyRules.Decide(K("qqq"), L("qqq")));
}
