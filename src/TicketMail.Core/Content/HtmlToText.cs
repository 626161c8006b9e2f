using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace TicketMail.Core.Content;

/// <summary>
/// Renders HTML as readable plain text by walking AngleSharp's DOM: blocks become paragraphs, br a line break,
/// list items "- " or "1. ", links "text (url)", and blockquotes "> " lines so reply trimming can see the quote.
/// </summary>
public static class HtmlToText
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "head", "title", "template", "noscript", "svg" };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "h1", "h2", "h3", "h4", "h5", "h6",
        "table", "tr", "ul", "ol", "dl", "dt", "dd", "pre", "hr", "address", "figure", "center", "form", "fieldset",
    };

    public static string Convert(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var writer = new Writer();
        if (document.Body is { } body)
        {
            Walk(body, writer, listDepth: 0);
        }

        return writer.ToString();
    }

    private static void Walk(INode node, Writer w, int listDepth)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    w.Inline(text.Data);
                    break;
                case IElement element:
                    Element(element, w, listDepth);
                    break;
            }
        }
    }

    private static void Element(IElement e, Writer w, int listDepth)
    {
        var name = e.LocalName;
        if (Skipped.Contains(name))
        {
            return;
        }

        switch (name)
        {
            case "br":
                w.Br();
                return;
            case "hr":
                w.Block();
                w.Inline("----");
                w.Block();
                return;
            case "img":
                if (e.GetAttribute("alt") is { Length: > 0 } alt)
                {
                    w.Inline($"[{alt}]");
                }

                return;
            case "a":
                Link(e, w, listDepth);
                return;
            case "li":
                w.LineBreak();
                var ordered = e.ParentElement?.LocalName == "ol";
                var number = ordered ? e.ParentElement!.Children.Where(c => c.LocalName == "li").ToList().IndexOf(e) + 1 : 0;
                w.Raw(new string(' ', Math.Max(0, listDepth - 1) * 2) + (ordered ? $"{number}. " : "- "));
                Walk(e, w, listDepth);
                w.LineBreak();
                return;
            case "ul" or "ol":
                w.Block();
                Walk(e, w, listDepth + 1);
                w.Block();
                return;
            case "td" or "th":
                w.Inline(" ");
                Walk(e, w, listDepth);
                w.Inline(" ");
                return;
            case "pre":
                w.Block();
                w.Preformatted(e.TextContent);
                w.Block();
                return;
            case "blockquote":
                w.Block();
                w.QuoteDepth++;
                Walk(e, w, listDepth);
                w.Block();
                w.QuoteDepth--;
                return;
        }

        var block = Blocks.Contains(name);
        if (block)
        {
            // Outlook writes <p class=MsoNormal> per line with no margin: a line break reads better than a blank line.
            if (name == "p" && e.ClassList.Contains("MsoNormal"))
            {
                w.LineBreak();
            }
            else if (name == "div" || name == "tr")
            {
                w.LineBreak();
            }
            else
            {
                w.Block();
            }
        }

        Walk(e, w, listDepth);
        if (block)
        {
            if (name is "div" or "tr" || (name == "p" && e.ClassList.Contains("MsoNormal")))
            {
                w.LineBreak();
            }
            else
            {
                w.Block();
            }
        }
    }

    private static void Link(IElement e, Writer w, int listDepth)
    {
        var before = w.Length;
        Walk(e, w, listDepth);
        var text = w.TextSince(before).Trim();
        var href = e.GetAttribute("href")?.Trim();
        if (string.IsNullOrEmpty(href) || href.StartsWith('#') || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var shown = href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? href[7..] : href;
        if (text.Length == 0)
        {
            w.Inline(shown);
        }
        else if (!string.Equals(text, shown, StringComparison.OrdinalIgnoreCase) && !string.Equals(text, href, StringComparison.OrdinalIgnoreCase))
        {
            w.Inline($" ({shown})");
        }
    }

    /// <summary>Collapses HTML whitespace and tracks pending line breaks so blocks never stack blank lines.</summary>
    private sealed class Writer
    {
        private readonly StringBuilder _out = new();
        private int _pendingBreaks;
        private bool _lineStart = true;
        private bool _space;
        private int _breakQuoteDepth;

        public int QuoteDepth { get; set; }

        public int Length => _out.Length;

        public string TextSince(int start) => _out.ToString(start, _out.Length - start);

        public void Block() => Pend(2);

        /// <summary>The end of a line-like element: at least one line break.</summary>
        public void LineBreak() => Pend(Math.Max(_pendingBreaks, 1));

        /// <summary>An explicit br: a second one in a row makes an empty line.</summary>
        public void Br() => Pend(Math.Min(_pendingBreaks + 1, 2));

        /// <summary>A blank line between a quote and the text around it belongs to the outer level, so it gets no '>'.</summary>
        private void Pend(int breaks)
        {
            _breakQuoteDepth = _pendingBreaks == 0 ? QuoteDepth : Math.Min(_breakQuoteDepth, QuoteDepth);
            _pendingBreaks = _out.Length == 0 ? 0 : breaks;
        }

        public void Inline(string text)
        {
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c) && c != '\u00A0')
                {
                    _space = !_lineStart;
                    continue;
                }

                Raw(c == '\u00A0' ? " " : c.ToString());
            }
        }

        public void Raw(string text)
        {
            if (text.Length == 0)
            {
                return;
            }

            if (_pendingBreaks > 0)
            {
                for (var i = 0; i < _pendingBreaks; i++)
                {
                    _out.Append('\n');
                    var depth = Math.Min(QuoteDepth, _breakQuoteDepth);
                    if (i < _pendingBreaks - 1 && depth > 0)
                    {
                        _out.Append(new string('>', depth));
                    }
                }

                _pendingBreaks = 0;
                _lineStart = true;
                _space = false;
            }

            if (_lineStart)
            {
                if (QuoteDepth > 0)
                {
                    _out.Append(new string('>', QuoteDepth)).Append(' ');
                }

                _lineStart = false;
                _space = false;
                if (text == " ")
                {
                    return;
                }
            }
            else if (_space)
            {
                _out.Append(' ');
            }

            _space = false;
            _out.Append(text);
        }

        public void Preformatted(string text)
        {
            var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                {
                    _pendingBreaks = Math.Max(_pendingBreaks, 1);
                }

                Raw(lines[i]);
            }
        }

        public override string ToString()
        {
            var lines = _out.ToString().Split('\n').Select(l => l.TrimEnd());
            return string.Join('\n', lines).Trim('\n');
        }
    }
}
