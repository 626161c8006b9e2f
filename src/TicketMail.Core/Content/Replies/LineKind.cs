namespace TicketMail.Core.Content.Replies;

/// <summary>What one (logical) line of a plain-text reply is; the sequence rules decide on a string of these.</summary>
public enum LineKind
{
    /// <summary>Blank or whitespace only.</summary>
    Empty = 'e',

    /// <summary>A signature delimiter: "-- ", "__", a row of dots or of the ᐧ that tracking add-ons insert.</summary>
    Delimiter = 'd',

    /// <summary>A one-line signature that needs no delimiter: "Sent from my iPhone", "Get Outlook for Android".</summary>
    Signature = 's',

    /// <summary>The start of an embedded message: "On … wrote:", "-----Original Message-----", a forward marker.</summary>
    Attribution = 'a',

    /// <summary>A line of a quoted header block (From:, Sent:, To:, Subject:, … in many languages).</summary>
    Header = 'h',

    /// <summary>A line quoted with '>' (after the prefixes are normalised).</summary>
    Quote = 'q',

    /// <summary>Anything else: what the sender wrote.</summary>
    Text = 't',
}
