using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TicketMail.Data.Sqlite;

/// <summary>
/// DateTime columns stay the TEXT Microsoft.Data.Sqlite writes ("2026-12-01 10:00:00.1234567": same text, same
/// ordering, no schema change), but are read back with ParseExact. The provider's own reader calls DateTime.Parse,
/// whose first call in a process builds the invariant culture's casing table, and that compiles an ICU collator from
/// custom rules: about 10 ms of CPU in every process that reads a date (a reply's ticket, a sender's counter row;
/// issue 14, perf and gdb on the AOT binary). ParseExact with this format never looks at culture data: every literal
/// is escaped, because an unescaped one (the space too) is first compared with "GMT" through that same collator.
/// </summary>
public static class DateTimeText
{
    /// <summary>
    /// The converter for every DateTime property. A plain ValueConverter, not a subclass: EF's precompiled queries
    /// cast the property's converter to its declared type, and the compiled model rebuilds it as this generic one.
    /// </summary>
    public static ValueConverter<DateTime, string> Converter() => new(v => Write(v), v => Read(v));

    /// <summary>The format Microsoft.Data.Sqlite and EF's SQLite type mapping write (with the space escaped, see above).</summary>
    public const string Format = @"yyyy\-MM\-dd\ HH\:mm\:ss.FFFFFFF";

    public static string Write(DateTime value) => value.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>A value written any other way (by hand, by an older tool) is read as the provider read it.</summary>
    public static DateTime Read(string text) =>
        DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : DateTime.Parse(text, CultureInfo.InvariantCulture);
}
