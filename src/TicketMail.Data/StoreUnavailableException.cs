namespace TicketMail.Data;

/// <summary>
/// The database cannot take the work now: unreachable, timed out, read-only, full, or refusing us (exit 75: the
/// message is kept and replayed later). <see cref="Permission"/> says the cause is a permission problem, which
/// is reported as one (exit 77 for commands an operator runs).
/// </summary>
public sealed class StoreUnavailableException(string message, Exception inner, bool permission = false) : Exception(message, inner)
{
    public bool Permission { get; } = permission;
}
