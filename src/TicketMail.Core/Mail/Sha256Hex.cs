using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace TicketMail.Core.Mail;

/// <summary>
/// SHA-256 of a message's bytes, as lower-case hex. On Linux .NET's SHA256 is OpenSSL: the first call loads
/// libcrypto and libssl (3.5 MiB of resident memory and about 1.5 ms of CPU in a process that handles one
/// message). A typical message is a few KiB, which BouncyCastle's managed digest (MimeKit's own dependency)
/// hashes in microseconds; past <see cref="ManagedLimit"/> OpenSSL's SHA extensions win, and are used.
/// </summary>
public static class Sha256Hex
{
    public const int ManagedLimit = 128 * 1024;

    public static string Of(ReadOnlySpan<byte> data)
    {
        if (data.Length > ManagedLimit)
        {
            return Convert.ToHexStringLower(SHA256.HashData(data));
        }

        var digest = new Sha256Digest();
        digest.BlockUpdate(data);
        Span<byte> hash = stackalloc byte[32];
        digest.DoFinal(hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>A message too large to hold in memory, from its first byte; the stream is left at its start.</summary>
    public static string Of(Stream stream)
    {
        stream.Position = 0;
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        stream.Position = 0;
        return hash;
    }
}
