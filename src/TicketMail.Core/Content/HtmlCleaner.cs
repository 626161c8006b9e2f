using Ganss.Xss;

namespace TicketMail.Core.Content;

/// <summary>
/// Sanitizes message HTML for an agent's browser with HtmlSanitizer: no script, no event handlers, no
/// javascript: URLs, and no remote content that loads by itself (tracking pixels, remote CSS backgrounds).
/// Links may point anywhere; images only at data:image/* or at an attachment of the same message.
/// An image written as cid:X becomes <c>attachments/&lt;sha256&gt;</c> (see <see cref="AttachmentLink"/>).
/// </summary>
public static class HtmlCleaner
{
    /// <summary>The stable reference stored HTML uses for an inline image: relative, resolvable by any agent UI.</summary>
    public static string AttachmentLink(string sha256) => "attachments/" + sha256;

    public static string Clean(string html, IReadOnlyDictionary<string, string> contentIdToSha256)
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto", "tel", "cid", "data" })
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }

        sanitizer.AllowedAttributes.Remove("background");
        sanitizer.AllowedAttributes.Remove("srcset");
        sanitizer.AllowedTags.Remove("form");
        // A position:fixed/absolute overlay with a high z-index covers the agent's whole page (a fake login box):
        // without these two an element stays in the flow of the message.
        sanitizer.AllowedCssProperties.Remove("position");
        sanitizer.AllowedCssProperties.Remove("z-index");
        sanitizer.FilterUrl += (_, e) => e.SanitizedUrl = Filter(e.Tag.LocalName, e.OriginalUrl, e.SanitizedUrl, contentIdToSha256);
        return sanitizer.Sanitize(html);
    }

    private static string? Filter(string tag, string original, string? sanitized, IReadOnlyDictionary<string, string> cids)
    {
        if (sanitized is null)
        {
            return null;
        }

        var url = sanitized.Trim();
        if (url.StartsWith("cid:", StringComparison.OrdinalIgnoreCase))
        {
            var id = Uri.UnescapeDataString(url[4..]).Trim('<', '>');
            return cids.TryGetValue(id, out var sha) ? AttachmentLink(sha) : null;
        }

        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return url.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("data:image/svg", StringComparison.OrdinalIgnoreCase) ? url : null;
        }

        // Remote URLs only where a person clicks them; anything that loads by itself (img, CSS, media) is dropped.
        _ = original;
        return tag is "a" or "area" ? url : null;
    }
}
