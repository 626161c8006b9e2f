namespace TicketMail.Cli.Doctor;

public enum CheckState
{
    Ok,
    Warn,
    Fail,
}

/// <summary>One line of the doctor's checklist; a failure says how to fix it and which exit code it stands for.</summary>
public sealed record Check(CheckState State, string Name, string Detail, string? Fix = null, int ExitCode = 0)
{
    public static Check Ok(string name, string detail) => new(CheckState.Ok, name, detail);

    public static Check Warn(string name, string detail, string? fix = null) => new(CheckState.Warn, name, detail, fix);

    public static Check Fail(string name, string detail, string fix, int exitCode) => new(CheckState.Fail, name, detail, fix, exitCode);
}
