using TicketMail.Core.Mail;
using TicketMail.Core.Routing;
using TicketMail.Core.Tests.Support;

namespace TicketMail.Core.Tests.Routing;

/// <summary>
/// Automatic mail joins a ticket (flagged, never reopening it) only from a participant or when it refers to a
/// message of that ticket; a report only when it refers to a message we sent. Plain values in, decisions out.
/// </summary>
public sealed class AutomaticRoutingTests
{
    private static readonly Guid Known = Guid.Parse("5f0c1e2a-3b4c-4d5e-8f90-0a1b2c3d4e5f");
    private static readonly SupportAddress Support = SupportAddress.Parse("support@example.com");
    private const string Ack = "0123456789abcdef01234567@example.com";
    private const string CustomerMessage = "m0@customer.example";

    private readonly TicketRouter _router = new(new RouterOptions(Support));

    private RoutingDecision Route(InboundMail mail, StoreFacts facts, params string[] envelope) =>
        _router.Decide(mail, _router.Plan(mail, envelope), facts);

    /// <summary>A closed ticket of ann@ with her first message and our acknowledgement to her.</summary>
    private static StoreFacts Closed() => new()
    {
        Tickets = new Dictionary<Guid, TicketFacts> { [Known] = Facts.Ticket(Known, status: TicketStatus.Closed) },
        ThreadKeys = new Dictionary<string, Guid> { [CustomerMessage] = Known, [Ack] = Known },
        SentByUs = new Dictionary<string, string> { [Ack] = "ann@customer.example" },
    };

    private static InboundMail Tagged(string from, string automatic) =>
        Inbound.From(from, $"support+{Known}@example.com") with { Automatic = automatic, AutomaticEvidence = "Auto-Submitted: auto-replied" };

    private static InboundMail Report(string automatic, params BouncedRecipient[] recipients) =>
        Inbound.From("mailer-daemon@mx.other.example", $"support+{Known}@example.com") with
        {
            Automatic = automatic,
            IsReport = true,
            BouncedRecipients = recipients,
        };

    [Fact]
    public void An_auto_reply_from_a_participant_is_appended_flagged_and_leaves_the_ticket_closed()
    {
        var decision = Route(Tagged("ann@customer.example", "auto-replied"), Closed());

        Assert.Equal((RouteAction.Replied, false), (decision.Action, decision.Reopens));
        Assert.Contains(decision.Trace, t => t.Contains("is a participant", StringComparison.Ordinal));
    }

    [Fact]
    public void An_auto_reply_from_a_stranger_with_only_a_tag_is_quarantined_as_automatic()
    {
        var decision = Route(Tagged("stranger@elsewhere.example", "auto-replied"), Closed());

        Assert.Equal((RouteAction.Ignored, "auto-replied"), (decision.Action, decision.Reason));
    }

    [Fact]
    public void An_auto_reply_from_a_stranger_that_answers_a_message_of_the_ticket_is_appended()
    {
        var mail = Tagged("colleague@customer.example", "auto-replied") with { InReplyTo = [CustomerMessage] };

        Assert.Equal(RouteAction.Replied, Route(mail, Closed()).Action);
    }

    [Fact]
    public void A_forged_report_about_a_customer_message_is_not_linked_and_flags_nothing()
    {
        var mail = Report("bounce", new BouncedRecipient("ann@customer.example", "5.1.1", "failed")) with { BouncedMessageId = CustomerMessage, References = [CustomerMessage] };

        var decision = Route(mail, Closed());

        Assert.Equal((RouteAction.Ignored, "bounce", null), (decision.Action, decision.Reason, decision.Mark));
    }

    [Fact]
    public void A_bounce_of_our_acknowledgement_is_appended_and_marks_the_recipient_it_names()
    {
        var mail = Report("bounce", new BouncedRecipient("Ann@Customer.example", "5.1.1", "failed")) with { BouncedMessageId = Ack, References = [Ack] };

        var decision = Route(mail, Closed());

        Assert.Equal((RouteAction.Replied, false), (decision.Action, decision.Reopens));
        Assert.Equal(("ann@customer.example", AddressMark.Bounced), (decision.Mark?.Address, decision.Mark?.Flag));
    }

    [Theory]
    [InlineData("other@customer.example", "5.1.1", "failed")]
    [InlineData("ann@customer.example", "4.2.2", "delayed")]
    public void A_bounce_marks_no_address_it_was_not_about_and_a_delay_marks_none(string address, string status, string action)
    {
        var mail = Report("bounce", new BouncedRecipient(address, status, action)) with { BouncedMessageId = Ack };

        var decision = Route(mail, Closed());

        Assert.Equal((RouteAction.Replied, null), (decision.Action, decision.Mark));
    }

