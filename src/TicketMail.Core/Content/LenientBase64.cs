namespace TicketMail.Core.Content;

/// <summary>
/// A base64 decoder that keeps a short last group: MimeKit's decoder drops an incomplete final quantum, so a
/// part whose encoder left off the padding loses its last one or two bytes. Here 2 leftover symbols give one
/// byte and 3 give two (a 15-symbol tail gives 11 bytes), also before an '=' in the middle of concatenated
/// blocks. Characters outside the alphabet (line breaks, spaces, junk) are skipped, as decoders do.
/// </summary>
public static class LenientBase64
{
    private static readonly int[] Values = BuildValues();

    public static void Decode(Stream encoded, Stream target)
    {
        var input = new byte[64 * 1024];
        var output = new byte[48 * 1024 + 3];
        int quantum = 0, symbols = 0, read;
        while ((read = encoded.Read(input, 0, input.Length)) > 0)
        {
            var n = 0;
            for (var i = 0; i < read; i++)
            {
                var c = input[i];
                if (c == '=')
                {
                    n += Flush(output, n, quantum, symbols);
                    quantum = symbols = 0;
                    continue;
                }

                var v = Values[c];
                if (v < 0)
                {
                    continue;
                }

                quantum = (quantum << 6) | v;
                if (++symbols == 4)
                {
                    output[n++] = (byte)(quantum >> 16);
                    output[n++] = (byte)(quantum >> 8);
                    output[n++] = (byte)quantum;
                    quantum = symbols = 0;
                }
            }

            target.Write(output, 0, n);
        }

        var tail = new byte[2];
        target.Write(tail, 0, Flush(tail, 0, quantum, symbols));
    }

    /// <summary>Writes what an incomplete quantum holds: 2 symbols are 1 byte, 3 are 2; a lone symbol holds none.</summary>
    private static int Flush(byte[] output, int at, int quantum, int symbols)
    {
        switch (symbols)
        {
            case 2:
                output[at] = (byte)(quantum >> 4);
                return 1;
            case 3:
                output[at] = (byte)(quantum >> 10);
                output[at + 1] = (byte)(quantum >> 2);
                return 2;
            default:
                return 0;
        }
    }

    private static int[] BuildValues()
    {
        var values = new int[256];
        Array.Fill(values, -1);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (var i = 0; i < alphabet.Length; i++)
        {
            values[alphabet[i]] = i;
        }

        return values;
    }
}
