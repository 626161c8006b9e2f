using System.Text;

namespace TicketMail.Cli.Tests.Safety;

/// <summary>Hostile messages, generated rather than committed (some are megabytes).</summary>
public static class HostileInputs
{
    private const string HeadFormat = "From: Ann <ann@customer.example>\r\nTo: support@example.com\r\nMessage-ID: <{0}@hostile.example>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n";

    public static IReadOnlyDictionary<string, Func<byte[]>> All { get; } = new Dictionary<string, Func<byte[]>>
    {
        ["empty"] = () => [],
        ["binary-garbage"] = () =>
        {
            var bytes = new byte[64 * 1024];
            new Random(4).NextBytes(bytes);
            return bytes;
        },
        ["100k-header-lines"] = () =>
        {
            var text = new StringBuilder(Head("many-headers")).Append("Subject: many headers\r\n");
            for (var i = 0; i < 100_000; i++)
            {
                text.Append("X-Filler-").Append(i).Append(": value\r\n");
            }

            return Encoding.ASCII.GetBytes(text.Append("\r\nbody\r\n").ToString());
        },
        ["1mb-header-line"] = () => Encoding.ASCII.GetBytes(Head("long-header") + "Subject: " + new string('A', 1024 * 1024) + "\r\n\r\nbody\r\n"),
        ["mime-nesting-1000"] = () =>
        {
            var text = new StringBuilder(Head("deep")).Append("Subject: deep\r\nMIME-Version: 1.0\r\n");
            for (var i = 0; i < 1000; i++)
            {
                text.Append("Content-Type: multipart/mixed; boundary=\"b").Append(i).Append("\"\r\n\r\n--b").Append(i).Append("\r\n");
            }

            text.Append("Content-Type: text/plain\r\n\r\ninnermost\r\n");
            for (var i = 999; i >= 0; i--)
            {
                text.Append("--b").Append(i).Append("--\r\n");
            }

            return Encoding.ASCII.GetBytes(text.ToString());
        },
        ["invalid-base64-and-nul"] = () => Encoding.ASCII.GetBytes(Head("b64") +
            "Subject: bad\0base64\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n" +
            "Content-Transfer-Encoding: base64\r\n\r\n!!!not*base64@@@\0\0\0====abc\r\n--x\r\nContent-Type: application/octet-stream; name=a.bin\r\n" +
            "Content-Transfer-Encoding: base64\r\n\r\nAAAA=\0=AA%%\r\n--x--\r\n"),
        ["hostile-attachment-names"] = () =>
        {
            var text = new StringBuilder(Head("names")).Append("Subject: names\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n");
            foreach (var name in (string[])["../../etc/passwd", "CON", "a\u0001b\u0007c.txt", "invoice\u202Etxt.exe", "/abs/path", "..\\..\\win.ini"])
            {
                var encoded = "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(name)) + "?=";
                text.Append("--x\r\nContent-Type: text/plain; name=\"").Append(encoded).Append("\"\r\nContent-Disposition: attachment; filename=\"")
                    .Append(encoded).Append("\"\r\n\r\ncontent\r\n");
            }

            return Encoding.ASCII.GetBytes(text.Append("--x--\r\n").ToString());
        },
        ["subject-with-crlf"] = () => Encoding.ASCII.GetBytes(Head("crlf") + "Subject: =?utf-8?Q?first=0D=0A[ERR]_forged_log_line=0Athird?=\r\n\r\nbody\r\n"),
        ["html-with-script"] = () => Encoding.ASCII.GetBytes(Head("html") +
            "Subject: html\r\nMIME-Version: 1.0\r\nContent-Type: text/html\r\n\r\n<p onclick=\"steal()\">Hi<script>alert(1)</script><img src=x onerror=alert(2)></p>\r\n"),
    };

    private static string Head(string id) => string.Format(System.Globalization.CultureInfo.InvariantCulture, HeadFormat, id);


}
