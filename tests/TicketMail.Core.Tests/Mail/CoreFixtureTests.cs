using TicketMail.Core.Mail;
using TicketMail.Core.Routing;
using TicketMail.Core.Tests.Support;

namespace TicketMail.Core.Tests.Mail;

/// <summary>Each core fixture through the reader and the router, with no database.</summary>
public sealed class CoreFixtureTests
{
    private static readonly Guid Ticket = Guid.Parse("5f0c1e2a-3b4c-4d5e-8f90-0a1b2c3d4e5f");
    private readonly TicketRouter _router = new(new RouterOptions(SupportAddress.Parse("support@example.com")));

    private RoutingDecision Route(InboundMail mail, StoreFacts facts, params string[] envelope) =>
        _router.Decide(mail, _router.Plan(mail, envelope), facts);

    private static InboundMail WithTicket(string fixture) =>
        Read.Bytes(System.Text.Encoding.UTF8.GetBytes(File.ReadAllText(TestKit.RepoPaths.Fixture(fixture)).Replace("{{TICKET}}", Ticket.ToString(), StringComparison.Ordinal)));

    [Fact]
    public void A_new_ticket_fixture_opens_a_ticket_with_requester_and_date()
    {
        var mail = Read.Fixture("core/new-ticket.eml");

        Assert.Equal(RouteAction.Created, Route(mail, StoreFacts.Empty).Action);
        Assert.Equal(new EmailAddress("ann@customer.example", "Ann Example"), mail.Requester);
        Assert.Equal("Printer on fire", mail.Subject);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 15, 0, TimeSpan.Zero), mail.Date!.Value.ToUniversalTime());
        Assert.Contains("on fire again", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tag_in_To_routes_the_reply()
    {
        Assert.Equal(RouteRule.Tag, Route(WithTicket("core/reply-tag-in-to.eml"), Facts.With(Facts.Ticket(Ticket))).Rule);
    }

    [Fact]
    public void A_Bcc_reply_routes_only_through_the_envelope_recipient()
    {
        var mail = Read.Fixture("core/reply-bcc-envelope.eml");
        var facts = Facts.With(Facts.Ticket(Ticket));

        Assert.Equal(RouteAction.Created, Route(mail, facts).Action);
        Assert.Equal(RouteRule.Envelope, Route(mail, facts, $"support+{Ticket}@example.com").Rule);
    }

    [Fact]
    public void In_Reply_To_alone_routes_the_reply()
    {
        var mail = Read.Fixture("core/reply-in-reply-to.eml");

        Assert.Equal(RouteRule.InReplyTo, Route(mail, Facts.WithThread(Facts.Ticket(Ticket), "new-ticket-1@customer.example")).Rule);
    }

    [Fact]
    public void An_unknown_tag_is_recorded_on_the_new_ticket()
    {
        var decision = Route(Read.Fixture("core/unknown-tag.eml"), StoreFacts.Empty);

        Assert.Equal(RouteAction.Created, decision.Action);
        Assert.Equal(Guid.Parse("0b5d4c1e-9f3a-4d7e-8a21-6c0e5f4b3a29"), decision.UnknownTag);
    }

    [Fact]
    public void Encoded_word_subjects_and_names_are_decoded()
    {
        var utf8 = Read.Fixture("core/subject-utf8.eml");
        var latin1 = Read.Fixture("core/subject-latin1.eml");

        Assert.Equal("Drucker kaputt – bitte helfen 🙏", utf8.Subject);
        Assert.Equal("Jürgen Müller", utf8.From!.Name);
        Assert.Equal("Problème d'accès à l'imprimante", latin1.Subject);
        Assert.Equal("François Pérez", latin1.From!.Name);
        Assert.Contains("à imprimer", latin1.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_printable_and_base64_bodies_are_decoded()
    {
        Assert.Contains("café printer prints € signs instead of dollars. This line is soft-wrapped by the encoder and should come back joined together.",
            Read.Fixture("core/body-quoted-printable.eml").Text, StringComparison.Ordinal);
        Assert.Equal("The scanner says “Error 42” and stops.", Read.Fixture("core/body-base64.eml").Text.Trim());
    }

    [Fact]
    public void An_HTML_only_message_keeps_its_HTML_and_gets_text()
    {
        var mail = Read.Fixture("core/html-only.eml");

        Assert.NotNull(mail.Html);
        Assert.Contains("VPN", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_headers_only_message_is_a_ticket_with_an_empty_body()
    {
        var mail = Read.Fixture("core/headers-only.eml");

        Assert.Equal("Laptop will not boot", mail.Subject);
        Assert.Equal("", mail.Text.Trim());
    }

    [Theory]
    [InlineData("core/empty.eml")]
    [InlineData("core/garbage.bin")]
    [InlineData("core/no-sender.eml")]
    public void Unusable_input_is_refused(string fixture)
    {
        Assert.Throws<UnusableMessageException>(() => Read.Fixture(fixture));
    }
}
