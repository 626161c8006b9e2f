namespace TicketMail.Cli.Configuration;

/// <summary>Every setting's name: the environment variable, and the key in the JSON config file.</summary>
public static class SettingNames
{
    public const string SupportAddress = "TICKETMAIL_SUPPORT_ADDRESS";
    public const string LaravelSupportDomain = "MAIL_SUPPORT_DOMAIN";
    public const string Db = "TICKETMAIL_DB";
    public const string DbTimeout = "TICKETMAIL_DB_TIMEOUT";
    public const string Log = "TICKETMAIL_LOG";
    public const string Spool = "TICKETMAIL_SPOOL";
    public const string MaxMessageBytes = "TICKETMAIL_MAX_MESSAGE_BYTES";
    public const string MaxAttachmentBytes = "TICKETMAIL_MAX_ATTACHMENT_BYTES";
    public const string UnknownReplier = "TICKETMAIL_UNKNOWN_REPLIER";
    public const string MaxNewTicketsPerHour = "TICKETMAIL_MAX_TICKETS_PER_HOUR";
    public const string UnstorableAttempts = "TICKETMAIL_UNSTORABLE_ATTEMPTS";
    public const string AuthservId = "TICKETMAIL_AUTHSERV_ID";
    public const string OwnLists = "TICKETMAIL_OWN_LISTS";
    public const string Smtp = "TICKETMAIL_SMTP";
    public const string AckTemplate = "TICKETMAIL_ACK_TEMPLATE";
    public const string AckDailyLimit = "TICKETMAIL_ACK_DAILY_LIMIT";
    public const string LaravelFromName = "MAIL_FROM_NAME";
    public const string EnvFile = "TICKETMAIL_ENV_FILE";

    /// <summary>The Postfix config_directory whose limits doctor compares with ours (install.sh writes it).</summary>
    public const string PostfixDir = "TICKETMAIL_POSTFIX_DIR";
    public const string Webhook = "TICKETMAIL_WEBHOOK";
    public const string WebhookSecret = "TICKETMAIL_WEBHOOK_SECRET";
}
