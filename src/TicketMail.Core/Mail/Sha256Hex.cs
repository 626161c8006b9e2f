using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace TicketMail.Core.Mail;

/// <summary>
/// SHA-256 of a message's bytes, as lower-case hex. On Linux .NET's SHA256 is OpenSSL: the first call loads
/// libcrypto and libssl (3.5 MiB of resident memory and about 1.5 ms of CPU in a process that handles one
/// message). The mail server starts one process per message, and a typical message is a few KiB, which
/// BouncyCastle's managed digest (MimeKit's own dependency) hashes in about 60 us per 10 KB. OpenSSL's is ~7x
/// faster (SHA extensions), so it takes over past <see cref="ManagedLimit"/> bytes and after the first
/// <see cref="ManagedCalls"/> hashes of a process: a batch pays its loading once.
/// </summary>
public static class Sha256Hex
{
    public const int ManagedLimit = 128 * 1024;

    public const int ManagedCalls = 8;

    private static int _calls;

    public static string Of(ReadOnlySpan<byte> data) =>
        data.Length > ManagedLimit || Volatile.Read(ref _calls) >= ManagedCalls || Interlocked.Increment(ref _calls) > ManagedCalls
            ? Native(data)
            : Managed(data);

    internal static string Native(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    internal static string Managed(ReadOnlySpan<byte> data)
    {
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
