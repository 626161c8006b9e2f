using System.Security.Cryptography;
using System.Text;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Safety;

/// <summary>
/// Messages over a megabyte are never held whole: the raw bytes stream from the spool or input file into the
/// database, and large attachment content streams in after its row. What lands must still be exact.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class LargeMailTests(PostgresServer postgres)
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_message_over_a_megabyte_is_stored_byte_for_byte_from_stdin_and_from_a_file(string provider)
    {
        await using var bed = await SafetyBed.CreateAsync(provider, postgres);
        using var folder = new TempFolder();
        var (first, firstScan) = Large("first", seed: 1);
        var (second, secondScan) = Large("second", seed: 2);
        File.WriteAllBytes(folder.File("second.eml"), second);

        var fromStdin = await bed.Cli.RunAsync(first, "process", "--json");
        var fromFile = await bed.Cli.RunAsync("process", "--json", folder.File("second.eml"));

        Assert.True(fromStdin.ExitCode == 0, fromStdin.ToString());
        Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
        Assert.Equal("created", CliJson.Single(fromStdin).Str("action"));
        Assert.True(first.Length > 1024 * 1024 && firstScan.Length > 1024 * 1024, "both must be over the in-memory limit");
        Assert.Equal(first, await bed.BytesAsync(RawOf("first")));
        Assert.Equal(second, await bed.BytesAsync(RawOf("second")));
        Assert.Equal(firstScan, await bed.BytesAsync(BlobOf(firstScan)));
        Assert.Equal(secondScan, await bed.BytesAsync(BlobOf(secondScan)));
        Assert.Equal(2, await bed.CountAsync("select count(*) from attachment_blobs"));
        Assert.Empty(bed.Files("incoming"));
    }

    private static string RawOf(string id) =>
        $"select r.content from message_raw r join messages m on m.id = r.stored_message_id where m.message_id = '{id}@large.example'";

    private static string BlobOf(byte[] content) =>
        $"select content from attachment_blobs where sha256 = '{Convert.ToHexStringLower(SHA256.HashData(content))}'";

    /// <summary>A multipart message with a 1.5 MB random attachment in base64 (about 2 MB raw).</summary>
    private static (byte[] Raw, byte[] Attachment) Large(string id, int seed)
    {
        var scan = new byte[1_500_000];
        new Random(seed).NextBytes(scan);
        var text = new StringBuilder()
            .Append("From: Customer <big@customer.example>\r\nTo: support@example.com\r\n")
            .Append($"Subject: Big scan {id}\r\nMessage-ID: <{id}@large.example>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n")
            .Append("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n")
            .Append("--b\r\nContent-Type: text/plain\r\n\r\nSee the scan.\r\n")
            .Append("--b\r\nContent-Type: application/octet-stream; name=\"scan.bin\"\r\nContent-Transfer-Encoding: base64\r\n")
            .Append("Content-Disposition: attachment; filename=\"scan.bin\"\r\n\r\n")
            .Append(Convert.ToBase64String(scan, Base64FormattingOptions.InsertLineBreaks))
            .Append("\r\n--b--\r\n");
        return (Encoding.ASCII.GetBytes(text.ToString()), scan);
    }
}
