using TicketMail.Core.Mail;
using TicketMail.Core.Routing;
using TicketMail.Core.Tests.Support;

namespace TicketMail.Core.Tests.Routing;

/// <summary>Several support addresses, one queue each: which queue a new ticket gets, and tags on every address.</summary>
public sealed class QueueRoutingTests
{
    private static readonly Guid Known = Guid.Parse("5f0c1e2a-3b4c-4d5e-8f90-0a1b2c3d4e5f");
    private static readonly SupportAddresses Addresses = SupportAddresses.Parse("support@example.com, billing@example.com=billing, sales@example.org=Sales");
    private readonly TicketRouter _router = new(new RouterOptions(Addresses.Default) { Addresses = Addresses });

    private RoutingDecision Route(InboundMail mail, StoreFacts facts, params string[] envelope) =>
        _router.Decide(mail, _router.Plan(mail, envelope), facts);

    [Fact]
    public void A_list_parses_with_the_local_part_as_the_queue_of_a_bare_address_and_the_first_as_default()
    {
        Assert.Equal(["support", "billing", "sales"], Addresses.Entries.Select(e => e.Queue));
        Assert.Equal("support@example.com", Addresses.Default.Address);
        Assert.Equal("support", SupportAddresses.Parse("support@example.com").DefaultQueue);
        Assert.Throws<FormatException>(() => SupportAddresses.Parse("a@example.com, A@example.com=x"));
        Assert.Throws<FormatException>(() => SupportAddresses.Parse("a@example.com=bad queue"));
    }

    [Fact]
    public void The_envelope_recipient_gives_the_queue_and_the_trace_says_so()
    {
        var decision = Route(Inbound.From("ann@customer.example", to: "someone@else.example"), StoreFacts.Empty, "billing@example.com");

        Assert.Equal((RouteAction.Created, "billing", "billing@example.com"), (decision.Action, decision.Queue, decision.SupportAddress));
        Assert.Contains("queue: billing, from the envelope recipient billing@example.com", decision.Trace);
    }

    [Fact]
    public void Delivered_To_To_and_Cc_each_give_the_queue_when_the_envelope_names_none()
    {
        var delivered = Inbound.From("ann@customer.example", to: null) with { DeliveredTo = ["sales@example.org"] };
        var to = Inbound.From("ann@customer.example", to: "BILLING@example.com");
        var cc = Inbound.From("ann@customer.example", to: "friend@else.example") with { Cc = [new EmailAddress("sales@example.org", null)] };

        Assert.Equal(("sales", "queue: sales, from the Delivered-To sales@example.org"), (Route(delivered, StoreFacts.Empty).Queue, Route(delivered, StoreFacts.Empty).Trace[^1]));
        Assert.Equal(("billing", "queue: billing, from the To BILLING@example.com"), (Route(to, StoreFacts.Empty).Queue, Route(to, StoreFacts.Empty).Trace[^1]));
        Assert.Equal(("sales", "queue: sales, from the Cc sales@example.org"), (Route(cc, StoreFacts.Empty).Queue, Route(cc, StoreFacts.Empty).Trace[^1]));
    }

    [Fact]
    public void Mail_to_none_of_our_addresses_gets_the_default_queue()
    {
        var decision = Route(Inbound.From("ann@customer.example", to: "alias@example.net"), StoreFacts.Empty);

        Assert.Equal(("support", "support@example.com"), (decision.Queue, decision.SupportAddress));
        Assert.Equal("queue: support, the default (no recipient is a support address)", decision.Trace[^1]);
    }

    [Fact]
    public void Mail_to_two_support_addresses_takes_the_first_configured_whichever_copy_is_delivered()
    {
        // One copy per envelope recipient: both must choose the same queue, so the second is a plain duplicate.
        var mail = Inbound.From("ann@customer.example", to: "billing@example.com") with { Cc = [new EmailAddress("support@example.com", null)] };

        var viaBilling = Route(mail, StoreFacts.Empty, "billing@example.com");
        var viaSupport = Route(mail, StoreFacts.Empty, "support@example.com");

        Assert.Equal(("support", "support"), (viaBilling.Queue, viaSupport.Queue));
        Assert.Contains("first configured of the 2 support addresses", viaBilling.Trace[^1]);
    }

    [Fact]
    public void A_tag_on_a_second_address_replies_to_the_ticket_wherever_it_was_opened()
    {
        var mail = Inbound.From("ann@customer.example", to: $"billing+{Known}@example.com");

        var decision = Route(mail, Facts.With(Facts.Ticket(Known)));

        Assert.Equal((RouteAction.Replied, RouteRule.Tag, Known), (decision.Action, decision.Rule, decision.Ticket));
        Assert.Null(decision.Queue);
        Assert.Equal(Known, Addresses.TagOf($"sales+{Known}@EXAMPLE.org"));
        Assert.True(Addresses.IsOurs($"billing+{Known}@example.com"));
    }
}
