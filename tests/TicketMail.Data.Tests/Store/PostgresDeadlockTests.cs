using TicketMail.Core.Mail;
using TicketMail.Core.Routing;
using TicketMail.Data.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Data.Tests.Store;

/// <summary>
/// Two batch groups on one PostgreSQL (two mail hosts) that each hold the message the other stores next: the server
/// ends the cycle with a deadlock error, which EF's Npgsql strategy wraps as "likely due to a transient failure".
/// The store must say conflict (route again), never let the wrapper out as an internal error (exit 70).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDeadlockTests(PostgresServer postgres)
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
    private readonly TicketRouter _router = new(new RouterOptions(SupportAddress.Parse("support@example.com")));

    private static InboundMail Mail(string messageId, string from) => new()
    {
        RawSha256 = "ab",
        MessageId = messageId,
        From = new EmailAddress(from, null),
        To = [new EmailAddress("support@example.com", null)],
        Subject = "Printer",
        Text = "text",
        Reply = "text",
        ReceivedAt = new DateTimeOffset(Now),
    };

    private async Task SaveAsync(ITicketStore store, InboundMail mail)
    {
        var query = _router.Plan(mail, []);
        var decision = _router.Decide(mail, query, await store.LoadFactsAsync(query, Now, CancellationToken.None));
        await store.SaveAsync(mail, decision, RawContent.FromBytes([1]), Now, CancellationToken.None);
    }

    [Fact]
    public async Task Two_groups_that_deadlock_on_each_others_messages_end_as_one_commit_and_one_conflict()
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Postgres, postgres);
        await using var a = db.Open();
        await using var b = db.Open();
        var x = Mail("x@host", "ann@customer.example");
        var y = Mail("y@host", "bob@customer.example");

        await a.BeginGroupAsync(CancellationToken.None);
        await SaveAsync(a, x);
        await b.BeginGroupAsync(CancellationToken.None);
        await SaveAsync(b, y);
        // A group's next look-up writes the rows its saves deferred: now each transaction holds its message's key.
        await a.LoadFactsAsync(_router.Plan(Mail("z@host", "zoe@customer.example"), []), Now, CancellationToken.None);
        await b.LoadFactsAsync(_router.Plan(Mail("z@host", "zoe@customer.example"), []), Now, CancellationToken.None);

        // Each stores the other's message and waits on the other's uncommitted key.
        var first = SaveThenCommitAsync(a, y);
        await Task.Delay(300);
        var second = SaveThenCommitAsync(b, x);
        var outcomes = await Task.WhenAll(first, second);

        Assert.Single(outcomes, o => o is null);
        var failure = Assert.Single(outcomes, o => o is not null);
        Assert.IsType<StoreConflictException>(failure);
        Assert.Contains("deadlock", failure!.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2L, await db.ScalarAsync("SELECT COUNT(*) FROM messages"));
    }

    private async Task<Exception?> SaveThenCommitAsync(ITicketStore store, InboundMail mail)
    {
        try
        {
            await SaveAsync(store, mail);
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
