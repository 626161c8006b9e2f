using System.Text;
using System.Text.Json.Nodes;

namespace TicketMail.Quality.Suites;

/// <summary>
/// automatic/email-bounce-parser: bare bounce bodies (Postfix style). Each is wrapped in the header block an
/// MTA writes (From: MAILER-DAEMON, no subject), so what is measured is the reading of the body: is it a
/// bounce (an empty body is not), the failed recipient, its status, permanent or temporary.
/// </summary>
public sealed class AutomaticBounceBodySuite : Suite
{
    public override string Name => "automatic/email-bounce-parser";

    public override byte[] Eml(string folder, string file)
    {
        var body = File.ReadAllText(Path.Combine(folder, file)).ReplaceLineEndings("\r\n");
        var head = "From: MAILER-DAEMON@mailer.example (Mail Delivery System)\r\nTo: support@example.com\r\n"
                   + $"Message-ID: <{Path.GetFileNameWithoutExtension(file)}@mailer.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n";
        return Encoding.UTF8.GetBytes(head + body);
    }

    public override Actual Get(Expectation e, JsonObject? result)
    {
        var first = AutomaticReport.Recipients(result).FirstOrDefault();
        return e.Target switch
        {
            "is_bounce" => Actual.Of(AutomaticReport.Reason(result) == "bounce"),
            "recipient" => Actual.Of(first?["address"]?.ToString()),
            "status" => Actual.Of(first?["status"]?.ToString()),
            "permanent" => Actual.Of(first?["failure"]?.ToString() == "permanent"),
            "temporary" => Actual.Of(first?["failure"]?.ToString() == "temporary"),
            _ => Actual.Unsupported,
        };
    }
}
