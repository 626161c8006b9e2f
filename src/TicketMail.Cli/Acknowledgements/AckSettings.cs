using System.Globalization;
using TicketMail.Cli.Configuration;
using TicketMail.Cli.Infrastructure;
using TicketMail.Core.Routing;

namespace TicketMail.Cli.Acknowledgements;

/// <summary>Acknowledgement settings; null from <see cref="From"/> means acknowledgements are off.</summary>
public sealed record AckSettings(SmtpEndpoint Smtp, SupportAddress Support, string? FromName, string? TemplateFile, int DailyLimit)
{
    public const int DefaultDailyLimit = 5;

    /// <summary>Every support address: a ticket's acknowledgement goes out from the one it came in on.</summary>
    public SupportAddresses Addresses { get; init; } = SupportAddresses.Of(Support);

    /// <summary>On when TICKETMAIL_SMTP is set (or a Laravel .env says MAIL_MAILER=smtp) and the support address is known.</summary>
    public static AckSettings? From(AppConfig config)
    {
        var settings = config.Settings;
        if (settings.Get(SettingNames.Smtp) is not { Length: > 0 } smtp)
        {
            return null;
        }

        if (!config.Support.IsConfigured)
        {
            throw new ConfigException($"{SettingNames.Smtp} is set but there is no support address to send acknowledgements from; set {SettingNames.SupportAddress} (or MAIL_SUPPORT_DOMAIN)");
        }

        var limitText = settings.Get(SettingNames.AckDailyLimit);
        var limit = DefaultDailyLimit;
        if (!string.IsNullOrWhiteSpace(limitText)
            && (!int.TryParse(limitText.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) || limit < 0))
        {
            throw new ConfigException($"{SettingNames.AckDailyLimit} is '{limitText}'; it must be a whole number, 0 or more");
        }

        var template = settings.Get(SettingNames.AckTemplate);
        if (template is { Length: > 0 } && !File.Exists(template))
        {
            throw new ConfigException($"{SettingNames.AckTemplate} names {template}, which does not exist; create it or unset the setting to use the built-in text");
        }

        return new AckSettings(SmtpEndpoint.Parse(smtp), config.Support, settings.Get(SettingNames.LaravelFromName), template, limit)
        {
            Addresses = config.Addresses,
        };
    }
}
