using System.Security.Cryptography;
using System.Text;
using TicketMail.Core.Content;
using TicketMail.Core.Mail;
using TicketMail.Core.Tests.Support;

namespace TicketMail.Core.Tests.Content;

/// <summary>Each fixture under tests/fixtures/content, read the way the CLI reads it.</summary>
public sealed class ContentFixtureTests
{
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Sha(string text) => Sha(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Outlook_HTML_becomes_readable_text_and_sanitized_html_and_the_reply_drops_the_From_Sent_quote()
    {
        var mail = Read.Fixture("content/outlook-html.eml");

        Assert.Equal(
            "Hello,\n\nthe printer is still smoking. See the status page (https://status.example/printer) and this.\n\n- Model X100\n- Room 4\n\nAnn",
            mail.Reply);
        Assert.Contains("From: Support <support@example.com>\nSent: Monday, March 3, 2025 9:00 AM", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Please restart the printer.", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("MsoNormal {", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("alert", mail.Text, StringComparison.Ordinal);

        var html = mail.Html!;
        Assert.Contains("https://status.example/printer", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("tracker.example", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Apple_Mail_inline_image_is_stored_and_the_html_links_it_by_hash_instead_of_cid()
    {
        var mail = Read.Fixture("content/apple-inline.eml");
        var png = Convert.FromBase64String(Png);

        var image = Assert.Single(mail.Attachments);
        Assert.Equal(("error.png", "image/png", (long)png.Length, Sha(png), true, "error-1@apple.example"),
            (image.FileName, image.ContentType, image.Size, image.Sha256, image.Inline, image.ContentId));
        Assert.Equal(png, image.Content);
        Assert.Equal("Here is the error:\n\n[image: error.png]", mail.Text);
        Assert.Contains($"src=\"attachments/{Sha(png)}\"", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("cid:", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Winmail_dat_is_opened_up_into_its_body_and_attachments()
    {
        var mail = Read.Fixture("content/winmail.eml");

        var report = Assert.Single(mail.Attachments);
        Assert.Equal(("report.txt", "text/plain", Sha("Revenue: 42\n")), (report.FileName, report.ContentType, report.Sha256));
        Assert.Equal("Revenue: 42\n", Encoding.UTF8.GetString(report.Content!));
        Assert.Contains("Please find the report attached.", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(mail.Attachments, a => a.FileName.Contains("winmail", StringComparison.OrdinalIgnoreCase) || a.ContentType.Contains("tnef", StringComparison.Ordinal));
    }

    [Fact]
    public void A_forward_with_no_text_of_its_own_shows_the_forwarded_text_and_keeps_it_as_an_eml()
    {
        var mail = Read.Fixture("content/forward.eml");

        var eml = Assert.Single(mail.Attachments);
        Assert.Equal(("Invoice 1234.eml", "message/rfc822", false), (eml.FileName, eml.ContentType, eml.Inline));
        Assert.Equal(Sha(eml.Content!), eml.Sha256);
        Assert.Contains("Subject: Invoice 1234", Encoding.UTF8.GetString(eml.Content!), StringComparison.Ordinal);
        Assert.StartsWith("---------- Forwarded message ----------\nFrom: Billing <billing@vendor.example>", mail.Text, StringComparison.Ordinal);
        Assert.EndsWith("Subject: Invoice 1234\n\nYour invoice 1234 is due.", mail.Text, StringComparison.Ordinal);
        Assert.Equal(mail.Text, mail.Reply);
    }

    [Theory]
    [InlineData("content/iso-2022-jp.eml", "プリ", "お問い合わせありがとうございます。\nプリンターが動きません。")]
    [InlineData("content/koi8-r.eml", "Принтер", "Здравствуйте!\nПринтер не работает.")]
    [InlineData("content/mislabelled-utf8.eml", "Umlauts", "Grüße aus Köln – 5 €")]
    [InlineData("content/unlabelled-1252.eml", "Cafe", "Café crème costs 3 € – “cheap”")]
    public void Charsets_decode_and_wrong_or_missing_labels_fall_back_without_replacement_characters(string fixture, string subject, string text)
    {
        var mail = Read.Fixture(fixture);

        Assert.Equal((subject, text), (mail.Subject, mail.Text));
        Assert.DoesNotContain('\uFFFD', mail.Text);
    }

    [Fact]
    public void A_signed_message_shows_its_content_without_the_signature_part()
    {
        var mail = Read.Fixture("content/signed.eml");

        Assert.Equal("Please reset my password.", mail.Text);
        Assert.Empty(mail.Attachments);
    }

    [Fact]
    public void Format_flowed_lines_are_joined()
    {
        var mail = Read.Fixture("content/flowed.eml");

        Assert.Equal("This is a long line that the client wrapped at a soft line break, and it continues here.\n\nSecond paragraph.", mail.Text);
    }

    [Fact]
    public void Attachment_names_are_decoded_and_sanitized()
    {
        var mail = Read.Fixture("content/attachment-names.eml");

        var names = mail.Attachments.Select(a => a.FileName).ToList();
        Assert.Equal("Anhänge", mail.Subject);
        Assert.Equal("naïve résumé.txt", names[0]);
        Assert.Equal("отчёт.txt", names[1]);
        Assert.Equal("passwd", names[2]);
        Assert.Equal("invoicefdp.exe", names[3]);
        Assert.Equal("_CON.txt", names[4]);
        Assert.Equal("attachment-6.pdf", names[5]);
        Assert.True(Encoding.UTF8.GetByteCount(names[6]) <= 255 && names[6].EndsWith(".txt", StringComparison.Ordinal), names[6]);
        Assert.Equal(7, names.Count);
        Assert.Equal([Sha("one"), Sha("two"), Sha("three")], mail.Attachments.Take(3).Select(a => a.Sha256));
    }

    [Fact]
    public void An_attachment_over_the_limit_is_left_out_with_a_note_and_the_rest_is_kept()
    {
        using var stream = new MemoryStream(TestKit.RepoPaths.FixtureBytes("content/oversized.eml"));
        using var message = MessageLoader.Parse(stream);
        var body = new BodyExtractor(new ContentOptions { MaxAttachmentBytes = 1024 }).Extract(message);

        var big = body.Attachments[0];
        var content = string.Concat(Enumerable.Repeat("0123456789abcdef", 128));
        Assert.Equal(("big.log", 2048L, Sha(content), (byte[]?)null), (big.FileName, big.Size, big.Sha256, big.Content));
        Assert.Equal("small", Encoding.UTF8.GetString(body.Attachments[1].Content!));
        var note = Assert.Single(body.Notes);
        Assert.Contains("big.log", note, StringComparison.Ordinal);
        Assert.Contains("2048 bytes", note, StringComparison.Ordinal);
    }
}
