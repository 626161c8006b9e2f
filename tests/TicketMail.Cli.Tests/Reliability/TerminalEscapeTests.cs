using System.Text.Json;
using TicketMail.Cli.Tests.Safety;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Reliability;

/// <summary>ESC, CSI and OSC sequences in a message never reach the operator's terminal raw; JSON keeps them exactly.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TerminalEscapeTests(PostgresServer postgres)
{
    private const string Esc = "\u001b";
    private const string Subject = "Hi " + Esc + "]52;c;ZXZpbA==\u0007" + Esc + "[2J there \u009b31m";

    private static byte[] Hostile(string messageId, string from = "Eve <eve@customer.example>") =>
        System.Text.Encoding.UTF8.GetBytes(
            $"From: {from}\r\nTo: support@example.com\r\nSubject: {Subject}\r\nMessage-ID: <{messageId}>\r\n"
            + "Date: Mon, 23 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
            + "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nline one " + Esc + "]0;owned\u0007\r\nover\rwrite\r\n"
            + "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename*=utf-8''evil%1B%5B2J.txt\r\n\r\nx\r\n--b--\r\n");

    private static void AssertClean(ProcessOutput output)
    {
        Assert.True(output.Stdout.All(c => c is '\n' or '\t' || (c >= ' ' && c is not ('\u007f' or >= '\u0080' and <= '\u009f'))), "stdout: " + output);
        Assert.DoesNotContain(Esc, output.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Control_sequences_are_escaped_in_every_human_output_and_exact_in_JSON(string provider)
    {
        var log = Path.Combine(Path.GetTempPath(), $"tm-log-{Guid.NewGuid():N}.log");
        await using var bed = await SafetyBed.CreateAsync(provider, postgres, new Dictionary<string, string?> { ["TICKETMAIL_LOG"] = log });

        var created = await bed.Cli.RunAsync(Hostile("esc-1" + Esc + "[2J@customer.example"), "process", "--verbose");
        var json = CliJson.Single(await bed.Cli.RunAsync(Hostile("esc-2@customer.example"), "process", "--dry-run", "--json", "--explain"));
        var explain = await bed.Cli.RunAsync(Hostile("esc-3@customer.example"), "process", "--dry-run", "--explain");
        var list = await bed.Cli.RunAsync("tickets", "list");
        var ticket = JsonDocument.Parse((await bed.Cli.RunAsync("tickets", "list", "--json")).Stdout).RootElement[0].Str("uuid");
        var show = await bed.Cli.RunAsync("tickets", "show", ticket);
        var quarantined = await bed.Cli.RunAsync(Hostile("esc-4@customer.example", "noreply@customer.example"), "process");
        var quarantine = await bed.Cli.RunAsync("quarantine", "list");

        Assert.Equal(0, created.ExitCode);
        foreach (var output in new[] { created, explain, list, show, quarantined, quarantine })
        {
            AssertClean(output);
        }

        Assert.Contains("^[]52;c;ZXZpbA==^G^[[2J there \\u009b31m", created.Stdout, StringComparison.Ordinal);
        Assert.Contains("line one ^[]0;owned^G", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("evil[2J.txt", show.Stdout, StringComparison.Ordinal); // FileNames drops controls when storing
        Assert.Equal(Subject, json.Str("subject"));
        Assert.Contains(Esc + "]0;owned", json.GetProperty("message").Str("text"), StringComparison.Ordinal);
        Assert.DoesNotContain(Esc, await File.ReadAllTextAsync(log), StringComparison.Ordinal);
        File.Delete(log);
    }
}
