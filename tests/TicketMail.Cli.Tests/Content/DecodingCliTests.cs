using System.Text;
using System.Text.Json;
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

    [Fact]
    public async Task Display_names_and_file_names_are_decoded_like_subjects_in_the_json_line()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite", postgres);
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString);

        var output = await cli.RunAsync("process", "--dry-run", "--json",
            RepoPaths.Fixture("content/names-koi8r-raw.eml"), RepoPaths.Fixture("content/names-mislabelled.eml"));

        Assert.True(output.ExitCode == 0, output.ToString());
        var lines = output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(CliJson.Parse)
            .ToDictionary(j => Path.GetFileName(j.Str("source")), j => j.GetProperty("message"));
        var russian = lines["names-koi8r-raw.eml"];
        Assert.Equal(("Иван Петров", "Служба поддержки", "Принтер сломан", "Счёт.pdf"),
            (russian.GetProperty("from").Str("name"), russian.GetProperty("to")[0].Str("name"), russian.Str("subject"), russian.GetProperty("attachments")[0].Str("fileName")));
        var western = lines["names-mislabelled.eml"];
        Assert.Equal(("Jürgen Müller", "José García", "Françoise Dupré"),
            (western.GetProperty("from").Str("name"), western.GetProperty("cc")[0].Str("name"), western.GetProperty("replyTo").Str("name")));
        Assert.Equal(["Présentation.pdf", "Grüße.txt", "Jahresbericht Köln.xls", "Übersicht.pdf", "Bestellung für Müller.txt"],
            western.GetProperty("attachments").EnumerateArray().Select(a => a.Str("fileName")));
    }
}
