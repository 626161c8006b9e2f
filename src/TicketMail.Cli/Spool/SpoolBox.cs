namespace TicketMail.Cli.Spool;

/// <summary>The spool's folders that hold messages. tmp/ only ever holds half-written files.</summary>
public enum SpoolBox
{
    /// <summary>Accepted, being processed. A file older than a minute belongs to a process that died.</summary>
    Incoming,

    /// <summary>The database was unavailable: 'spool retry' replays these.</summary>
    Deferred,

    /// <summary>Kept aside on purpose (ignored, held, rejected, oversized, unusable): 'quarantine release' replays these.</summary>
    Quarantine,
}

public static class SpoolBoxNames
{
    public static string Folder(this SpoolBox box) => box switch
    {
        SpoolBox.Incoming => "incoming",
        SpoolBox.Deferred => "deferred",
        _ => "quarantine",
    };
}
