using TicketMail.Core.Mail;
using TicketMail.Core.Routing;
using TicketMail.Core.Tests.Support;

namespace TicketMail.Core.Tests.Routing;

public sealed class TicketRouterTests
{
    private static readonly Guid Known = Guid.Parse("5f0c1e2a-3b4c-4d5e-8f90-0a1b2c3d4e5f");
    private static readonly Guid Other = Guid.Parse("11111111-2222-4333-8444-555555555555");

    private readonly TicketRouter _router = new(new RouterOptions(SupportAddress.Parse("support@example.com")));

    private RoutingDecision Route(InboundMail mail, StoreFacts facts, params string[] envelope) =>
        _router.Decide(mail, _router.Plan(mail, envelope), facts);

    [Fact]
    public void A_message_with_no_tag_thread_or_token_opens_a_ticket()
    {
        var decision = Route(Inbound.From("ann@customer.example"), StoreFacts.Empty);

        Assert.Equal(RouteAction.Created, decision.Action);
        Assert.Equal(RouteRule.New, decision.Rule);
        Assert.Null(decision.Ticket);
    }

    [Fact]
    public void A_tag_in_To_makes_a_reply_to_that_ticket()
    {
        var mail = Inbound.From("ann@customer.example", $"support+{Known}@example.com");

        var decision = Route(mail, Facts.With(Facts.Ticket(Known)));

        Assert.Equal(RouteAction.Replied, decision.Action);
        Assert.Equal(RouteRule.Tag, decision.Rule);
        Assert.Equal(Known, decision.Ticket);
    }

    [Fact]
    public void The_tag_is_matched_without_regard_to_case_in_local_part_domain_and_uuid()
    {
        var mail = Inbound.From("ann@customer.example", $"SUPPORT+{Known.ToString().ToUpperInvariant()}@Example.COM");

        Assert.Equal(Known, Route(mail, Facts.With(Facts.Ticket(Known))).Ticket);
    }

    [Fact]
    public void A_tag_on_another_local_part_or_domain_is_not_ours()
    {
        var mail = Inbound.From("ann@customer.example", $"sales+{Known}@example.com");

        Assert.Equal(RouteAction.Created, Route(mail, Facts.With(Facts.Ticket(Known))).Action);
        Assert.Equal(RouteAction.Created, Route(Inbound.From("ann@customer.example", $"support+{Known}@evil.example"), Facts.With(Facts.Ticket(Known))).Action);
    }

    [Fact]
    public void The_envelope_recipient_wins_over_headers_and_is_reported_as_envelope()
    {
        var mail = Inbound.From("ann@customer.example", $"support+{Other}@example.com");

        var decision = Route(mail, Facts.With(Facts.Ticket(Known), Facts.Ticket(Other)), $"support+{Known}@example.com");

        Assert.Equal(RouteRule.Envelope, decision.Rule);
        Assert.Equal(Known, decision.Ticket);
    }

    [Fact]
    public void A_tag_found_only_in_Delivered_To_counts_as_a_tag()
    {
        var mail = new InboundMail
        {
            RawSha256 = "00",
            From = new EmailAddress("ann@customer.example", null),
            DeliveredTo = [$"support+{Known}@example.com"],
            ReceivedAt = DateTimeOffset.UnixEpoch,
        };

        Assert.Equal(RouteRule.Tag, Route(mail, Facts.With(Facts.Ticket(Known))).Rule);
    }

    [Fact]
    public void An_unknown_tag_opens_a_new_ticket_and_is_recorded()
    {
        var mail = Inbound.From("ann@customer.example", $"support+{Other}@example.com");

        var decision = Route(mail, StoreFacts.Empty);

        Assert.Equal(RouteAction.Created, decision.Action);
        Assert.Equal(Other, decision.UnknownTag);
    }

    [Fact]
    public void In_Reply_To_naming_a_stored_message_makes_a_reply()
    {
        var mail = new InboundMail
        {
            RawSha256 = "00",
            From = new EmailAddress("ann@customer.example", null),
            InReplyTo = ["orig@customer.example"],
            ReceivedAt = DateTimeOffset.UnixEpoch,
        };

        var decision = Route(mail, Facts.WithThread(Facts.Ticket(Known), "orig@customer.example"));

        Assert.Equal((RouteAction.Replied, RouteRule.InReplyTo, (Guid?)Known), (decision.Action, decision.Rule, decision.Ticket));
    }

    [Fact]
    public void References_are_searched_when_In_Reply_To_names_nothing_known()
    {
        var mail = new InboundMail
        {
            RawSha256 = "00",
            From = new EmailAddress("ann@customer.example", null),
            InReplyTo = ["unknown@x"],
            References = ["orig@customer.example", "unknown@x"],
            ReceivedAt = DateTimeOffset.UnixEpoch,
        };

        Assert.Equal(RouteRule.References, Route(mail, Facts.WithThread(Facts.Ticket(Known), "orig@customer.example")).Rule);
    }

    [Fact]
    public void An_original_that_arrives_after_its_reply_joins_the_replys_ticket()
    {
        var mail = Inbound.From("ann@customer.example", messageId: "orig@customer.example");

        var decision = Route(mail, Facts.WithThread(Facts.Ticket(Known), "orig@customer.example"));

        Assert.Equal(RouteAction.Replied, decision.Action);
        Assert.Equal(Known, decision.Ticket);
    }

    [Fact]
    public void A_subject_token_routes_when_nothing_else_matched()
    {
        var mail = new InboundMail
        {
            RawSha256 = "00",
            From = new EmailAddress("ann@customer.example", null),
            Subject = $"Re: [#{Known}] Printer on fire",
            ReceivedAt = DateTimeOffset.UnixEpoch,
        };

        Assert.Equal(RouteRule.Subject, Route(mail, Facts.With(Facts.Ticket(Known))).Rule);
    }

    [Fact]
    public void A_second_copy_is_a_duplicate_of_the_ticket_that_holds_the_first()
    {
        var facts = new StoreFacts { DuplicateOf = Known, Tickets = new Dictionary<Guid, TicketFacts> { [Known] = Facts.Ticket(Known) } };

        var decision = Route(Inbound.From("ann@customer.example"), facts);

        Assert.Equal(RouteAction.Duplicate, decision.Action);
        Assert.Equal(Known, decision.Ticket);
        Assert.False(decision.Stores);
    }

    [Fact]
    public void A_reply_to_a_closed_ticket_reopens_it()
    {
        var mail = Inbound.From("ann@customer.example", $"support+{Known}@example.com");

        Assert.True(Route(mail, Facts.With(Facts.Ticket(Known, status: TicketStatus.Closed))).Reopens);
    }

    [Fact]
    public void Without_a_configured_support_address_any_plus_uuid_tag_is_accepted()
    {
        var router = new TicketRouter(new RouterOptions(SupportAddress.Unconfigured));
        var mail = Inbound.From("ann@customer.example", $"helpdesk+{Known}@anything.example");

        Assert.Equal(Known, router.Decide(mail, router.Plan(mail, []), Facts.With(Facts.Ticket(Known))).Ticket);
    }

    [Fact]
    public void The_dedupe_key_is_the_Message_ID_or_else_the_hash_of_the_raw_bytes()
    {
        Assert.Equal("mid:m1@customer.example", Inbound.From("a@b").DedupeKey);
        Assert.Equal("sha256:00", Inbound.From("a@b", messageId: null).DedupeKey);
    }
}