    [Fact]
    public void A_feedback_report_about_our_mail_marks_its_recipient_as_complained()
    {
        var mail = Report("feedback") with { BouncedMessageId = Ack, FeedbackType = "abuse" };

        Assert.Equal(AddressMark.Complained, Route(mail, Closed()).Mark?.Flag);
    }

    [Fact]
    public void A_sender_less_bounce_to_our_VERP_address_lands_on_the_ticket_of_the_message_it_names()
    {
        var mail = new InboundMail { RawSha256 = "00", Automatic = "mailer-daemon", To = [new EmailAddress("support+b-0123456789abcdef01234567@example.com", null)] };

        var decision = Route(mail, Closed(), "support+b-0123456789ABCDEF01234567@example.com");

        Assert.Equal((RouteAction.Replied, RouteRule.Verp, Known, false), (decision.Action, decision.Rule, decision.Ticket, decision.Reopens));
        Assert.Contains(decision.Trace, t => t.StartsWith("verp: recipient", StringComparison.Ordinal));
    }

    [Fact]
    public void A_VERP_token_that_names_nothing_we_sent_is_no_proof()
    {
        var mail = Report("bounce") with { To = [new EmailAddress("support+b-ffffffffffffffffffffffff@example.com", null)] };

        Assert.Equal(RouteAction.Ignored, Route(mail, Closed()).Action);
    }

    [Theory]
    [InlineData("support@example.com")]
    [InlineData("support+5f0c1e2a-3b4c-4d5e-8f90-0a1b2c3d4e5f@example.com")]
    public void Mail_from_our_own_address_without_our_loop_header_is_held(string from)
    {
        var reply = Inbound.From(from, $"support+{Known}@example.com") with { Automatic = "loop", InReplyTo = [CustomerMessage] };
        var fresh = Inbound.From(from) with { Automatic = "loop" };

        Assert.Equal((RouteAction.Held, "forged-sender"), (Route(reply, Closed()).Action, Route(reply, Closed()).Reason));
        Assert.Equal((RouteAction.Held, "forged-sender"), (Route(fresh, StoreFacts.Empty).Action, Route(fresh, StoreFacts.Empty).Reason));
    }

    [Fact]
    public void Our_own_address_is_never_a_participant()
    {
        var facts = new StoreFacts { Tickets = new Dictionary<Guid, TicketFacts> { [Known] = Facts.Ticket(Known, "ann@customer.example", TicketStatus.Open, "support@example.com") } };
        var mail = Tagged("support@example.com", "loop") with { OurLoopHeader = true };

        Assert.Equal(RouteAction.Ignored, Route(mail, facts).Action);
    }

    [Fact]
    public void Our_reflected_acknowledgement_with_the_loop_header_joins_its_ticket()
    {
        var mail = Inbound.From("support@example.com", "ann@customer.example", messageId: Ack) with { Automatic = "loop", OurLoopHeader = true };

        Assert.Equal(RouteAction.Replied, Route(mail, Closed()).Action);
    }

    [Fact]
    public void A_person_with_only_a_weak_automatic_signal_is_appended_but_does_not_reopen()
    {
        var mail = Inbound.From("ann@customer.example", $"support+{Known}@example.com") with { AutomaticHint = "Subject: Auto reply: Help" };

        var decision = Route(mail, Closed());

        Assert.Equal((RouteAction.Replied, false), (decision.Action, decision.Reopens));
    }

    [Fact]
    public void The_VERP_address_round_trips_a_Message_ID_of_ours_and_nothing_else()
    {
        var id = Verp.NewMessageId(Support);
        var envelope = Verp.EnvelopeSender(Support, id);

        Assert.Matches("^support\\+b-[0-9a-f]{24}@example.com$", envelope);
        Assert.Equal(id, Verp.MessageIdOf(Support, envelope!.ToUpperInvariant().Replace("EXAMPLE.COM", "example.com", StringComparison.Ordinal)));
        Assert.Null(Verp.EnvelopeSender(Support, "JXKQ2NNTCCU4.GAVBGB1MMUAA2@example.com"));
        Assert.Null(Verp.MessageIdOf(Support, $"support+{Known}@example.com"));
        Assert.Null(Verp.MessageIdOf(Support, "sales+b-0123456789abcdef01234567@example.com"));
    }
}
