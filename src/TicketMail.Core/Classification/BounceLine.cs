namespace TicketMail.Core.Classification;

/// <summary>What one line of an MTA's own bounce text says about failed recipients.</summary>
internal enum BounceLineKind
{
    /// <summary>Nothing about a recipient.</summary>
    Other,

    /// <summary>Announces that failed addresses follow ("The following addresses had permanent fatal errors", "could not be delivered to:").</summary>
    Heading,

    /// <summary>Only an address (in &lt;&gt;, quotes, after "* " or "> "), maybe with ':' or "... reason": one entry of a list.</summary>
    Item,

    /// <summary>An address and the failure in one line ("&lt;a@b&gt;: host x said: 550", "Unknown user: a@b", "a@b... User unknown").</summary>
    Statement,

    /// <summary>The address a failed one was expanded from ("(expanded from: a@b)", "(generated from a@b)", "(Originally addressed to a@b)"): the one that was sent to.</summary>
    Origin,
}

/// <summary>How a line states the failure: for good (5.x.x, 5xx, "user unknown"), delayed (4.x.x, "will retry"), or not at all.</summary>
internal enum BounceFailure
{
    None,
    Permanent,
    Delayed,
}

/// <summary>One labelled line: its kind, the recipient it names (for Item and Statement), and how it states the failure.</summary>
internal readonly record struct BounceLine(BounceLineKind Kind, string? Address, BounceFailure Failure, string? Status, string? Smtp)
{
    public static BounceLine Other { get; } = new(BounceLineKind.Other, null, BounceFailure.None, null, null);

    /// <summary>How far the line is indented (-1 for a blank line): diagnostics are indented under their entry.</summary>
    public int Indent { get; init; }

    /// <summary>What the line's words (not its codes) say: the reporting MTA's "will retry" outweighs a remote's 5xx.</summary>
    public BounceFailure Wording { get; init; }

    /// <summary>Text that starts at the left margin: a new paragraph of the report, not a diagnostic indented under an entry.</summary>
    public bool Flush => Indent == 0;
}
