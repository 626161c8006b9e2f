using System.Text;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Content;

/// <summary>Issue 12's decoding fixtures through the CLI process into SQLite: the stored bytes and subject, not only the JSON.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DecodingCliTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_short_tailed_base64_attachment_and_a_mislabelled_Japanese_subject_are_stored_intact()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite", postgres);
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString);

        var log = await cli.RunAsync(Fixture.Bytes("content/short-base64.eml"), "process", "--json");
        var japanese = await cli.RunAsync(Fixture.Bytes("content/sjis-labelled-iso-2022-jp.eml"), "process", "--json");

        Assert.True(log.ExitCode == 0 && japanese.ExitCode == 0, log + "\n" + japanese);
        const string sha = "10c362d49e23a6233f93e929cd9387094642e74ed62bbbf5770be848344d3c91";
        var stored = await db.BytesAsync($"select content from attachment_blobs where sha256 = '{sha}'");
        Assert.Equal("Ticket log: printer jam at 09:14, tray 2, ok.\n!", Encoding.ASCII.GetString(stored));
        Assert.Equal("プリンター故障", await db.ExecAsync("select subject from tickets where subject not like 'Log%'"));
    }
}
