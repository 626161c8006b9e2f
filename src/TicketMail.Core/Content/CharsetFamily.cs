using System.Text;

namespace TicketMail.Core.Content;

/// <summary>
/// The 8-bit charset a declared charset stands for when bytes contradict it. Japanese mail labelled ISO-2022-JP
/// (a 7-bit charset) often carries Shift_JIS or EUC-JP bytes; GB2312 labels GBK/GB18030 text; KS_C_5601 labels CP949.
/// Every encoding returned here throws on bytes it cannot decode, so a wrong guess is seen, never silently used.
/// </summary>
public static class CharsetFamily
{
    /// <summary>The strict encodings to try for bytes when <paramref name="charset"/> is declared elsewhere in the message.</summary>
    public static IEnumerable<Encoding> Of(string charset)
    {
        var name = charset.Trim().Trim('"').ToLowerInvariant();
        IEnumerable<string> family = name switch
        {
            _ when name.StartsWith("iso-2022-jp", StringComparison.Ordinal) || name is "shift_jis" or "sjis" or "cp932" or "windows-31j" or "euc-jp"
                => ["shift_jis", "euc-jp"],
            "gb2312" or "gbk" or "gb18030" or "hz-gb-2312" or "iso-2022-cn" or "cp936" or "euc-cn" => ["gb18030"],
            _ when name.StartsWith("ks_c_5601", StringComparison.Ordinal) || name is "euc-kr" or "iso-2022-kr" or "cp949" or "uhc"
                => ["ks_c_5601-1987"],
            // UTF-8 is tried first anyway; UTF-7/16/32 are no 8-bit charsets (UTF-16 decodes almost any even count of bytes).
            _ when name.StartsWith("utf", StringComparison.Ordinal) || name.StartsWith("ucs", StringComparison.Ordinal) || name.StartsWith("unicode", StringComparison.Ordinal) => [],
            "us-ascii" or "ascii" or "" => [],
            _ => [name],
        };
        foreach (var member in family)
        {
            if (Strict(member) is { } encoding)
            {
                yield return encoding;
            }
        }
    }

    /// <summary>
    /// The strict encoding of a declared charset when it fits the bytes, else null: 8-bit bytes under a 7-bit label
    /// (ISO-2022-*, us-ascii), bytes the label cannot decode, a label nobody knows, and valid multi-byte UTF-8 under
    /// a single-byte label ("=?iso-8859-1?Q?Caf=C3=A9?=": Latin-1 decodes any byte, but that is UTF-8) do not fit.
    /// </summary>
    public static Encoding? Fitting(string charset, ReadOnlySpan<byte> bytes)
    {
        var label = Strict(charset);
        if (bytes.IndexOfAnyExceptInRange((byte)0, (byte)0x7F) < 0)
        {
            return label ?? Encoding.ASCII;
        }

        if (label is null || label.CodePage is 20127 or 50220 or 50221 or 50222 or 50225 or 52936 || !CharsetGuess.TryStrict(label, bytes, out _))
        {
            return null;
        }

        return label.IsSingleByte && CharsetGuess.IsUtf8Text(bytes) ? null : label;
    }

    /// <summary>The encoding by name with exception fallbacks, or null when neither .NET nor MimeKit knows the name.</summary>
    public static Encoding? Strict(string name)
    {
        try
        {
            return Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            // Unknown to .NET, or known and disabled (UTF-7); MimeKit knows more of the aliases mail uses ("cp1252").
            return MimeKitAlias(name);
        }
    }

    private static Encoding? MimeKitAlias(string name)
    {
        try
        {
            var known = new MimeKit.ContentType("text", "plain") { Charset = name }.CharsetEncoding;
            return known is null || known.CodePage == 65000 ? null
                : Encoding.GetEncoding(known.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
