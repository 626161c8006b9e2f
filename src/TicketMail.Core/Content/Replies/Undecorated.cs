namespace TicketMail.Core.Content.Replies;

/// <summary>
/// A line without the decoration some clients put around markers: "---- On … wrote ----",
/// "*--- Original Message ---*", "**From:**". The classifiers match on the undecorated text.
/// </summary>
public static class Undecorated
{
    private static readonly char[] Decoration = ['-', '_', '=', '*', '~', '#', ' ', '\t', '\u00A0'];

    public static string Of(string line) => line.Trim().Trim(Decoration).Trim();

    /// <summary>True when the line carried at least two decoration characters around its text.</summary>
    public static bool WasDecorated(string line)
    {
        var t = line.Trim();
        var inner = Of(line);
        return inner.Length > 0 && t.Length - inner.Length >= 2 && (t[0] is '-' or '_' or '=' or '*' || t[^1] is '-' or '_' or '=' or '*');
    }
}
