using TicketMail.Cli.Configuration;
using TicketMail.Cli.Infrastructure;

namespace TicketMail.Cli.Acknowledgements;

/// <summary>Where acknowledgements go: TICKETMAIL_SMTP as smtp://host:port or smtps://user:pass@host:port.</summary>
public sealed record SmtpEndpoint(string Host, int Port, bool ImplicitTls, string? User, string? Password)
{
    public static SmtpEndpoint Parse(string value)
    {
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("smtp" or "smtps") || uri.Host.Length == 0)
        {
            throw new ConfigException($"{SettingNames.Smtp} is '{Redact(value)}'; use smtp://host:port or smtps://user:password@host:port");
        }

        var tls = uri.Scheme == "smtps";
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (tls ? 465 : 25) : uri.Port;
        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }

        return new SmtpEndpoint(uri.Host, port, tls, user, password);
    }

    /// <summary>For doctor and logs: never the password.</summary>
    public string Display => $"{(ImplicitTls ? "smtps" : "smtp")}://{(User is null ? "" : User + "@")}{Host}:{Port}";

    private static string Redact(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':', StringComparison.Ordinal)
            ? value.Replace(uri.UserInfo, uri.UserInfo.Split(':')[0] + ":***", StringComparison.Ordinal)
            : value;
}
