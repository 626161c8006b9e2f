using MimeKit;
using TicketMail.Core.Classification;
using TicketMail.Core.Mail;
using TicketMail.Core.Routing;
using TicketMail.Core.Tests.Support;

namespace TicketMail.Core.Tests.Routing;

/// <summary>
/// Several support addresses (TICKETMAIL_SUPPORT_ADDRESS as a list): every one of them is ours for automatic
/// mail, VERP tokens and participants, not only the first. Plain values in, decisions out.
/// </summary>
public sealed class SeveralAddressesAutomaticTests
{
    private static readonly Guid Known = Guid.Parse("5f0c1e2a-3b4c-4d5e-8f90-0a1b2c3d4e5f");
    private static readonly SupportAddresses Addresses = SupportAddresses.Parse("support@example.com, billing@example.com=billing");
    private const string Ack = "0123456789abcdef01234567@example.com";

    private readonly TicketRouter _router = new(new RouterOptions(Addresses.Default) { Addresses = Addresses });

    private RoutingDecision Route(InboundMail mail, StoreFacts facts, params string[] envelope) =>
        _router.Decide(mail, _router.Plan(mail, envelope), facts);

    /// <summary>A closed ticket opened on billing@: ann@ wrote to it (so billing@ is in its To), and we acknowledged from billing@.</summary>
    private static StoreFacts Closed() => new()
    {
        Tickets = new Dictionary<Guid, TicketFacts> { [Known] = Facts.Ticket(Known, "ann@customer.example", TicketStatus.Closed, "billing@example.com") },
        ThreadKeys = new Dictionary<string, Guid> { ["m0@customer.example"] = Known, [Ack] = Known },
        SentByUs = new Dictionary<string, string> { [Ack] = "ann@customer.example" },
    };

    [Fact]
    public void A_bounce_to_the_VERP_form_of_the_second_address_lands_on_its_ticket_and_does_not_reopen_it()
    {
        const string verp = "billing+b-0123456789abcdef01234567@example.com";
        var mail = new InboundMail
        {
            RawSha256 = "00",
            Automatic = "bounce",
            To = [new EmailAddress(verp, null)],
            BouncedRecipients = [new BouncedRecipient("ann@customer.example", "5.1.1", "failed")],
        };

        var decision = Route(mail, Closed(), verp);

        Assert.Equal((RouteAction.Replied, RouteRule.Verp, Known, false), (decision.Action, decision.Rule, decision.Ticket, decision.Reopens));
        Assert.Equal(("ann@customer.example", AddressMark.Bounced), (decision.Mark?.Address, decision.Mark?.Flag));
    }

    [Fact]
    public void Automatic_mail_answering_from_the_second_address_is_no_participant_of_the_ticket()
    {
        // No From, Reply-To our second address: the second address is in the ticket's To, but it is ours, not a participant.
        var mail = Inbound.From("ann@customer.example", $"support+{Known}@example.com") with
        {
            From = null,
            ReplyTo = new EmailAddress("billing@example.com", null),
            Automatic = "auto-replied",
            AutomaticEvidence = "Auto-Submitted: auto-replied",
        };

        var decision = Route(mail, Closed());

        Assert.Equal((RouteAction.Ignored, "auto-replied"), (decision.Action, decision.Reason));
    }

    [Theory]
    [InlineData("billing@example.com")]
    [InlineData("billing+5f0c1e2a-3b4c-4d5e-8f90-0a1b2c3d4e5f@example.com")]
    [InlineData("billing+b-0123456789abcdef01234567@example.com")]
    public void Mail_from_the_second_address_or_a_tag_form_of_it_is_our_own(string from)
    {
        var classifier = new AutomaticMailClassifier(new ClassifierOptions(Addresses.Default, null) { Addresses = Addresses });
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("ann@customer.example"));
        message.Subject = "Your ticket";
        message.Body = new TextPart("plain") { Text = "Thank you." };

        var verdict = classifier.Classify(message);

        Assert.Equal((AutomaticReasons.Loop, $"From: {from}"), (verdict.Reason, verdict.Evidence));
    }
}
