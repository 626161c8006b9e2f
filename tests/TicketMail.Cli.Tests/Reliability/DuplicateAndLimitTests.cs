using System.Text;
using TicketMail.Cli.Tests.Safety;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Reliability;

/// <summary>Duplicates decided by Message-ID and body; the sender limits held in the database under concurrency.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DuplicateAndLimitTests(PostgresServer postgres)
{
    private static byte[] Message(string id, string body, string from = "ann@customer.example", string received = "") => Encoding.UTF8.GetBytes(
        $"{received}From: {from}\r\nTo: support@example.com\r\nSubject: About {id}\r\nMessage-ID: <{id}>\r\n"
        + $"Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\n{body}\r\n");

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_same_Message_ID_with_another_body_is_stored_with_a_note_and_races_stay_exact(string provider)
    {
        await using var bed = await SafetyBed.CreateAsync(provider, postgres);

        var first = CliJson.Single(await bed.Cli.RunAsync(Message("same@customer.example", "First body."), "process", "--json"));
        var redelivered = CliJson.Single(await bed.Cli.RunAsync(Message("same@customer.example", "First body.", received: "Received: from mx2 by mx1\r\n"), "process", "--json"));
        var other = CliJson.Single(await bed.Cli.RunAsync(Message("same@customer.example", "A different message."), "process", "--json"));
        // Eight deliveries at once: four of one body and four of another, all with one Message-ID.
        var racers = bed.Cli.ForConcurrentStart();
        var racing = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            racers.RunAsync(Message("race@customer.example", i % 2 == 0 ? "Even body." : "Odd body."), "process", "--json")));

        Assert.Equal("created", first.Str("action"));
        Assert.Equal(("duplicate", first.Str("ticket")), (redelivered.Str("action"), redelivered.Str("ticket")));
        Assert.Equal("created", other.Str("action"));
        Assert.NotEqual(first.Str("ticket"), other.Str("ticket"));
        Assert.Contains(other.GetProperty("message").GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("Message-ID reused", StringComparison.Ordinal));
        Assert.All(racing, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Equal(2, await bed.CountAsync("select count(*) from messages where dedupe_key = 'mid:same@customer.example'"));
        Assert.Equal(2, await bed.CountAsync("select count(*) from messages where dedupe_key = 'mid:race@customer.example'"));
        Assert.Equal(6, racing.Count(r => CliJson.Single(r).Str("action") == "duplicate"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task New_ticket_and_acknowledgement_limits_hold_under_eight_way_delivery(string provider)
    {
        await using var smtp = FakeSmtpServer.Start();
        await using var bed = await SafetyBed.CreateAsync(provider, postgres, new Dictionary<string, string?>
        {
            ["TICKETMAIL_MAX_TICKETS_PER_HOUR"] = "10",
            ["TICKETMAIL_ACK_DAILY_LIMIT"] = "3",
            ["TICKETMAIL_SMTP"] = smtp.Url,
        });
        using var inputs = new TempFolder("ticketmail-limits");
        var folders = Enumerable.Range(0, 8).Select(p => Directory.CreateDirectory(Path.Combine(inputs.Path, $"p{p}")).FullName).ToList();
        for (var i = 0; i < 32; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(folders[i % 8], $"{i:D2}.eml"), Message($"limit-{i}@customer.example", $"Message {i}.", "loop@customer.example"));
        }

        var runs = await Task.WhenAll(folders.Select(f => bed.Cli.ForConcurrentStart().RunAsync("process", "--batch-size", "1", f)));

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Equal(10, await bed.CountAsync("select count(*) from tickets"));
        Assert.Equal(3, await bed.CountAsync("select count(*) from outbox"));
        Assert.Equal(22, bed.Files("quarantine").Count);
    }
}
