using System.Text;
using TicketMail.Core.Content;

namespace TicketMail.Core.Tests.Content;

/// <summary>Each step of <see cref="CharsetGuess"/> on its own: siblings, mixed UTF-8, the detector, windows-1252.</summary>
public sealed class CharsetGuessTests
{
    private static byte[] Bytes(string text, string charset) => Encoding.GetEncoding(charset).GetBytes(text);

    [Fact]
    public void Valid_UTF8_wins_over_every_sibling()
    {
        Assert.Equal("Grüße", CharsetGuess.Decode(Encoding.UTF8.GetBytes("Grüße"), [.. CharsetFamily.Of("koi8-r")]));
    }

    [Fact]
    public void A_sibling_is_used_only_when_it_decodes_strictly()
    {
        // The emoji's four-byte GB18030 sequence has a second byte (0x30..0x39) that Shift_JIS cannot take.
        var gb = Bytes("打印机坏了 😀", "gb18030");
        Assert.Equal("打印机坏了 😀", CharsetGuess.Decode(gb, [CharsetFamily.Strict("shift_jis")!, .. CharsetFamily.Of("gb2312")]));
    }

    [Theory]
    [InlineData("ISO-2022-JP", 932)]
    [InlineData("gb2312", 54936)]
    [InlineData("ks_c_5601-1987", 949)]
    public void Seven_bit_and_subset_labels_map_to_their_8_bit_family(string declared, int codePage)
    {
        Assert.Equal(codePage, CharsetFamily.Of(declared).First().CodePage);
    }

    [Fact]
    public void UTF8_with_a_stray_byte_decodes_sequence_by_sequence()
    {
        byte[] mixed = [.. Encoding.UTF8.GetBytes("Grüße – "), 0x80, .. Encoding.UTF8.GetBytes(" 5")];
        Assert.Equal("Grüße – € 5", CharsetGuess.Decode(mixed, []));
    }

    [Fact]
    public void A_legacy_word_with_one_chance_UTF8_pair_is_not_mixed_UTF8()
    {
        // KOI8-R "Счёт" is F3 DE A3 D4: DE A3 is a valid UTF-8 pair, F3 and D4 are stray.
        Assert.Null(CharsetGuess.MixedUtf8(Bytes("Счёт", "koi8-r")));
    }

    [Fact]
    public void An_unlabelled_long_text_is_detected_and_a_short_one_falls_back_to_windows_1252()
    {
        var russian = Bytes("Здравствуйте! Принтер в комнате четыре не работает уже второй день.", "windows-1251");
        Assert.Equal("Здравствуйте! Принтер в комнате четыре не работает уже второй день.", CharsetGuess.Decode(russian, []));
        Assert.Equal("Café", CharsetGuess.Decode(Bytes("Café", "windows-1252"), []));
    }
}
