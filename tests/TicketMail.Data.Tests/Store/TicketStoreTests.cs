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

    /// <summary>
    /// Two batch groups on one PostgreSQL (two mail hosts), each holding the message the other stores next: the
    /// server ends the cycle with a deadlock error, which EF's Npgsql strategy wraps as "likely due to a transient
    /// failure". The store must say conflict (route again), never let the wrapper out as an internal error (70).
    /// </summary>
    [Fact]
    public async Task Two_PostgreSQL_groups_that_deadlock_on_each_others_messages_end_as_one_commit_and_one_conflict()
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Postgres, postgres);
        await using var a = db.Open();
        await using var b = db.Open();
        var x = Mail("x@host");
        var y = Mail("y@host", from: "bob@customer.example");

        await a.BeginGroupAsync(CancellationToken.None);
        await Process(a, x);
        await b.BeginGroupAsync(CancellationToken.None);
        await Process(b, y);
        // A group's next look-up writes the rows its saves deferred: now each transaction holds its message's key.
        await a.LoadFactsAsync(_router.Plan(Mail("z@host"), []), Now, CancellationToken.None);
        await b.LoadFactsAsync(_router.Plan(Mail("z@host"), []), Now, CancellationToken.None);

        // Each stores the other's message and waits on the other's uncommitted key.
        var first = ProcessThenCommitAsync(a, y);
        await Task.Delay(300);
        var second = ProcessThenCommitAsync(b, x);
        var outcomes = await Task.WhenAll(first, second);

        Assert.Single(outcomes, o => o is null);
        var failure = Assert.Single(outcomes, o => o is not null);
        Assert.IsType<StoreConflictException>(failure);
        Assert.Contains("deadlock", failure!.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2L, await db.ScalarAsync("SELECT COUNT(*) FROM messages"));
    }

    private async Task<Exception?> ProcessThenCommitAsync(ITicketStore store, InboundMail mail)
    {
        try
        {
            await Process(store, mail);
            await store.CommitGroupAsync(CancellationToken.None);
            return null;
        }
        catch (Exception ex)
        {
            await store.RollbackGroupAsync();
            return ex;
        }
    }
}
