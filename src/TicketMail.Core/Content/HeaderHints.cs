using System.Text;
using MimeKit;

namespace TicketMail.Core.Content;

/// <summary>
/// The evidence a message gives for decoding a header whose charset is missing or lies: the charsets it declares
/// elsewhere (<see cref="SiblingCharsets"/>) and the language it names (Content-Language, else Accept-Language).
/// </summary>
public sealed record HeaderHints(IReadOnlyList<Encoding> Siblings, string? Language)
{
    public static HeaderHints None { get; } = new([], null);

    public static HeaderHints Of(MimeMessage message) => new(SiblingCharsets.Of(message), LanguageOf(message));

    /// <summary>The primary subtag of the first language named ("ru" of "ru-RU, en;q=0.8"), lower case, or null.</summary>
    public static string? LanguageOf(MimeMessage message)
    {
        var value = message.Headers["Content-Language"] ?? message.Body?.Headers["Content-Language"] ?? message.Headers["Accept-Language"];
        var first = value?.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var primary = first?.Split('-')[0];
        return primary is { Length: >= 2 and <= 3 } && primary.All(char.IsAsciiLetter) ? primary.ToLowerInvariant() : null;
    }
}
