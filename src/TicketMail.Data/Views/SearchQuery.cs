namespace TicketMail.Data.Views;

/// <summary>What 'tickets search' asks for: words that must all occur (subject, sender or text); null filters mean "any".</summary>
public sealed record SearchQuery(string Text, string? Queue, string? Status, int Limit)
{
    /// <summary>The words of the query, as the full-text index splits them (letters and digits; the rest separates).</summary>
    public IReadOnlyList<string> Words { get; } = Split(Text);

    public static IReadOnlyList<string> Split(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
        }

        return words;
    }
}
