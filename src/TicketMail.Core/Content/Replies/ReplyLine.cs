namespace TicketMail.Core.Content.Replies;

/// <summary>
/// One logical line after preparation: <see cref="Text"/> is what the classifiers read (quote prefix
/// normalised, a wrapped attribution joined), <see cref="First"/>..<see cref="Last"/> the original lines it spans.
/// </summary>
public sealed record ReplyLine(string Text, int First, int Last, bool Protected = false)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Text);
}
