using TicketMail.Core.Mail;
using TicketMail.Core.Routing;
using TicketMail.Data.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Data.Tests.Store;

/// <summary>The EF store on both providers, through ITicketStore, with no CLI in between.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TicketStoreTests(PostgresServer postgres)
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
    private readonly TicketRouter _router = new(new RouterOptions(SupportAddress.Parse("support@example.com")));

    private static InboundMail Mail(string messageId, string from = "ann@customer.example", string? inReplyTo = null) => new()
    {
        RawSha256 = "ab",
        MessageId = messageId,
        InReplyTo = inReplyTo is null ? [] : [inReplyTo],
        From = new EmailAddress(from, "Ann"),
        To = [new EmailAddress("support@example.com", null)],
        Cc = [new EmailAddress("bob@customer.example", "Bob")],
        Subject = "Printer",
        Text = "text",
        Reply = "text",
        ReceivedAt = new DateTimeOffset(Now),
    };

    private async Task<(RoutingDecision Decision, SavedMessage? Saved)> Process(ITicketStore store, InboundMail mail)
    {
        var query = _router.Plan(mail, []);
        var decision = _router.Decide(mail, query, await store.LoadFactsAsync(query, Now, CancellationToken.None));
        return (decision, decision.Stores ? await store.SaveAsync(mail, decision, RawContent.FromBytes([1, 2, 3]), Now, CancellationToken.None) : null);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_saved_ticket_is_found_by_thread_and_knows_its_participants(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres);
        await using var store = db.Open();
        var (_, created) = await Process(store, Mail("m1@x"));

        var reply = Mail("m2@x", from: "bob@customer.example", inReplyTo: "m1@x");
        var query = _router.Plan(reply, []);
        var facts = await store.LoadFactsAsync(query, Now, CancellationToken.None);

        Assert.Equal(created!.Ticket, facts.ThreadKeys["m1@x"]);
        Assert.True(facts.Tickets[created.Ticket].Knows("BOB@customer.example"));
        Assert.Equal(0, facts.RecentTicketsFromRequester);
        var fromAnn = await store.LoadFactsAsync(_router.Plan(Mail("m9@x"), []), Now, CancellationToken.None);
        Assert.Equal(1, fromAnn.RecentTicketsFromRequester);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Saving_the_same_message_twice_is_a_conflict_not_a_second_row(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres);
        await using var first = db.Open();
        await using var second = db.Open();
        var mail = Mail("same@x");
        var query = _router.Plan(mail, []);
        var decision = _router.Decide(mail, query, StoreFacts.Empty);

        await first.SaveAsync(mail, decision, RawContent.FromBytes([1]), Now, CancellationToken.None);

        await Assert.ThrowsAsync<StoreConflictException>(() => second.SaveAsync(mail, decision, RawContent.FromBytes([1]), Now, CancellationToken.None));
        var (again, _) = await Process(second, mail);
        Assert.Equal(RouteAction.Duplicate, again.Action);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_ticket_reads_back_with_its_messages_in_date_order(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres);
        await using var store = db.Open();
        var (_, created) = await Process(store, Mail("m1@x") with { Date = new DateTimeOffset(Now.AddHours(-2)) });
        await Process(store, Mail("m3@x", inReplyTo: "m1@x") with { Date = new DateTimeOffset(Now) });
        await Process(store, Mail("m2@x", inReplyTo: "m1@x") with { Date = new DateTimeOffset(Now.AddHours(-1)) });

        var ticket = await store.GetTicketAsync(created!.Ticket, CancellationToken.None);

        Assert.Equal(["m1@x", "m2@x", "m3@x"], ticket!.Messages.Select(m => m.MessageId));
        Assert.Equal(DateTimeKind.Utc, ticket.Messages[0].Date.Kind);
        Assert.Equal("Bob <bob@customer.example>", ticket.Messages[0].CcList);
    }
}
