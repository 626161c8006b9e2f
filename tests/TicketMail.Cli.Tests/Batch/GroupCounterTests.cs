using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Batch;

/// <summary>
/// A group's saves take the sender counters from the group's facts look-up instead of one query each: the
/// counter a previous batch left must still be counted on, both providers.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class GroupCounterTests(PostgresServer postgres)
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_group_counts_on_from_the_hourly_counter_an_earlier_batch_left(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres);
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString).With("TICKETMAIL_MAX_TICKETS_PER_HOUR", "3");
        using var first = new TempFolder();
        using var second = new TempFolder();
        File.WriteAllBytes(first.File("a.eml"), Mail.From("ann@customer.example").Header("Subject", "Question 0").Bytes());
        for (var i = 1; i <= 3; i++)
        {
            File.WriteAllBytes(second.File($"m{i}.eml"), Mail.From("ann@customer.example").Header("Subject", $"Question {i}").Bytes());
        }

        var before = await cli.RunAsync("process", "--json", first.Path);
        var output = await cli.RunAsync("process", "--batch-size", "10", "--json", second.Path);

        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.True(output.ExitCode == 0, output.ToString());
        Assert.Equal(["created", "created", "ignored"], GroupCommitTests.Objects(output).Select(o => o.Str("action")));
        // Stored by the group itself: a replay one by one would hide a wrong counter row.
        Assert.DoesNotContain("rolled back", output.Stderr, StringComparison.Ordinal);
        await using var connection = await db.ConnectAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "select count from sender_counters where address = 'ann@customer.example' and kind = 'tickets'";
        Assert.Equal(3L, Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }
}
