using TicketMail.Core.Mail;
using TicketMail.Core.Routing;
using TicketMail.Data.Tests.Support;
using TicketMail.Data.Views;
using TicketMail.TestKit;

namespace TicketMail.Data.Tests.Store;

/// <summary>Queues, full-text search (FTS5 / GIN), erasure and retention, on both providers through ITicketStore.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SearchAndErasureTests(PostgresServer postgres)
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
    private static readonly SupportAddresses Addresses = SupportAddresses.Parse("support@example.com, billing@example.com=billing");
    private readonly TicketRouter _router = new(new RouterOptions(Addresses.Default) { Addresses = Addresses });

    private static InboundMail Mail(string id, string from, string to, string subject, string text, int hour, string? inReplyTo = null, params InboundAttachment[] attachments) => new()
    {
        RawSha256 = id,
        MessageId = id,
        InReplyTo = inReplyTo is null ? [] : [inReplyTo],
        From = new EmailAddress(from, null),
        To = [new EmailAddress(to, null)],
        Subject = subject,
        Text = text,
        Reply = text,
        Date = new DateTimeOffset(2026, 11, 20, hour, 0, 0, TimeSpan.Zero),
        ReceivedAt = new DateTimeOffset(Now),
        Attachments = attachments,
    };

    private static InboundAttachment File(string name, string content) =>
        new(name, "text/plain", content.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content))),
            false, null, System.Text.Encoding.UTF8.GetBytes(content));

    private async Task<SavedMessage> Save(ITicketStore store, InboundMail mail)
    {
        var query = _router.Plan(mail, []);
        var decision = _router.Decide(mail, query, await store.LoadFactsAsync(query, Now, CancellationToken.None));
        Assert.True(decision.Stores, string.Join("; ", decision.Trace));
        return await store.SaveAsync(mail, decision, RawContent.FromBytes(System.Text.Encoding.UTF8.GetBytes(mail.MessageId!)), Now, CancellationToken.None);
    }

    private static Task<IReadOnlyList<SearchHit>> Search(ITicketStore store, string text, string? queue = null, string? status = null) =>
        store.SearchAsync(new SearchQuery(text, queue, status, 20), CancellationToken.None);

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Search_finds_by_subject_text_and_sender_newest_first_and_respects_queue_and_status(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres);
        await using var store = db.Open();
        var fire = await Save(store, Mail("m1@x", "ann@customer.example", "support@example.com", "Printer on fire", "Hello,\nthe toner smells of smoke.", 9));
        var refund = await Save(store, Mail("m2@x", "bob.builder@customer.example", "billing@example.com", "Invoice 42", "Please refund the printer.", 10));
        await store.SetStatusAsync(refund.Ticket, "closed", Now, CancellationToken.None);

        var printer = await Search(store, "PRINTER");
        var toner = await Search(store, "toner smoke");
        var sender = await Search(store, "bob.builder@customer.example");
        var billing = await Search(store, "printer", queue: "billing");
        var open = await Search(store, "printer", status: "open");

        Assert.Equal([refund.Ticket, fire.Ticket], printer.Select(h => h.Ticket));
        Assert.Equal(("billing", "closed", "Please refund the printer."), (printer[0].Queue, printer[0].Status, printer[0].Line));
        Assert.Equal(("support", "subject: Printer on fire"), (printer[1].Queue, printer[1].Line));
        Assert.Equal("the toner smells of smoke.", Assert.Single(toner).Line);
        Assert.Equal(refund.Ticket, Assert.Single(sender).Ticket);
        Assert.Equal(refund.Ticket, Assert.Single(billing).Ticket);
        Assert.Equal(fire.Ticket, Assert.Single(open).Ticket);
        Assert.Empty(await Search(store, "nothing-like-this"));
        Assert.Equal(("support", "billing"), (fire.Queue, refund.Queue));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Erase_removes_everything_of_one_requester_and_keeps_an_attachment_another_shares(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres);
        await using var store = db.Open();
        var shared = File("terms.txt", "the shared terms");
        var annTicket = await Save(store, Mail("a1@x", "ann@customer.example", "support@example.com", "Ann's problem", "ann's secret text", 9, null, shared, File("ann.txt", "only ann's")));
        var bobTicket = await Save(store, Mail("b1@x", "bob@customer.example", "support@example.com", "Bob's problem", "bob's text", 10, null, shared)
            with { Cc = [new EmailAddress("ann@customer.example", null)] });
        await Save(store, Mail("a2@x", "Ann@Customer.example", "support@example.com", "Re: Bob's problem", "ann chimes in", 11, inReplyTo: "b1@x"));

        var dry = await store.EraseRequesterAsync("ANN@customer.example", dryRun: true, CancellationToken.None);
        var done = await store.EraseRequesterAsync("ann@customer.example", dryRun: false, CancellationToken.None);

        foreach (var report in new[] { dry, done })
        {
            Assert.Equal([annTicket.Ticket], report.Tickets);
            Assert.Equal((2, 2, 1), (report.Messages, report.Attachments, report.Blobs));
            Assert.Equal(2, report.ThreadKeys); // a1 with ann's ticket, a2 (the reply's own id) on bob's; b1 stays
        }

        Assert.Null(await store.GetTicketAsync(annTicket.Ticket, CancellationToken.None));
        var bob = await store.GetTicketAsync(bobTicket.Ticket, CancellationToken.None);
        Assert.Equal(["b1@x"], bob!.Messages.Select(m => m.MessageId));
        var kept = await store.GetAttachmentAsync(bob.Messages[0].Attachments[0].Id, CancellationToken.None);
        Assert.Equal("the shared terms", System.Text.Encoding.UTF8.GetString(kept!.Content!));
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM attachment_blobs"));
        Assert.Empty(await Search(store, "ann"));
        Assert.Single(await Search(store, "bob"));
        var facts = await store.LoadFactsAsync(_router.Plan(Mail("later@x", "carol@x.example", "support@example.com", "s", "t", 12, inReplyTo: "a2@x"), []), Now, CancellationToken.None);
        Assert.False(facts.ThreadKeys.ContainsKey("a2@x"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Purge_removes_closed_tickets_last_changed_before_the_date_and_nothing_else(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres);
        await using var store = db.Open();
        var old = await Save(store, Mail("o1@x", "ann@customer.example", "support@example.com", "Old", "old text", 9));
        var recent = await Save(store, Mail("r1@x", "bob@customer.example", "support@example.com", "Recent", "recent text", 10));
        var open = await Save(store, Mail("p1@x", "carol@customer.example", "support@example.com", "Open", "open text", 11));
        await store.SetStatusAsync(old.Ticket, "closed", new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), CancellationToken.None);
        await store.SetStatusAsync(recent.Ticket, "closed", new DateTime(2026, 6, 5, 0, 0, 0, DateTimeKind.Utc), CancellationToken.None);

        var cutoff = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var dry = await store.PurgeClosedAsync(cutoff, dryRun: true, CancellationToken.None);
        var done = await store.PurgeClosedAsync(cutoff, dryRun: false, CancellationToken.None);

        Assert.Equal([old.Ticket], dry.Tickets);
        Assert.Equal([old.Ticket], done.Tickets);
        Assert.Equal((1, 1), (dry.Messages, done.Messages));
        Assert.Null(await store.GetTicketAsync(old.Ticket, CancellationToken.None));
        Assert.NotNull(await store.GetTicketAsync(recent.Ticket, CancellationToken.None));
        Assert.NotNull(await store.GetTicketAsync(open.Ticket, CancellationToken.None));
        Assert.Empty((await store.PurgeClosedAsync(cutoff, dryRun: false, CancellationToken.None)).Tickets);
    }

    [Fact]
    public async Task The_bundled_SQLite_has_FTS5_and_the_index_follows_every_insert()
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, postgres);
        await using (var store = db.Open())
        {
            await Save(store, Mail("f1@x", "ann@customer.example", "support@example.com", "Indexed", "words", 9));
        }

        Assert.Equal(1, await db.ScalarAsync("SELECT sqlite_compileoption_used('ENABLE_FTS5')"));
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM messages_fts WHERE messages_fts MATCH 'indexed'"));
    }
}
