using System.Security.Cryptography;

namespace TicketMail.Core.Mail;

/// <summary>
/// The hash of a message's body: everything after the first empty line. Delivery adds and rewrites headers
/// (Received, Delivered-To, Return-Path) but never the body, so two deliveries of one message agree on it, and a
/// different message that reuses a Message-ID does not.
/// </summary>
public static class BodyHash
{
    public static string Of(ReadOnlySpan<byte> raw) => Sha256Hex.Of(raw[BodyStart(raw)..]);

    /// <summary>Hashes from the stream's current position to its end, finding the header block's end as it reads.</summary>
    public static string Of(Stream raw)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        var inBody = false;
        var previous = (byte)0;
        var beforePrevious = (byte)0;
        int read;
        while ((read = raw.Read(buffer)) > 0)
        {
            var start = 0;
            for (var i = 0; !inBody && i < read; i++)
            {
                var b = buffer[i];
                // "\n\n" or "\n\r\n" ends the header block.
                if (b == '\n' && (previous == '\n' || (previous == '\r' && beforePrevious == '\n')))
                {
                    inBody = true;
                    start = i + 1;
                }

                beforePrevious = previous;
                previous = b;
            }

            if (inBody)
            {
                hash.AppendData(buffer, start, read - start);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static int BodyStart(ReadOnlySpan<byte> raw)
    {
        for (var i = 1; i < raw.Length; i++)
        {
            if (raw[i] == '\n' && (raw[i - 1] == '\n' || (i >= 2 && raw[i - 1] == '\r' && raw[i - 2] == '\n')))
            {
                return i + 1;
            }
        }

        // No header block end: the whole message is header, and its body is empty.
        return raw.Length;
    }
}
