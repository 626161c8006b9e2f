using System.Text;
using TicketMail.Core.Mail;

namespace TicketMail.Core.Tests.Mail;

/// <summary>The managed digest (small messages, a process's first hashes) and OpenSSL must agree: the hashes are stored.</summary>
public sealed class Sha256HexTests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Known_vectors_on_both_digests(string text, string expected)
    {
        var data = Encoding.ASCII.GetBytes(text);
        Assert.Equal(expected, Sha256Hex.Managed(data));
        Assert.Equal(expected, Sha256Hex.Native(data));
        Assert.Equal(expected, Sha256Hex.Of(data));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(55)]
    [InlineData(64)]
    [InlineData(10_000)]
    [InlineData(Sha256Hex.ManagedLimit)]
    [InlineData(Sha256Hex.ManagedLimit + 1)]
    [InlineData(3 * Sha256Hex.ManagedLimit + 7)]
    public void Both_digests_agree_on_either_side_of_the_limit_and_from_a_stream(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        var expected = Sha256Hex.Native(data);

        Assert.Equal(expected, Sha256Hex.Managed(data));
        Assert.Equal(expected, Sha256Hex.Of(data));
        using var stream = new MemoryStream(data);
        stream.Position = 5 % (length + 1);
        Assert.Equal(expected, Sha256Hex.Of(stream));
        Assert.Equal(0, stream.Position);
    }
}
