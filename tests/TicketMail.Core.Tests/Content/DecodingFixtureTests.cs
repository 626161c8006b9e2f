using System.Security.Cryptography;
using System.Text;
using TicketMail.Core.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Core.Tests.Content;

/// <summary>The decoding fixtures of issue 12 (tests/fixtures/content), read the way the CLI reads them: no lost bytes, no mojibake.</summary>
public sealed class DecodingFixtureTests
{
    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public void A_base64_attachment_whose_last_group_is_short_keeps_its_final_bytes_and_its_true_hash()
    {
        var mail = Read.Fixture("content/short-base64.eml");

        var log = Assert.Single(mail.Attachments);
        Assert.Equal(("printer.log", 47L, "10c362d49e23a6233f93e929cd9387094642e74ed62bbbf5770be848344d3c91"), (log.FileName, log.Size, log.Sha256));
        Assert.Equal("Ticket log: printer jam at 09:14, tray 2, ok.\n!", Encoding.ASCII.GetString(log.Content!));
    }

    [Fact]
    public void A_uuencoded_part_without_a_begin_line_still_decodes()
    {
        var mail = Read.Fixture("content/uuencode-no-begin.eml");

        var details = Assert.Single(mail.Attachments);
        Assert.Equal(("details.txt", "4e7a81307eddc2726944958bea158652a2e43f7420c59f3a2e5b77dd78027f9d"), (details.FileName, details.Sha256));
        Assert.Equal("Serial: X100-4711\nFirmware: 2.3.1\nError: E42 paper feed\n", Encoding.ASCII.GetString(details.Content!));
    }

    [Fact]
    public void An_attached_message_is_stored_as_the_exact_bytes_of_its_part()
    {
        var raw = RepoPaths.FixtureBytes("content/attached-message.eml");
        var text = Encoding.ASCII.GetString(raw);
        var start = text.IndexOf("From:   Vendor", StringComparison.Ordinal);
        var end = text.IndexOf("\r\n--b3--", StringComparison.Ordinal);

        var mail = Read.Bytes(raw);

        var eml = Assert.Single(mail.Attachments);
        Assert.Equal("message/rfc822", eml.ContentType);
        Assert.Equal(Encoding.ASCII.GetString(raw[start..end]), Encoding.ASCII.GetString(eml.Content!).TrimEnd('\r', '\n'));
        Assert.Equal(Sha(eml.Content!), eml.Sha256);
    }

    [Fact]
    public void A_GB18030_subject_without_a_label_decodes_with_the_charset_the_body_declares()
    {
        var mail = Read.Fixture("content/gb18030-subject.eml");

        Assert.Equal(("打印机坏了：镕铌", "打印机不工作。"), (mail.Subject, mail.Text));
    }

    [Fact]
    public void Shift_JIS_bytes_in_an_encoded_word_labelled_ISO_2022_JP_decode_as_Shift_JIS()
    {
        var mail = Read.Fixture("content/sjis-labelled-iso-2022-jp.eml");

        Assert.Equal(("プリンター故障", "プリンターが動きません。"), (mail.Subject, mail.Text));
    }

    [Fact]
    public void Raw_KOI8_R_names_subject_and_file_name_without_any_label_read_as_Russian()
    {
        var mail = Read.Fixture("content/names-koi8r-raw.eml");

        Assert.Equal(("Иван Петров", "Служба поддержки", "Принтер сломан", "Счёт.pdf"),
            (mail.From!.Name, mail.To[0].Name, mail.Subject, Assert.Single(mail.Attachments).FileName));
    }

    [Fact]
    public void Names_whose_encoded_words_or_RFC_2231_charsets_lie_are_decoded_from_their_bytes()
    {
        var mail = Read.Fixture("content/names-mislabelled.eml");

        Assert.Equal(("Jürgen Müller", "José García", "Françoise Dupré"), (mail.From!.Name, mail.Cc[0].Name, mail.ReplyTo!.Name));
        Assert.Equal(["Présentation.pdf", "Grüße.txt", "Jahresbericht Köln.xls", "Übersicht.pdf", "Bestellung für Müller.txt"],
            mail.Attachments.Select(a => a.FileName));
    }
}
