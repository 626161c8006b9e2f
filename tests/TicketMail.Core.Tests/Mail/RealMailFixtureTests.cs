using TicketMail.Core.Mail;
using TicketMail.Core.Tests.Support;

namespace TicketMail.Core.Tests.Mail;

/// <summary>
/// The shapes of issue 11 (tests/fixtures/realmail): messy mail people send still reads with the right
/// sender and a note; robots are recognised before anyone asks for a sender; a forwarded bounce is a person.
/// </summary>
public sealed class RealMailFixtureTests
{
    [Theory]
    [InlineData("leading-blank-line.eml", "ann@customer.example", "Ann Example", "skipped 2 blank line(s) before the header block")]
    [InlineData("banner-line.eml", "bob@customer.example", "Bob Example", "---- original message ----")]
    [InlineData("from-no-brackets.eml", "john@customer.example", "John Smith", "raw From header")]
    [InlineData("from-space-local.eml", "\"jo doe\"@customer.example", "Jo Doe", "raw From header")]
    [InlineData("from-trailing-dot.eml", "kim@customer.example", "Kim", null)]
    [InlineData("from-unparsable-sender-fallback.eml", "lee@customer.example", "Lee", "sender taken from Sender")]
    [InlineData("mbox-envelope-only.eml", "pat@customer.example", null, "sender taken from the mbox envelope line")]
    [InlineData("forwarded-bounce.eml", "gil@customer.example", "Gil", null)]
    public void Mail_a_person_wrote_reads_with_its_sender(string fixture, string address, string? name, string? note)
    {
        var mail = Read.Fixture("realmail/" + fixture);

        Assert.Equal((address, name, null), (mail.From?.Address, mail.From?.Name, mail.Automatic));
        if (note is not null)
        {
            Assert.Contains(mail.Notes, n => n.Contains(note, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("bounce-from-empty.eml", "bounce", null, "orig-1@example.com")]
    [InlineData("bounce-mailer-daemon-empty.eml", "bounce", null, "orig-1@example.com")]
    [InlineData("bounce-no-from.eml", "bounce", null, "orig-2@example.com")]
    [InlineData("report-no-type.eml", "bounce", "relay@mx.other.example", null)]
    [InlineData("feedback-report.eml", "feedback", "fbl@isp.example", "orig-3@example.com")]
    [InlineData("icloud-vacation.eml", "auto-replied", "fay@icloud.example", null)]
    [InlineData("list-subscribe.eml", "list", "news@lists.vendor.example", null)]
    [InlineData("list-post.eml", "list", "news@lists.vendor.example", null)]
    [InlineData("mailing-list.eml", "list", "news@lists.vendor.example", null)]
    [InlineData("x-mlserver.eml", "list", "news@lists.vendor.example", null)]
    [InlineData("x-ml-name.eml", "list", "news@lists.vendor.example", null)]
    [InlineData("post-master.eml", "mailer-daemon", "post_master@mx.other.example", null)]
    [InlineData("mail-delivery-system.eml", "bounce", "Mail.Delivery.System@mx.other.example", null)]
    [InlineData("return-path-mailer-daemon.eml", "bounce", "notice@mx.other.example", null)]
    public void Robots_are_recognised_with_or_without_a_sender(string fixture, string automatic, string? from, string? original)
    {
        var mail = Read.Fixture("realmail/" + fixture);

        Assert.Equal((automatic, from, original), (mail.Automatic, mail.From?.Address, mail.BouncedMessageId));
    }

    [Theory]
    [InlineData("bounce-from-empty.eml", "carol@other.example", "5.1.1")]
    [InlineData("bounce-no-from.eml", "carol@other.example", "5.1.1")]
    [InlineData("report-no-type.eml", "dan@other.example", "5.2.2")]
    [InlineData("mail-delivery-system.eml", "hal@other.example", "5.1.1")]
    public void A_bounce_names_the_recipient_that_failed_and_its_status(string fixture, string recipient, string status)
    {
        var mail = Read.Fixture("realmail/" + fixture);

        Assert.Equal((recipient, status, true), (mail.BouncedRecipients[0].Address, mail.BouncedRecipients[0].Status, mail.BouncedRecipients[0].Permanent));
    }

    [Fact]
    public void A_delay_warning_marks_no_recipient_as_failed()
    {
        Assert.Null(Read.Fixture("realmail/return-path-mailer-daemon.eml").BouncedRecipient);
    }

    [Fact]
    public void Only_a_message_with_no_sender_and_nothing_automatic_is_refused()
    {
        Assert.Throws<UnusableMessageException>(() => Read.Fixture("realmail/no-sender-anywhere.eml"));
    }
}
