using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Safety;

/// <summary>Every hostile input ends with a defined exit code and one clear line; it is stored or kept.</summary>
[Collection(PostgresCollection.Name)]
public sealed class HostileInputTests(PostgresServer postgres)
{
    public static TheoryData<string> Names => new(HostileInputs.All.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Hostile_input_ends_with_a_defined_exit_code_and_is_stored_or_kept(string name)
    {
        await using var bed = await SafetyBed.CreateAsync(TestDatabase.Sqlite, postgres);

        var output = await bed.Cli.RunAsync(HostileInputs.All[name](), "process", "--json");

        Assert.True(output.ExitCode is 0 or 65, output.ToString());
        Assert.DoesNotContain("Unhandled", output.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output.Stderr, StringComparison.Ordinal);
        // Every stderr line is a log line or the one error line: no header text broke a line.
        var lines = output.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.Matches(@"^(\[(VRB|DBG|INF|WRN|ERR|FTL)\] |ticketmail: )", l));
        Assert.True(lines.Count(l => l.StartsWith("ticketmail: ", StringComparison.Ordinal)) == (output.ExitCode == 0 ? 0 : 1), output.ToString());
        var result = CliJson.Single(output);
        var stored = await bed.CountAsync("select count(*) from messages");
        Assert.True(stored == 1 || bed.Files("quarantine").Count == 1, output.ToString());
        Assert.Empty(bed.Files("incoming"));
        if (output.ExitCode == 65)
        {
            Assert.Equal(result.Str("quarantine"), Assert.Single(bed.Files("quarantine")));
        }
    }

    [Fact]
    public async Task A_subject_with_CR_LF_is_stored_and_printed_on_one_line()
    {
        await using var bed = await SafetyBed.CreateAsync(TestDatabase.Sqlite, postgres);

        var output = await bed.Cli.RunAsync(HostileInputs.All["subject-with-crlf"](), "process");

        Assert.Equal(0, output.ExitCode);
        Assert.Equal("created", output.Stdout.Split(' ')[0]);
        Assert.Single(output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("forged", output.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deep_MIME_nesting_is_capped_and_the_message_still_becomes_a_ticket()
    {
        await using var bed = await SafetyBed.CreateAsync(TestDatabase.Sqlite, postgres);

        var output = await bed.Cli.RunAsync(HostileInputs.All["mime-nesting-1000"](), "process", "--json");

        Assert.Equal(0, output.ExitCode);
        Assert.Equal("created", CliJson.Single(output).Str("action"));
    }
}
