using System.Text;
using MimeKit;
using TicketMail.Core.Classification;
using TicketMail.Core.Mail;
using TicketMail.Core.Routing;
using TicketMail.TestKit;

namespace TicketMail.Core.Tests.Classification;

public sealed class AutomaticMailClassifierTests
{
    private static readonly AutomaticMailClassifier Classifier =
        new(new ClassifierOptions(SupportAddress.Parse("support@example.com"), "mx.example.com"));

    private static AutomaticVerdict Fixture(string name)
    {
        using var stream = new MemoryStream(RepoPaths.FixtureBytes("safety/" + name));
        using var message = MessageLoader.Parse(stream);
        return Classifier.Classify(message);
    }

    private static AutomaticVerdict Headers(params string[] headers)
    {
        var text = string.Join("\r\n", headers.Prepend("Message-ID: <x@customer.example>")) + "\r\nSubject: Help\r\n\r\nBody\r\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        using var message = MessageLoader.Parse(stream);
        return Classifier.Classify(message);
    }

    [Theory]
    [InlineData("auto-reply-ooo.eml", "auto-replied", "Auto-Submitted: auto-replied")]
    [InlineData("list-mail.eml", "list", "List-Id: Vendor News <news.vendor.example>")]
    [InlineData("read-receipt.eml", "auto-generated", "Content-Type: multipart/report; report-type=disposition-notification")]
    [InlineData("own-loop-header.eml", "loop", "X-TicketMail-Loop: support@example.com")]
    [InlineData("from-support-tag.eml", "loop", "From: support+11111111-2222-3333-4444-555555555555@example.com")]
    [InlineData("noreply.eml", "auto-generated", "From: no-reply@shop.example")]
    public void Fixtures_are_classified_with_the_header_as_evidence(string fixture, string reason, string evidence)
    {
        var verdict = Fixture(fixture);

        Assert.Equal((reason, evidence), (verdict.Reason, verdict.Evidence));
    }

    [Fact]
    public void A_bounce_with_rfc822_headers_names_the_original_message_and_the_failed_recipient()
    {
        var verdict = Fixture("bounce-rfc822-headers.eml");

        Assert.Equal(("bounce", "new-ticket-1@customer.example", "ann@customer.example"),
            (verdict.Reason, verdict.BouncedMessageId, verdict.BouncedRecipient));
    }

    [Fact]
    public void A_bounce_with_the_whole_original_attached_names_it_too()
    {
        var verdict = Fixture("bounce-message-rfc822.eml");

        Assert.Equal(("bounce", "ack-1@example.com", "Carol@Other.Example"),
            (verdict.Reason, verdict.BouncedMessageId, verdict.BouncedRecipient));
    }

    [Fact]
    public void X_Auto_Response_Suppress_alone_is_mail_a_person_wrote()
    {
        Assert.Null(Fixture("outlook-suppress-only.eml").Reason);
    }

    [Fact]
    public void X_Auto_Response_Suppress_with_an_auto_reply_subject_is_an_auto_reply()
    {
        var verdict = Headers("From: a@customer.example", "X-Auto-Response-Suppress: All", "Subject: Automatic reply: Help");

        Assert.Equal("auto-replied", verdict.Reason);
    }

    [Theory]
    [InlineData("Auto-Submitted: auto-generated", "auto-generated")]
    [InlineData("Auto-Submitted: auto-notified", "auto-generated")]
    [InlineData("Auto-Submitted: auto-replied; owner-email=a@b", "auto-replied")]
    [InlineData("Precedence: bulk", "bulk")]
    [InlineData("Precedence: junk", "bulk")]
    [InlineData("Precedence: list", "list")]
    [InlineData("Precedence: auto_reply", "auto-replied")]
    [InlineData("X-Autoreply: yes", "auto-replied")]
    [InlineData("X-Autorespond: on", "auto-replied")]
    [InlineData("X-Loop: helpdesk@vendor.example", "loop")]
    [InlineData("List-Unsubscribe: <https://vendor.example/u>", "list")]
    [InlineData("Return-Path: <>", "auto-generated")]
    public void Standard_headers_mark_automatic_mail(string header, string reason)
    {
        Assert.Equal(reason, Headers("From: a@customer.example", header).Reason);
    }

    [Theory]
    [InlineData("MAILER-DAEMON@mx.example.org", "mailer-daemon")]
    [InlineData("postmaster@example.org", "mailer-daemon")]
    [InlineData("noreply@example.org", "auto-generated")]
    [InlineData("do-not-reply@example.org", "auto-generated")]
    [InlineData("billing-noreply@example.org", "auto-generated")]
    [InlineData("support@example.com", "loop")]
    [InlineData("SUPPORT+abc@Example.com", "loop")]
    public void Sender_addresses_mark_automatic_mail(string from, string reason)
    {
        Assert.Equal(reason, Headers($"From: {from}").Reason);
    }

    [Theory]
    [InlineData("Auto-Submitted: no")]
    [InlineData("Precedence: first-class")]
    [InlineData("Return-Path: <a@customer.example>")]
    [InlineData("X-Mailer: Outlook")]
    public void Ordinary_mail_is_not_automatic(string header)
    {
        var verdict = Headers("From: Norah Reply <norah.replyson@customer.example>", header);

        Assert.Equal((null, null, false), (verdict.Reason, verdict.Evidence, verdict.Spoofed));
    }

    [Fact]
    public void Dmarc_fail_from_our_own_MTA_marks_the_mail_spoofed()
    {
        var verdict = Fixture("spoofed-dmarc-fail.eml");

        Assert.True(verdict.Spoofed);
        Assert.Null(verdict.Reason);
        Assert.StartsWith("Authentication-Results: mx.example.com;", verdict.SpoofEvidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Dmarc_fail_from_a_foreign_authserv_id_is_ignored()
    {
        var verdict = Headers("From: a@customer.example", "Authentication-Results: attacker.example; dmarc=fail");

        Assert.False(verdict.Spoofed);
    }

    [Fact]
    public void Without_a_configured_authserv_id_nothing_is_spoofed()
    {
        var classifier = new AutomaticMailClassifier(new ClassifierOptions(SupportAddress.Parse("support@example.com"), null));
        using var stream = new MemoryStream(RepoPaths.FixtureBytes("safety/spoofed-dmarc-fail.eml"));
        using var message = MessageLoader.Parse(stream);

        Assert.False(classifier.Classify(message).Spoofed);
    }

    [Fact]
    public void A_bounce_joins_References_so_the_router_links_it_to_the_ticket()
    {
        var mail = new InboundMail { RawSha256 = "00", References = ["a@x"] };

        var classified = mail.With(new AutomaticVerdict("bounce", "Content-Type: multipart/report") { BouncedMessageId = "ack-1@example.com", BouncedRecipient = "c@o" });

        Assert.Equal(["a@x", "ack-1@example.com"], classified.References);
        Assert.Equal(("bounce", "ack-1@example.com", "c@o"), (classified.Automatic, classified.BouncedMessageId, classified.BouncedRecipient));
    }

    [Fact]
    public void Evidence_stays_on_one_short_line()
    {
        var verdict = Headers("From: a@customer.example", "X-Loop: " + new string('x', 5000));

        Assert.Equal("loop", verdict.Reason);
        Assert.True(verdict.Evidence!.Length < 260);
        Assert.DoesNotContain('\n', verdict.Evidence);
    }
}
