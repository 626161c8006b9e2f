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
    [InlineData("Return-Path: <>", "mailer-daemon")]
    [InlineData("Return-Path: <MAILER-DAEMON@mx.example.org>", "mailer-daemon")]
    [InlineData("X-Apple-Action: vacation", "auto-replied")]
    [InlineData("X-Autoresponder: yes", "auto-replied")]
    [InlineData("List-Subscribe: <mailto:news-subscribe@vendor.example>", "list")]
    [InlineData("List-Post: <mailto:news@vendor.example>", "list")]
    [InlineData("List-Help: <mailto:news-help@vendor.example>", "list")]
    [InlineData("List-Owner: <mailto:news-owner@vendor.example>", "list")]
    [InlineData("List-Archive: <https://vendor.example/archive>", "list")]
    [InlineData("Mailing-List: list news@vendor.example; contact news-owner@vendor.example", "list")]
    [InlineData("X-Mailing-List: news@vendor.example", "list")]
    [InlineData("X-MLServer: ecartis", "list")]
    [InlineData("X-ML-Name: news", "list")]
    public void Standard_headers_mark_automatic_mail(string header, string reason)
    {
        Assert.Equal(reason, Headers("From: a@customer.example", header).Reason);
    }

    [Theory]
    [InlineData("MAILER-DAEMON@mx.example.org", "mailer-daemon")]
    [InlineData("postmaster@example.org", "mailer-daemon")]
    [InlineData("post_master@example.org", "mailer-daemon")]
    [InlineData("Mail.Delivery.System@example.org", "mailer-daemon")]
    [InlineData("mail-delivery-system@example.org", "mailer-daemon")]
    [InlineData("Mail Delivery Subsystem <daemon@example.org>", "mailer-daemon")]
    [InlineData("MAILER-DAEMON <>", "mailer-daemon")]
    [InlineData("<>", "mailer-daemon")]
    [InlineData("support@example.com", "loop")]
    [InlineData("SUPPORT+abc@Example.com", "loop")]
    public void Sender_addresses_mark_automatic_mail(string from, string reason)
    {
        Assert.Equal(reason, Headers($"From: {from}").Reason);
    }

    [Theory]
    [InlineData("From: noreply@example.org")]
    [InlineData("From: billing-noreply@example.org")]
    [InlineData("From: a@customer.example", "X-Auto-Response-Suppress: All")]
    [InlineData("From: a@customer.example", "Subject: Out of Office: back Monday")]
    [InlineData("From: a@customer.example", "Subject: Undeliverable: your order")]
    public void A_weak_signal_alone_is_only_a_hint(params string[] headers)
    {
        var verdict = Headers(headers);

        Assert.Null(verdict.Reason);
        Assert.NotNull(verdict.Hint);
    }

    [Fact]
    public void A_person_writing_from_a_no_reply_system_with_a_real_reply_to_is_no_hint()
    {
        Assert.Equal((null, null), (Headers("From: noreply@shop.example", "Reply-To: ann@customer.example").Reason, Headers("From: noreply@shop.example", "Reply-To: ann@customer.example").Hint));
    }

    [Fact]
    public void An_auto_reply_subject_with_an_auto_responder_body_line_is_an_auto_reply()
    {
        var verdict = Body("Subject: AUTO: Ann is out of the office", "I am out of the office until Monday.");

        Assert.Equal("auto-replied", verdict.Reason);
    }

    [Fact]
    public void A_bounce_subject_with_an_MTA_intro_is_a_bounce_even_from_an_ordinary_address()
    {
        var verdict = Body("Subject: Mail delivery failed: returning message to sender",
            "This message was created automatically by mail delivery software.\n\n  carol@other.example\n    SMTP error from remote mail server after RCPT TO:<carol@other.example>:\n    550 5.1.1 User unknown");

        Assert.Equal("bounce", verdict.Reason);
        Assert.Equal(("carol@other.example", "5.1.1"), (verdict.Recipients[0].Address, verdict.Recipients[0].Status));
    }

    [Theory]
    [InlineData("Fwd: Undelivered Mail Returned to Sender")]
    [InlineData("FW: Undeliverable: invoice")]
    [InlineData("WG: Unzustellbar: Rechnung")]
    public void A_person_forwarding_a_bounce_is_a_person(string subject)
    {
        var verdict = Body("Subject: " + subject, "Can you check this?\n\n> This is the mail system at host mx.example.org.\n> I'm sorry to have to inform you that your message could not be delivered");

        Assert.Null(verdict.Reason);
    }

    [Fact]
    public void A_plain_text_bounce_from_mailer_daemon_names_the_returned_message_and_the_recipient()
    {
        var verdict = Body("From: MAILER-DAEMON@mx.example.org", "This is the mail system at host mx.example.org.\n\n<carol@other.example>: host mx.other.example said: 550 5.1.1 unknown user\n\n--- Below this line is a copy of the message.\n\nMessage-ID: <ack-1@example.com>\nSubject: x");

        Assert.Equal(("bounce", "ack-1@example.com"), (verdict.Reason, verdict.BouncedMessageId));
        Assert.Equal("carol@other.example", verdict.BouncedRecipient);
    }

    [Fact]
    public void An_own_list_is_written_by_people_and_its_requester_is_the_original_sender()
    {
        var classifier = new AutomaticMailClassifier(new ClassifierOptions(SupportAddress.Parse("support@example.com"), null) { OwnLists = ["help.lists.example.com"] });
        var text = "From: 'Ann' via Help <help@lists.example.com>\r\nX-Original-From: Ann <ann@customer.example>\r\nList-Id: <help.lists.example.com>\r\nPrecedence: list\r\nSubject: Help\r\n\r\nBody\r\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        using var message = MessageLoader.Parse(stream);

        var verdict = classifier.Classify(message);

        Assert.Equal((null, "ann@customer.example"), (verdict.Reason, verdict.Requester?.Address));
    }

    private static AutomaticVerdict Body(string header, string body)
    {
        var headers = header.StartsWith("From:", StringComparison.Ordinal) ? header + "\r\nSubject: x" : "From: someone@customer.example\r\n" + header;
        var text = headers + "\r\nMessage-ID: <b@customer.example>\r\n\r\n" + body.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        using var message = MessageLoader.Parse(stream);
        return Classifier.Classify(message);
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

        var classified = mail.With(new AutomaticVerdict("bounce", "Content-Type: multipart/report") { BouncedMessageId = "ack-1@example.com", Recipients = [new BouncedRecipient("c@o", "5.1.1", "failed")] });

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
