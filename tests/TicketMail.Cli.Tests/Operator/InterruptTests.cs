using System.Diagnostics;
using System.Text.RegularExpressions;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Operator;

/// <summary>A batch stopped by a signal finishes the current message, prints the summary and exits 75.</summary>
[Collection(PostgresCollection.Name)]
public sealed partial class InterruptTests(PostgresServer postgres)
{
    [Fact]
    public async Task SIGTERM_stops_after_the_current_message_with_a_summary_and_exit_75_and_a_rerun_continues()
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, postgres);
        using var folder = new TempFolder("ticketmail-many");
        const int total = 2000;
        for (var i = 0; i < total; i++)
        {
            File.WriteAllBytes(folder.File($"{i:D5}.eml"), Mail.From($"user{i}@customer.example").Bytes());
        }

        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "ticketmail.dll"), "process", folder.Path })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in cli.Environment)
        {
            info.Environment[key] = value;
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var first = await process.StandardOutput.ReadLineAsync();
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var rest = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var printed = 1 + OperatorSetUp.Lines(rest).Length;
        var summary = Summary().Match(await stderr);
        var rerun = await cli.RunAsync("process", folder.Path);

        Assert.StartsWith("created ticket ", first);
        Assert.Equal(75, process.ExitCode);
        Assert.True(summary.Success, await stderr);
        Assert.Equal(printed, int.Parse(summary.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(printed < total, $"{printed} messages printed");
        Assert.Contains($"summary: {total} message(s): {total - printed} created, 0 replied, {printed} duplicate", rerun.Stderr);
    }

    [GeneratedRegex(@"summary: (\d+) message\(s\): .*; interrupted")]
    private static partial Regex Summary();
}
