using TicketMail.Core.Content.Replies;

namespace TicketMail.Core.Tests.Content.Replies;

/// <summary>The quote prefix, signature and sign-off classifiers.</summary>
public sealed class LineFormTests
{
    [Theory]
    [InlineData("| Did it help?", "> Did it help?")]
    [InlineData("C> Did it help?", "> Did it help?")]
    [InlineData("AB> Did it help?", "> Did it help?")]
    [InlineData("> already quoted", "> already quoted")]
    [InlineData("| a | b |", "| a | b |")]
    [InlineData("plain text", "plain text")]
    public void Quote_prefixes_are_normalised(string line, string expected) => Assert.Equal(expected, QuotePrefix.Normalize(line));

    [Theory]
    [InlineData("Sent from my iPhone")]
    [InlineData("Envoyé depuis mon iPhone")]
    [InlineData("Diese Nachricht wurde von meinem Android Mobiltelefon mit GMX Mail gesendet.")]
    [InlineData("Sent with Proton Mail secure email.")]
    [InlineData("Get Outlook for Android")]
    [InlineData("Get [Outlook for Android](https://aka.ms/AAb9ysg)")]
    [InlineData("Sent from TypeApp<http://www.typeapp.com/r?b=2621>")]
    [InlineData("從我的 iPhone 傳送")]
    [InlineData("Verzonden met BlueMail")]
    [InlineData("Verstuurd vanaf mijn iPhone")]
    [InlineData("Skickat från min iPhone")]
    public void App_signatures_are_signatures(string line) => Assert.True(SignatureLine.IsSignature(line));

    [Theory]
    [InlineData("Sent from my desk, is much easier than my mobile phone.")]
    [InlineData("I sent it from my laptop yesterday and it failed.")]
    public void Sentences_are_not_signatures(string line) => Assert.False(SignatureLine.IsSignature(line));

    [Theory]
    [InlineData("-- ", true)]
    [InlineData("--", true)]
    [InlineData("__", true)]
    [InlineData("ᐧ", true)]
    [InlineData("**. . . . . . . . . .**", true)]
    [InlineData("-- see below", false)]
    [InlineData("...", false)]
    public void Delimiters_are_recognised(string line, bool delimiter) => Assert.Equal(delimiter, SignatureLine.IsDelimiter(line));

    [Theory]
    [InlineData("Kind regards,", true)]
    [InlineData("Med venlig hilsen", true)]
    [InlineData("Pozdrawiam,", true)]
    [InlineData("Mit freundlichen Grüßen", true)]
    [InlineData("Cordialement", true)]
    [InlineData("Regards, and thanks for everything you did last week in the office", false)]
    [InlineData("Thanks, that fixed it.", false)]
    public void Closings_are_recognised(string line, bool closing) => Assert.Equal(closing, SignOff.IsClosing(line));

    [Theory]
    [InlineData("-Ann", true)]
    [InlineData("/John", true)]
    [InlineData("- Ann Smith", true)]
    [InlineData("- restart the printer", false)]
    public void Dash_names_are_recognised(string line, bool name) => Assert.Equal(name, SignOff.IsDashName(line));
}
