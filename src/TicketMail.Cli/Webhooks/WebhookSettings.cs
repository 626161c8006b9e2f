using TicketMail.Cli.Configuration;
using TicketMail.Cli.Infrastructure;

namespace TicketMail.Cli.Webhooks;

/// <summary>Webhook settings; null from <see cref="From"/> means no events are written.</summary>
public sealed record WebhookSettings(IReadOnlyList<Uri> Urls, byte[] Secret)
{
    /// <summary>A send right after commit waits this long at most: a dead web app must not hold up the mail server.</summary>
    public static readonly TimeSpan InlineTimeout = TimeSpan.FromSeconds(3);

    /// <summary>outbox flush (cron, the timer) can afford to wait longer.</summary>
    public static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(10);

    /// <summary>On when TICKETMAIL_WEBHOOK names one URL or several (comma-separated); then TICKETMAIL_WEBHOOK_SECRET is required.</summary>
    public static WebhookSettings? From(AppConfig config)
    {
        var settings = config.Settings;
        if (settings.Get(SettingNames.Webhook) is not { Length: > 0 } list || string.IsNullOrWhiteSpace(list))
        {
            return null;
        }

        var urls = new List<Uri>();
        foreach (var item in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(item, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                throw new ConfigException($"{SettingNames.Webhook}: '{item}' is not an http:// or https:// URL");
            }

            urls.Add(url);
        }

        if (settings.Get(SettingNames.WebhookSecret) is not { Length: > 0 } secret || string.IsNullOrWhiteSpace(secret))
        {
            throw new ConfigException($"{SettingNames.Webhook} is set but {SettingNames.WebhookSecret} is not; set a shared secret so the web app can check each event's signature");
        }

        return new WebhookSettings(urls, System.Text.Encoding.UTF8.GetBytes(secret.Trim()));
    }
}
