using System.Text.Json.Nodes;

namespace TicketMail.Quality.Suites;

/// <summary>
/// Request Tracker: the body text RT records, the attachment file names, and the name an attached e-mail
/// is stored under. RT's entity list (multipart containers included) is its storage model, not checked.
/// </summary>
public sealed class MessagesRtContentSuite : MessagesContentSuite
{
    public override string Name => "messages/request-tracker";

    protected override bool Owns(string target) =>
        target is "body_text" or "attachment_filenames" or "rt_entities[content_type=message/rfc822].filename";

    protected override bool IsBody(string target) => target == "body_text";

    public override Actual Get(Expectation e, JsonObject? result) => e.Target switch
    {
        "body_text" => Actual.Of(Text(result, e)),
        "attachment_filenames" => Actual.Of(FileNames(result)),
        "rt_entities[content_type=message/rfc822].filename" =>
            Actual.Of(Attachments(result).FirstOrDefault(a => a?["contentType"]?.ToString() == "message/rfc822")?["fileName"]?.ToString()),
        _ => Actual.Unsupported,
    };
}
