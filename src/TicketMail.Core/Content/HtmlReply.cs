using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using TicketMail.Core.Content.Replies;

namespace TicketMail.Core.Content;

/// <summary>
/// Cuts the quoted part out of an HTML reply before it becomes text: the first of the markers mail clients
/// write (blockquote type=cite, Gmail's gmail_quote, Outlook's divRplyFwdMsg / OutlookMessageHeader and its
/// border-top header block, Thunderbird's and Apple Mail's moz-cite-prefix, Yahoo's yahoo_quoted) and
/// everything after it in document order go, with an "On … wrote:" line left right above the cut.
/// A forward is not cut: the forwarded message is its content.
/// </summary>
public static class HtmlReply
{
    private const string Markers =
        "blockquote[type=cite], .gmail_quote, #divRplyFwdMsg, [id^=divRplyFwdMsg], #OutlookMessageHeader, [id^=OutlookMessageHeader], " +
        ".moz-cite-prefix, .yahoo_quoted, [id$=yahoo_quoted], .OutlookMessageHeader, #appendonsend, [name=messageReplySection]";

    /// <summary>The HTML without the quoted part, or null when there is no quote markup (or nothing would be left).</summary>
    public static string? Cut(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        if (document.Body is not { } body)
        {
            return null;
        }

        var marker = body.QuerySelectorAll(Markers).Concat(BorderTopHeaders(body))
            .OrderBy(e => e, DocumentOrder.Instance).FirstOrDefault();
        if (marker is null || AttributionLine.IsForward(FirstLine(marker.TextContent)))
        {
            return null;
        }

        RemoveFrom(marker, body);
        RemoveTrailingAttribution(body);
        RemoveTrailingRules(body);
        return string.IsNullOrWhiteSpace(body.TextContent) ? null : document.DocumentElement.OuterHtml;
    }

    /// <summary>Outlook's header block: a div with a top border whose text starts with a From field.</summary>
    private static IEnumerable<IElement> BorderTopHeaders(IElement body) =>
        body.QuerySelectorAll("div[style]").Where(d =>
            d.GetAttribute("style")!.Replace(" ", "", StringComparison.Ordinal).Contains("border-top:solid", StringComparison.OrdinalIgnoreCase)
            && HeaderField.Of(FirstLine(d.TextContent)) == HeaderFieldKind.From);

    /// <summary>Removes the marker and everything after it, up to the body.</summary>
    private static void RemoveFrom(INode marker, IElement body)
    {
        for (var node = marker; node is not null && !ReferenceEquals(node, body); node = node.Parent)
        {
            while (node.NextSibling is { } next)
            {
                next.Parent!.RemoveChild(next);
            }
        }

        marker.Parent?.RemoveChild(marker);
    }

    /// <summary>Apple Mail writes "On …, Ann &lt;ann@x&gt; wrote:" as text (links inside) above the blockquote: it goes with the quote.</summary>
    private static void RemoveTrailingAttribution(IElement body)
    {
        var texts = body.GetDescendants().OfType<IText>().Where(t => !string.IsNullOrWhiteSpace(t.Data)).TakeLast(8).ToList();
        for (var k = 1; k <= texts.Count; k++)
        {
            var tail = texts.Skip(texts.Count - k).ToList();
            var joined = string.Join("", tail.Select(t => t.Data)).Trim();
            if (joined.Contains('\n', StringComparison.Ordinal) && k > 1)
            {
                joined = string.Join(" ", joined.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            }

            // The whole line, not its tail: "> wrote:" alone would match the loose form and leave "On … &lt;ann@x" behind.
            if (AttributionLine.IsComplete(joined))
            {
                foreach (var t in tail)
                {
                    var parent = t.Parent;
                    t.Parent?.RemoveChild(t);
                    // A link or span that held only the address would still render (its href): it goes too.
                    while (parent is IElement { LocalName: not "body" } empty && string.IsNullOrWhiteSpace(empty.TextContent) && empty.QuerySelector("img") is null)
                    {
                        parent = empty.Parent;
                        empty.Parent?.RemoveChild(empty);
                    }
                }

                return;
            }
        }
    }

    /// <summary>An &lt;hr&gt; or empty line breaks left above the cut separate nothing any more.</summary>
    private static void RemoveTrailingRules(IElement body)
    {
        while (body.GetDescendants().LastOrDefault(n => n is IElement { LocalName: "hr" or "br" } || (n is IText t && !string.IsNullOrWhiteSpace(t.Data))) is IElement { LocalName: "hr" or "br" } last)
        {
            last.Parent!.RemoveChild(last);
        }
    }

    private static string FirstLine(string text) =>
        text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";

    private sealed class DocumentOrder : IComparer<IElement>
    {
        public static DocumentOrder Instance { get; } = new();

        public int Compare(IElement? x, IElement? y)
        {
            if (ReferenceEquals(x, y) || x is null || y is null)
            {
                return 0;
            }

            var position = x.CompareDocumentPosition(y);
            return (position & DocumentPositions.Following) != 0 ? -1 : 1;
        }
    }
}
