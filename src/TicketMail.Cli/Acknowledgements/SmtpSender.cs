using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace TicketMail.Cli.Acknowledgements;

/// <summary>Sends stored MIME bytes with MailKit. STARTTLS is used when a plain smtp:// server offers it.</summary>
public static class SmtpSender
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <param name="envelopeSenderOf">MAIL FROM (the VERP address) for the parsed message; null sends with the message's From.</param>
    public static async Task SendAsync(SmtpEndpoint endpoint, byte[] mime, Func<MimeMessage, string?> envelopeSenderOf, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(mime, writable: false);
        using var message = await MimeMessage.LoadAsync(stream, cancellationToken);
        var envelopeSender = envelopeSenderOf(message);
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        var security = endpoint.ImplicitTls ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable;
        await client.ConnectAsync(endpoint.Host, endpoint.Port, security, cancellationToken);
        if (endpoint.User is not null)
        {
            await client.AuthenticateAsync(endpoint.User, endpoint.Password ?? "", cancellationToken);
        }

        if (envelopeSender is null)
        {
            await client.SendAsync(message, cancellationToken);
        }
        else
        {
            await client.SendAsync(message, MailboxAddress.Parse(envelopeSender), message.To.Mailboxes.Concat(message.Cc.Mailboxes), cancellationToken);
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    /// <summary>A refusal the server will repeat on every retry (5xx): the mail is marked failed, not left pending.</summary>
    public static bool IsPermanent(Exception ex) => ex is SmtpCommandException { StatusCode: >= (SmtpStatusCode)500 } command
        && command.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;
}
