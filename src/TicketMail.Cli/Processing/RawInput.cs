using TicketMail.Core.Mail;

namespace TicketMail.Cli.Processing;

/// <summary>Reads one message's raw bytes, whole, before anything is decided; refuses input over the size limit.</summary>
public static class RawInput
{
    public static byte[] Read(Stream input, long maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = input.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                // Drain the rest so the writer (the MTA's pipe) does not see a broken pipe.
                while (input.Read(chunk, 0, chunk.Length) > 0)
                {
                }

                throw new UnusableMessageException($"the message is larger than the limit of {maxBytes} bytes (TICKETMAIL_MAX_MESSAGE_BYTES)");
            }
        }

        return buffer.ToArray();
    }
}
