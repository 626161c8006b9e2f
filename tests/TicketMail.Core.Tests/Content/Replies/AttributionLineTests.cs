using TicketMail.Core.Content.Replies;

namespace TicketMail.Core.Tests.Content.Replies;

public sealed class AttributionLineTests
{
    [Theory]
    [InlineData("On Mon, 3 Mar 2025 at 10:00, Ann <ann@example.com> wrote:")]
    [InlineData("On Mon, 3 Mar 2025 at 10:00, Ann <ann@example.com> wrote")]
    [InlineData("---- On Mon, 03 Mar 2025 10:00:00 +0100 ann@example.com wrote ----")]
    [InlineData("Am 03.03.2025 um 10:00 schrieb Ann <ann@example.com>:")]
    [InlineData("Le lun. 3 mars 2025 à 10:00, Ann <ann@example.com> a écrit :")]
    [InlineData("пн, 3 бер. 2025 о 10:00 Ann <ann@example.com> пише:")]
    [InlineData("3 марта 2025 г., в 10:00, Ann <ann@example.com> пишет:")]
    [InlineData("Dne po 3. 3. 2025 10:00 Ann <ann@example.com> napsal(a):")]
    [InlineData("在 2025年3月3日 10:00，Ann <ann@example.com> 写道：")]
    [InlineData("Vào 10:00 Th 2, 3 thg 3, 2025 Ann <ann@example.com> đã viết:")]
    [InlineData("Den mån 3 mars 2025 kl 10:00 skrev Ann <ann@example.com>:")]
    [InlineData("ma 3. maalisk. 2025 klo 10.00 Ann (ann@example.com) kirjoitti:")]
    [InlineData("ср, 30 апр. 2025 г. в 15:19, Ann <ann@example.com>:")]
    [InlineData("2025-03-04 09:12 GMT+01:00 Ann <ann@example.com>:")]
    [InlineData("2025-03-04 09:12 GMT+01:00 Ann:")]
    [InlineData(">>> Ann <ann@example.com> 03/03/2025 10:00 AM >>>")]
    [InlineData("-----Original Message-----")]
    [InlineData("*--- Original Message ---*")]
    [InlineData("---------- Forwarded message ---------")]
    [InlineData("ann@example.com wrote:")]
    public void Attributions_in_many_forms_are_recognised(string line) => Assert.True(AttributionLine.IsMatch(line, quoteFollows: false));

    [Theory]
    [InlineData("On Monday I wrote to the vendor")]
    [InlineData("I wrote: nothing")]
    [InlineData("Please see the original message below")]
    [InlineData("The meeting is at 10:00 tomorrow.")]
    public void Sentences_with_the_same_words_are_text(string line) => Assert.False(AttributionLine.IsMatch(line, quoteFollows: false));

    [Fact]
    public void A_bare_name_wrote_is_an_attribution_only_above_a_quote()
    {
        Assert.True(AttributionLine.IsMatch("Ann wrote:", quoteFollows: true));
        Assert.False(AttributionLine.IsMatch("Ann wrote:", quoteFollows: false));
    }

    [Fact]
    public void Forward_markers_are_told_apart_from_reply_markers()
    {
        Assert.True(AttributionLine.IsForward("---------- Forwarded message ---------"));
        Assert.False(AttributionLine.IsForward("-----Original Message-----"));
    }
}
