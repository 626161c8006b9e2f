using System.Text.Json.Nodes;
using TicketMail.Core.Content;

namespace TicketMail.Quality.Suites;

/// <summary>
/// closeio/quotequail: HTML replies and forwards, wrapped as text/html messages. Its unwrap_html fields (the
/// quoted message's From/To/Date/Subject, lxml-serialised HTML) are not what the product outputs; the checks
/// derived here are the portable part for replies: the reply holds the first line of the new text (html_top)
/// and none of the quoted message (html), and replyHtml holds no quote either.
/// </summary>
public sealed class RepliesQuotequailSuite : ReplySuite
{
    public override string Name => "replies/quotequail";

    protected override string ContentType => "text/html";

    protected override IReadOnlySet<string> ReplyTargets { get; } = new HashSet<string>(StringComparer.Ordinal) { "reply", "replyHtml" };

    public override IEnumerable<Expectation> Extra(string folder)
    {
        foreach (var e in Expectations.Load(folder, Name).Where(e => e.Target == "unwrap_html" && e.Op == "equals" && e.Value?["type"]?.ToString() == "reply"))
        {
            if (FirstLine(e.Value?["html_top"]?.ToString()) is { } top)
            {
                yield return Derived(e.File, "reply", "contains", top);
            }

            if (FirstLine(e.Value?["html"]?.ToString()) is { } quoted)
            {
                yield return Derived(e.File, "reply", "not_contains", quoted);
                yield return Derived(e.File, "replyHtml", "not_contains", quoted);
            }
        }
    }

    protected override JsonNode? Reply(Expectation e, JsonObject? result) =>
        e.Target == "replyHtml" && Message(result)?["replyHtml"]?.ToString() is { } html
            ? JsonValue.Create(HtmlToText.Convert(html))
            : base.Reply(e, result);

    private static string? FirstLine(string? html) =>
        html is null ? null : HtmlToText.Convert(html).Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
}
