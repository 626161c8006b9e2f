using TicketMail.Core.Content.Replies;

namespace TicketMail.Core.Tests.Content.Replies;

public sealed class ReplyPreparerTests
{
    private static List<ReplyLine> Prepare(string text) => ReplyPreparer.Prepare(text.Split('\n'));

    [Fact]
    public void A_wrapped_attribution_becomes_one_logical_line()
    {
        var lines = Prepare("Thanks.\n\nOn Tue, Mar 4, 2025 at 9:12 AM Support <\nsupport@example.com> wrote:\n\n> quoted");

        var joined = Assert.Single(lines, l => l.First == 2);
        Assert.Equal(3, joined.Last);
        Assert.Equal("On Tue, Mar 4, 2025 at 9:12 AM Support < support@example.com> wrote:", joined.Text);
    }

    [Fact]
    public void Blank_lines_between_the_parts_of_an_attribution_are_joined_over()
    {
        var lines = Prepare("Thanks.\n\nOn Tue, Mar 4, 2025 at 9:12 AM\n\nSupport <support@example.com>\n\nwrote:\n> quoted");

        Assert.Contains(lines, l => l.First == 2 && l.Last == 6);
    }

    [Fact]
    public void Sentences_are_not_joined_into_an_attribution()
    {
        var lines = Prepare("On the one hand, it works.\nOn Mon, 3 Mar 2025, Ann <ann@example.com> wrote:\n> quoted");

        Assert.All(lines, l => Assert.Equal(l.First, l.Last));
    }

    [Fact]
    public void Fenced_code_and_the_tail_of_a_wrapped_link_are_protected()
    {
        var lines = Prepare("```\n> not a quote\n```\nsee <http://example.com/long\n>, page 2\n| quoted");

        Assert.True(lines[1].Protected);
        Assert.True(lines[4].Protected);
        Assert.Equal("> quoted", lines[5].Text);
    }
}
