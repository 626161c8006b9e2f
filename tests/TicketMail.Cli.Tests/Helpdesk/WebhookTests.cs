using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TicketMail.Cli.Tests.Operator;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Helpdesk;

/// <summary>Events for the web app: written to the outbox with the message, posted after commit, signed.</summary>
[Collection(PostgresCollection.Name)]
public sealed class WebhookTests(PostgresServer postgres)
{
    private const string Secret = "s3cret-for-tests";

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Each_event_reaches_the_listener_once_with_a_valid_signature(string provider)
    {
        await using var listener = WebhookListener.Start();
        var (db, cli) = await OperatorSetUp.For(provider, postgres, new Dictionary<string, string?>
        {
            ["TICKETMAIL_WEBHOOK"] = listener.Url,
            ["TICKETMAIL_WEBHOOK_SECRET"] = Secret,
            ["TICKETMAIL_SUPPORT_ADDRESS"] = "support@example.com, billing@example.com=billing",
        });
        await using var _ = db;

        var toBilling = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Fixture.Bytes("core/new-ticket.eml")).Replace("support@example.com", "billing@example.com", StringComparison.Ordinal));
        var ticket = CliJson.Single(await cli.RunAsync(toBilling, "process", "--json")).Str("ticket");
        await cli.RunAsync(Fixture.ForTicket("core/reply-tag-in-to.eml", ticket), "process");
        var stranger = Encoding.UTF8.GetString(Fixture.ForTicket("core/reply-tag-in-to.eml", ticket))
            .Replace("ann@customer.example", "mallory@evil.example", StringComparison.Ordinal)
            .Replace("reply-tag-1@", "reply-tag-2@", StringComparison.Ordinal);
        var held = CliJson.Single(await cli.RunAsync(Encoding.UTF8.GetBytes(stranger), "process", "--json"));
        var outbox = CliJson.Parse((await cli.RunAsync("outbox", "list", "--json")).Stdout).EnumerateArray().ToList();

        Assert.Equal("held", held.Str("action"));
        var posts = listener.Received.ToList();
        Assert.Equal(["ticket.created", "ticket.replied", "message.held"], posts.Select(p => p.Headers["X-TicketMail-Event"]));
        foreach (var post in posts)
        {
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), post.Body));
            Assert.Equal((expected, "POST", "/hooks/ticketmail"), (post.Headers["X-TicketMail-Signature"], post.Method, post.Path));
            Assert.StartsWith("application/json", post.Headers["Content-Type"], StringComparison.Ordinal);
        }

        using var created = JsonDocument.Parse(posts[0].Body);
        var root = created.RootElement;
        Assert.Equal(("ticket.created", ticket, "billing", "new-ticket-1@customer.example", "ann@customer.example", "Printer on fire"),
            (root.Str("event"), root.Str("ticket"), root.Str("queue"), root.Str("messageId"), root.GetProperty("sender").Str("address"), root.Str("subject")));
        Assert.Contains("on fire", root.Str("reply"), StringComparison.Ordinal);
        using var replied = JsonDocument.Parse(posts[1].Body);
        Assert.Equal((ticket, "billing"), (replied.RootElement.Str("ticket"), replied.RootElement.Str("queue")));
        using var heldEvent = JsonDocument.Parse(posts[2].Body);
        Assert.Equal((ticket, "unknown-sender", "mallory@evil.example"), (heldEvent.RootElement.Str("ticket"), heldEvent.RootElement.Str("reason"), heldEvent.RootElement.GetProperty("sender").Str("address")));
        Assert.Equal(3, outbox.Count);
        Assert.All(outbox, row => Assert.Equal(("webhook", "sent", 1), (row.Str("kind"), row.Str("status"), row.GetProperty("attempts").GetInt32())));
        Assert.Equal(posts.Select(p => p.Headers["X-TicketMail-Delivery"]), outbox.Select(o => o.Str("messageId")));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_dead_listener_leaves_the_event_pending_and_the_message_stored(string provider)
    {
        var (db, cli) = await OperatorSetUp.For(provider, postgres, new Dictionary<string, string?>
        {
            ["TICKETMAIL_WEBHOOK"] = WebhookListener.DeadUrl(),
            ["TICKETMAIL_WEBHOOK_SECRET"] = Secret,
        });
        await using var _ = db;

        var result = await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process", "--json");
        var outbox = CliJson.Parse((await cli.RunAsync("outbox", "list", "--json")).Stdout).EnumerateArray().ToList();

        Assert.Equal((0, "created"), (result.ExitCode, CliJson.Single(result).Str("action")));
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM messages"));
        var row = Assert.Single(outbox);
        Assert.Equal(("webhook", "pending", 1, CliJson.Single(result).Str("ticket")), (row.Str("kind"), row.Str("status"), row.GetProperty("attempts").GetInt32(), row.Str("ticket")));
        Assert.False(string.IsNullOrEmpty(row.Str("lastError")));
        Assert.NotNull(row.Str("nextAttemptAt"));
    }
}
