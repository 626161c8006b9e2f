using System.Diagnostics;
using System.Globalization;
using TicketMail.Cli.Configuration;
using TicketMail.Cli.Infrastructure;

namespace TicketMail.Cli.Doctor;

/// <summary>
/// Postfix's message_size_limit must let through what TicketMail accepts: TICKETMAIL_MAX_MESSAGE_BYTES as
/// decoded content arrives base64-encoded, 4/3 larger plus a CRLF every 76 characters (x1.37), plus room for
/// the header. deploy/install.sh sets the same figure.
/// </summary>
public static class MailSizeLimit
{
    public const string DefaultPostfixDir = "/etc/postfix";
    private const string PostConf = "/usr/sbin/postconf";

    public static long Needed(long maxMessageBytes) => maxMessageBytes + (maxMessageBytes * 37 / 100) + (1024 * 1024);

    public static async Task<Check?> CheckAsync(AppConfig config, CancellationToken cancellationToken)
    {
        var dir = config.Settings.Get(SettingNames.PostfixDir) is { Length: > 0 } d ? d : DefaultPostfixDir;
        if (!File.Exists(PostConf) || !File.Exists(Path.Combine(dir, "main.cf")))
        {
            return null;   // no Postfix here (or not configured): nothing to compare with
        }

        var value = await PostconfAsync(dir, "message_size_limit", cancellationToken);
        var needed = Needed(config.MaxMessageBytes);
        var ours = string.Create(CultureInfo.InvariantCulture, $"TICKETMAIL_MAX_MESSAGE_BYTES {config.MaxMessageBytes} needs {needed} encoded");
        if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit))
        {
            return Check.Warn("size limit", $"cannot read message_size_limit from {dir} ('{value}')", $"postconf -c {dir} -h message_size_limit");
        }

        if (limit != 0 && limit < needed)
        {
            return Check.Fail("size limit", string.Create(CultureInfo.InvariantCulture, $"Postfix refuses mail over {limit} bytes ({dir}), but {ours}"),
                string.Create(CultureInfo.InvariantCulture, $"postconf -c {dir} -e message_size_limit={needed} && postfix reload (deploy/install.sh does this)"), ExitCodes.Config);
        }

        return Check.Ok("size limit", string.Create(CultureInfo.InvariantCulture, $"Postfix message_size_limit {(limit == 0 ? "unlimited" : limit)}; {ours}"));
    }

    private static async Task<string> PostconfAsync(string dir, string name, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(PostConf) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-c", dir, "-h", name })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return output.Trim();
    }
}
