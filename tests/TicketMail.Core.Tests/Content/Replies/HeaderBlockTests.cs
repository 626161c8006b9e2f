using TicketMail.Core.Content.Replies;

namespace TicketMail.Core.Tests.Content.Replies;

public sealed class HeaderBlockTests
{
    private static List<ReplyLine> Lines(string text) => text.Split('\n').Select((l, i) => new ReplyLine(l, i, i)).ToList();

    [Theory]
    [InlineData("From: Ann <ann@example.com>", HeaderFieldKind.From)]
    [InlineData("*Von:* Ann", HeaderFieldKind.From)]
    [InlineData("发件人: Ann", HeaderFieldKind.From)]
    [InlineData("Enviada em: segunda-feira", HeaderFieldKind.Other)]
    [InlineData("Risposta: ann@example.com", HeaderFieldKind.Other)]
    [InlineData("Reply-To: ann@example.com", HeaderFieldKind.Other)]
    [InlineData("主题: 打印机", HeaderFieldKind.Other)]
    [InlineData("Ticket-Reference: 4412", HeaderFieldKind.Unknown)]
    [InlineData("Thanks for the help", HeaderFieldKind.None)]
    public void Header_fields_are_classified(string line, HeaderFieldKind kind) => Assert.Equal(kind, HeaderField.Of(line));

    [Fact]
    public void A_block_needs_a_from_and_another_field()
    {
        Assert.Equal(3, HeaderBlock.Length(Lines("From: Ann <ann@example.com>\nSent: Monday\nSubject: Printer\n\nbody"), 0, ruleAbove: false));
        Assert.Equal(0, HeaderBlock.Length(Lines("From: Ann <ann@example.com>\n\nbody"), 0, ruleAbove: false));
        Assert.Equal(0, HeaderBlock.Length(Lines("Subject: Printer\nDate: Monday"), 0, ruleAbove: false));
    }

    [Fact]
    public void One_unknown_field_and_a_wrapped_value_stay_inside_the_block()
    {
        var lines = Lines("From: Ann <ann@example.com>\nTo: Bob <bob@example.com>,\n  Carl <carl@example.com>\nTicket-Reference: 4412\nSubject: Printer\n\nbody");
        Assert.Equal(5, HeaderBlock.Length(lines, 0, ruleAbove: false));
    }

    [Fact]
    public void A_lone_from_line_counts_under_a_rule() =>
        Assert.Equal(1, HeaderBlock.Length(Lines("From: Ann <ann@example.com>\n\nbody"), 0, ruleAbove: true));

    [Theory]
    [InlineData("-----", true)]
    [InlineData("=====", true)]
    [InlineData("________________________________", true)]
    [InlineData("--", false)]
    [InlineData("- item", false)]
    public void Rules_above_a_block_are_recognised(string line, bool rule) => Assert.Equal(rule, HeaderField.IsRule(line));
}
