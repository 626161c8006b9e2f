using System.Globalization;
using TicketMail.Cli.Infrastructure;
using TicketMail.Core.Classification;
using TicketMail.Core.Routing;

namespace TicketMail.Cli.Configuration;

/// <summary>Typed, validated settings. Built once per process from <see cref="Settings"/>, by hand: no reflection binding.</summary>
public sealed class AppConfig
{
    public required Settings Settings { get; init; }
    /// <summary>The first support address: the default From of acknowledgements.</summary>
    public SupportAddress Support => Addresses.Default;

    /// <summary>Every support address with its queue, in configured order.</summary>
    public required SupportAddresses Addresses { get; init; }
    public required StoreTarget Store { get; init; }
    public TimeSpan DbTimeout { get; init; } = TimeSpan.FromSeconds(5);
    public string? LogFile { get; init; }
    public long MaxMessageBytes { get; init; } = 50L * 1024 * 1024;
    public long MaxAttachmentBytes { get; init; } = 25L * 1024 * 1024;
    public UnknownReplierPolicy UnknownReplier { get; init; } = UnknownReplierPolicy.Hold;
    public int MaxNewTicketsPerHour { get; init; } = 20;

    /// <summary>A message the database refuses this many times in a row is quarantined as unstorable.</summary>
    public int UnstorableAttempts { get; init; } = 3;

    /// <summary>TICKETMAIL_SPOOL as given; null means the default (see SpoolFolder.Open).</summary>
    public string? Spool { get; init; }

    /// <summary>Our own MTA's authserv-id: its Authentication-Results with dmarc=fail marks mail spoofed.</summary>
    public string? AuthservId { get; init; }

    /// <summary>TICKETMAIL_OWN_LISTS: list ids or list addresses (comma or space separated) whose mail people write.</summary>
    public IReadOnlyList<string> OwnLists { get; init; } = [];

    public ClassifierOptions ClassifierOptions => new(Support, AuthservId) { OwnLists = OwnLists, Addresses = Addresses };

    public RouterOptions RouterOptions => new(Support)
    {
        Addresses = Addresses,
        UnknownReplier = UnknownReplier,
        MaxNewTicketsPerHour = MaxNewTicketsPerHour,
    };

    public static AppConfig From(Settings settings)
    {
        return new AppConfig
        {
            Settings = settings,
            Addresses = SupportFrom(settings),
            Store = StoreTarget.Parse(settings.Get(SettingNames.Db)),
            DbTimeout = TimeSpan.FromSeconds(Number(settings, SettingNames.DbTimeout, 5, 1, 300)),
            LogFile = settings.Get(SettingNames.Log),
            MaxMessageBytes = Number(settings, SettingNames.MaxMessageBytes, 50L * 1024 * 1024, 1024, long.MaxValue),
            MaxAttachmentBytes = Number(settings, SettingNames.MaxAttachmentBytes, 25L * 1024 * 1024, 0, long.MaxValue),
            UnknownReplier = Policy(settings),
            MaxNewTicketsPerHour = (int)Number(settings, SettingNames.MaxNewTicketsPerHour, 20, 1, 1_000_000),
            UnstorableAttempts = (int)Number(settings, SettingNames.UnstorableAttempts, 3, 1, 1000),
            Spool = settings.Get(SettingNames.Spool) is { Length: > 0 } spool && !string.IsNullOrWhiteSpace(spool) ? spool.Trim() : null,
            AuthservId = settings.Get(SettingNames.AuthservId) is { Length: > 0 } authserv && !string.IsNullOrWhiteSpace(authserv) ? authserv.Trim() : null,
            OwnLists = (settings.Get(SettingNames.OwnLists) ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(l => l.Trim('<', '>')).ToList(),
        };
    }

    private static SupportAddresses SupportFrom(Settings settings)
    {
        var address = settings.Get(SettingNames.SupportAddress);
        if (string.IsNullOrWhiteSpace(address) && settings.Get(SettingNames.LaravelSupportDomain) is { Length: > 0 } domain)
        {
            address = $"support@{domain.Trim()}";
        }

        if (string.IsNullOrWhiteSpace(address))
        {
            return SupportAddresses.Unconfigured;
        }

        try
        {
            // A comma-separated list, each entry optionally "=queue"; the Laravel .env gives exactly one.
            return SupportAddresses.Parse(address.Trim());
        }
        catch (FormatException ex)
        {
            throw new ConfigException($"{SettingNames.SupportAddress}: {ex.Message}");
        }
    }

    private static UnknownReplierPolicy Policy(Settings settings) =>
        settings.Get(SettingNames.UnknownReplier)?.Trim().ToLowerInvariant() switch
        {
            null or "" or "hold" => UnknownReplierPolicy.Hold,
            "accept" => UnknownReplierPolicy.Accept,
            "reject" => UnknownReplierPolicy.Reject,
            var other => throw new ConfigException($"{SettingNames.UnknownReplier} is '{other}'; use hold, accept or reject"),
        };

    private static long Number(Settings settings, string name, long fallback, long min, long max)
    {
        var raw = settings.Get(name);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        if (!long.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ConfigException($"{name} is '{raw}'; it must be a whole number from {min} to {max}");
        }

        return value;
    }
}
