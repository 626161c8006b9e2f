using System.Text;
using TicketMail.Core.Content;

namespace TicketMail.Core.Tests.Content;

/// <summary>
/// Short unlabelled 8-bit text (a subject, a name): the single-byte charset whose words look like words wins;
/// windows-1252 stays unless another is clearly better. All words written for this test.
/// </summary>
public sealed class PlausibleCharsetTests
{
    private static string RoundTrip(string text, string charset, string? language = null)
    {
        var bytes = Encoding.GetEncoding(charset).GetBytes(text);
        return PlausibleCharset.Choose(bytes, language).GetString(bytes);
    }

    [Theory]
    [InlineData("тест тест")]
    [InlineData("Тест")]
    [InlineData("Принтер не печатает")]
    [InlineData("Да")]
    [InlineData("Re: счёт 5")]
    public void Russian_in_KOI8_R_reads_as_Russian(string text) => Assert.Equal(text, RoundTrip(text, "koi8-r"));

    [Theory]
    [InlineData("тест")]
    [InlineData("Привет")]
    [InlineData("Заявка на ремонт")]
    [InlineData("Да")]
    [InlineData("Іван Петренко")]
    public void Cyrillic_in_windows_1251_reads_as_Cyrillic(string text) => Assert.Equal(text, RoundTrip(text, "windows-1251"));

    [Theory]
    [InlineData("Łódź")]
    [InlineData("może")]
    [InlineData("Zażółć gęślą jaźń")]
    [InlineData("Paweł Wiśniewski")]
    [InlineData("Drukarka nie działa")]
    public void Polish_in_ISO_8859_2_reads_as_Polish(string text) => Assert.Equal(text, RoundTrip(text, "iso-8859-2"));

    [Theory]
    [InlineData("café")]
    [InlineData("Müller")]
    [InlineData("Ñandú")]
    [InlineData("Grüße aus Köln")]
    [InlineData("Straße")]
    [InlineData("Élève à l'école")]
    [InlineData("¿Qué tal? Señor Núñez")]
    [InlineData("niño")]
    [InlineData("Preis: 50€ (netto)")]
    [InlineData("«Bonjour» – été")]
    [InlineData("don’t")]
    [InlineData("ÄRGER")]
    [InlineData("VIAGRA ® Official Site")]
    public void Western_text_stays_windows_1252(string text) => Assert.Equal(text, RoundTrip(text, "windows-1252"));

    [Fact]
    public void The_message_language_settles_a_tie_and_nothing_more()
    {
        // "Gdańsk" reads as well as windows-1252 "Gdañsk", which keeps the tie; Content-Language: pl settles it.
        Assert.Equal("Gdañsk", RoundTrip("Gdańsk", "iso-8859-2"));
        Assert.Equal("Gdańsk", RoundTrip("Gdańsk", "iso-8859-2", "pl"));
        // A hint never makes a bad reading good: "Müller" is "Mьller" in windows-1251.
        Assert.Equal("Müller", RoundTrip("Müller", "windows-1252", "ru"));
    }

    [Theory]
    [InlineData("Mьller", WordShape.Verdict.Bad)]
    [InlineData("ôÅÓÔ", WordShape.Verdict.Bad)]
    [InlineData("Za¿ó³æ", WordShape.Verdict.Bad)]
    [InlineData("ÔÅÓÔ", WordShape.Verdict.Weak)]
    [InlineData("òåñò", WordShape.Verdict.Weak)]
    [InlineData("тест", WordShape.Verdict.Good)]
    [InlineData("Müller", WordShape.Verdict.Good)]
    [InlineData("hello", WordShape.Verdict.Neutral)]
    [InlineData("50€", WordShape.Verdict.Neutral)]
    [InlineData("Ž", WordShape.Verdict.Neutral)]
    public void Words_are_judged_by_script_case_and_symbols(string word, WordShape.Verdict verdict) =>
        Assert.Equal(verdict, WordShape.Judge(word));

    [Fact]
    public void Control_characters_rule_a_candidate_out()
    {
        Assert.Equal(WordShape.Verdict.Bad, WordShape.Judge("ab\u0081c"));
        Assert.Null(PlausibleCharset.Score("ok ab\u009Dc"));
    }
}
