using System.Text.Json.Nodes;

namespace TicketMail.Quality.Suites;

/// <summary>
/// php-mime-mail-parser: the text body and every attachment (inline images included, in MIME order) with its
/// file name, decoded size and content type. Attachment content and disposition are not in the product's
/// JSON (it gives the SHA-256 instead); those records are not checked.
/// </summary>
public sealed class MessagesPhpContentSuite : MessagesContentSuite
{
    public override string Name => "messages/php-mime-mail-parser";

    protected override bool Owns(string target) =>
        target is "text" or "attachments" or "attachments[i].filename" or "attachments[i].size" or "attachments[i].content_type";

    protected override bool IsBody(string target) => target == "text";

    public override Actual Get(Expectation e, JsonObject? result)
    {
        var a = Attachment(result, Index(e.Target));
        return Scorer.TargetGroup(e.Target) switch
        {
            "text" => Actual.Of(Text(result, e)),
            "attachments" => Actual.Of(Attachments(result).DeepClone()),
            "attachments[i].filename" => Actual.Of(a?["fileName"]?.ToString()),
            "attachments[i].size" => Actual.Of(a?["size"]?.DeepClone()),
            "attachments[i].content_type" => Actual.Of(a?["contentType"]?.ToString()),
            _ => Actual.Unsupported,
        };
    }
}
