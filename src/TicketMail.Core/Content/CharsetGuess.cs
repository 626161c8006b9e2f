using System.Text;
using UtfUnknown;

namespace TicketMail.Core.Content;

/// <summary>
/// Decodes bytes whose charset is missing or wrong, in the order of the evidence: strict UTF-8; the charsets the
/// same message declares elsewhere (<see cref="SiblingCharsets"/>), each only if it decodes strictly; valid UTF-8
/// mixed with stray 8-bit bytes, sequence by sequence; the charset detector (UTF.Unknown, Mozilla's detector) when
/// it is confident on enough bytes; and windows-1252, which decodes any byte. Header text (a subject, a name) is
/// too short for the detector: there the single-byte charset whose words are plausible (<see cref="PlausibleCharset"/>)
/// takes windows-1252's place.
/// </summary>
public static class CharsetGuess
{
    /// <summary>Below this many 8-bit bytes the detector's statistics say nothing; windows-1252 is as good a guess.</summary>
    public const int DetectorMinBytes = 16;

    /// <summary>The detector's own confidence (0..1) it must reach.</summary>
    public const float DetectorMinConfidence = 0.5f;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<byte> bytes, IReadOnlyList<Encoding> siblings) =>
        Pick(bytes, siblings) is { } encoding ? encoding.GetString(bytes) : MixedUtf8(bytes)!;

    /// <summary><see cref="Decode"/> for header text: short, so the last resort is <see cref="PlausibleCharset"/>.</summary>
    public static string DecodeHeader(ReadOnlySpan<byte> bytes, HeaderHints hints) =>
        PickHeader(bytes, hints) is { } encoding ? encoding.GetString(bytes) : MixedUtf8(bytes)!;

    /// <summary>The charset for the bytes, or null when they are UTF-8 mixed with stray bytes (<see cref="MixedUtf8"/>).</summary>
    public static Encoding? Pick(ReadOnlySpan<byte> bytes, IReadOnlyList<Encoding> siblings) => Pick(bytes, siblings, words: false, null);

    /// <summary><see cref="Pick(ReadOnlySpan{byte}, IReadOnlyList{Encoding})"/> for header text.</summary>
    public static Encoding? PickHeader(ReadOnlySpan<byte> bytes, HeaderHints hints) => Pick(bytes, hints.Siblings, words: true, hints.Language);

    /// <summary>Bytes that are valid UTF-8 with at least one multi-byte sequence: under a single-byte label, the label lies.</summary>
    public static bool IsUtf8Text(ReadOnlySpan<byte> bytes) =>
        bytes.IndexOfAnyExceptInRange((byte)0, (byte)0x7F) >= 0 && TryStrict(StrictUtf8, bytes, out _);

    private static Encoding? Pick(ReadOnlySpan<byte> bytes, IReadOnlyList<Encoding> siblings, bool words, string? language)
    {
        if (TryStrict(StrictUtf8, bytes, out _))
        {
            return StrictUtf8;
        }

        foreach (var sibling in siblings)
        {
            if (TryStrict(sibling, bytes, out _))
            {
                return sibling;
            }
        }

        if (MixedUtf8(bytes) is not null)
        {
            return null;
        }

        return Detected(bytes) ?? (words ? PlausibleCharset.Choose(bytes, language) : TextDecoder.Windows1252);
    }

    public static bool TryStrict(Encoding encoding, ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = encoding.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    /// <summary>
    /// UTF-8 text with a few stray 8-bit bytes (a signature pasted from a windows-1252 editor, a header cut in the
    /// middle of a character): each valid sequence decodes as UTF-8 and each stray byte as windows-1252. Only when
    /// the valid multi-byte sequences outnumber the stray bytes, so that a legacy charset is not read as UTF-8
    /// (KOI8-R "Счёт" holds one valid pair, DE A3, between two stray bytes: counted in bytes, that was a tie).
    /// </summary>
    public static string? MixedUtf8(ReadOnlySpan<byte> bytes)
    {
        int valid = 0, stray = 0;
        for (var rest = bytes; !rest.IsEmpty;)
        {
            var status = System.Text.Rune.DecodeFromUtf8(rest, out _, out var used);
            if (status == System.Buffers.OperationStatus.Done)
            {
                valid += used > 1 ? 1 : 0;
            }
            else
            {
                stray += used;
            }

            rest = rest[used..];
        }

        if (valid == 0 || stray >= valid)
        {
            return null;
        }

        var sb = new StringBuilder(bytes.Length);
        for (var rest = bytes; !rest.IsEmpty;)
        {
            if (System.Text.Rune.DecodeFromUtf8(rest, out var rune, out var used) == System.Buffers.OperationStatus.Done)
            {
                sb.Append(rune.ToString());
            }
            else
            {
                sb.Append(TextDecoder.Windows1252.GetString(rest[..used]));
            }

            rest = rest[used..];
        }

        return sb.ToString();
    }

    private static Encoding? Detected(ReadOnlySpan<byte> bytes)
    {
        var eightBit = 0;
        foreach (var b in bytes)
        {
            eightBit += b >= 0x80 ? 1 : 0;
        }

        if (eightBit < DetectorMinBytes)
        {
            return null;
        }

        var detected = CharsetDetector.DetectFromBytes(bytes.ToArray()).Detected;
        if (detected is null || detected.Confidence < DetectorMinConfidence || detected.EncodingName is not { Length: > 0 } name
            || name.StartsWith("utf", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return CharsetFamily.Strict(name) is { } encoding && TryStrict(encoding, bytes, out _) ? encoding : null;
    }
}
