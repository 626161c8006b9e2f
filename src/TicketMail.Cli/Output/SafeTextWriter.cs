using System.Text;

namespace TicketMail.Cli.Output;

/// <summary>
/// The last line of defence on stdout and stderr (and the log sinks): whatever a writer forgot, no control
/// character but newline and tab reaches the terminal or the pipe log. JSON passes unchanged, because its
/// serializer has already escaped every control character.
/// </summary>
public sealed class SafeTextWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => _inner.Encoding;

    /// <summary>The unfiltered writer, for the program's own escape sequences (colours, the progress bar) only.</summary>
    public static TextWriter Raw(TextWriter writer) => writer is SafeTextWriter safe ? safe._inner : writer;

    private readonly TextWriter _inner = inner;

    public override void Write(char value)
    {
        if (SafeText.IsUnsafe(value, keepLayout: true))
        {
            var clean = new StringBuilder(4);
            SafeText.Append(clean, value, keepLayout: true);
            _inner.Write(clean.ToString());
        }
        else
        {
            _inner.Write(value);
        }
    }

    public override void Write(string? value) => _inner.Write(SafeText.Block(value));

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    // TextWriter.WriteLine writes CoreNewLine through Write(char[]...), which would drop a "\r\n" newline's CR: fine on Linux.
    public override void WriteLine(string? value) => _inner.WriteLine(SafeText.Block(value));

    public override void Flush() => _inner.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Flush();
        }

        base.Dispose(disposing);
    }
}
