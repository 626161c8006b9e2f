using System.Text;

namespace TicketMail.TestKit;

/// <summary>Builds small raw messages for tests; fixtures under tests/fixtures cover the ugly real-world shapes.</summary>
public sealed class Mail
{
    private readonly List<(string Name, string Value)> _headers = [];
    private string _body = "Hello,\r\nplease help.\r\n";

    public static Mail From(string from) => new Mail().Header("From", from)
        .Header("To", "support@example.com")
        .Header("Subject", "Help needed")
        .Header("Message-ID", $"<{Guid.NewGuid():N}@client.example>")
        .Header("Date", "Mon, 23 Nov 2026 10:00:00 +0000");

    public Mail Header(string name, string value)
    {
        _headers.RemoveAll(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        _headers.Add((name, value));
        return this;
    }

    public Mail Without(string name)
    {
        _headers.RemoveAll(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        return this;
    }

    public Mail Body(string body)
    {
        _body = body.ReplaceLineEndings("\r\n");
        return this;
    }

    public string MessageId => _headers.First(h => h.Name == "Message-ID").Value.Trim('<', '>');

    public byte[] Bytes() => Encoding.UTF8.GetBytes(ToString());

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (name, value) in _headers)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        return text.Append("\r\n").Append(_body).ToString();
    }
}
