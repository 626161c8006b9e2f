namespace TicketMail.TestKit;

/// <summary>
/// Runs the real ticketmail program as a process. By default the build next to the test assembly;
/// TICKETMAIL_CLI=/path/to/ticketmail runs the same tests against another build (e.g. Native AOT).
/// </summary>
public sealed class Cli(IReadOnlyDictionary<string, string?> environment)
{
    public IReadOnlyDictionary<string, string?> Environment { get; } = environment;

    /// <summary>A CLI bound to one database, with a private spool and no config file or support address leaking in.</summary>
    public static Cli For(string db, string? spool = null, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var env = new Dictionary<string, string?>
        {
            ["TICKETMAIL_DB"] = db,
            ["TICKETMAIL_SUPPORT_ADDRESS"] = "support@example.com",
            ["TICKETMAIL_SPOOL"] = spool ?? Directory.CreateTempSubdirectory("ticketmail-spool-").FullName,
            ["TICKETMAIL_ENV_FILE"] = null,
            ["TICKETMAIL_LOG"] = null,
            ["NO_COLOR"] = "1",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }

        return new Cli(env);
    }

    /// <summary>True when the tests run the JIT build next to them (no TICKETMAIL_CLI given).</summary>
    public static bool IsJitBuild => System.Environment.GetEnvironmentVariable("TICKETMAIL_CLI") is not { Length: > 0 };

    /// <summary>
    /// For tests that start many processes at the same moment. A cold JIT process spends about 100 ms of CPU compiling
    /// EF Core's save path while it holds the write lock; twenty of them on a two-core machine need about 15 s of CPU
    /// before the last one commits, so the default 5 s timeout would measure the machine, not the program. The Native
    /// AOT binary (the production build, the suite's second run in CI) keeps the default timeout.
    /// </summary>
    public Cli ForConcurrentStart() => IsJitBuild ? With("TICKETMAIL_DB_TIMEOUT", "60") : this;

    public Cli With(string key, string? value) => new(new Dictionary<string, string?>(Environment) { [key] = value });

    public Task<ProcessOutput> RunAsync(byte[]? stdin, params string[] args)
    {
        var (file, prefix) = Program();
        return ProcessRunner.RunAsync(file, prefix.Concat(args), stdin, Environment);
    }

    public Task<ProcessOutput> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>Runs and fails (TimeoutException) when the program is still running after <paramref name="limit"/>.</summary>
    public Task<ProcessOutput> RunWithinAsync(TimeSpan limit, byte[]? stdin, params string[] args)
    {
        var (file, prefix) = Program();
        return ProcessRunner.RunAsync(file, prefix.Concat(args), stdin, Environment, limit);
    }

    /// <summary>Runs under /bin/sh with the given umask, as a caller with that umask would.</summary>
    public Task<ProcessOutput> RunWithUmaskAsync(string umask, byte[]? stdin, params string[] args)
    {
        var (file, prefix) = Program();
        return ProcessRunner.RunAsync("/bin/sh", new[] { "-c", $"umask {umask}; exec \"$0\" \"$@\"", file }.Concat(prefix).Concat(args), stdin, Environment);
    }

    private static (string File, string[] Prefix) Program()
    {
        if (System.Environment.GetEnvironmentVariable("TICKETMAIL_CLI") is { Length: > 0 } cli)
        {
            return (cli, []);
        }

        var dll = Path.Combine(AppContext.BaseDirectory, "ticketmail.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException("ticketmail.dll is not next to the tests; reference src/TicketMail.Cli from the test project");
        }

        return ("dotnet", [dll]);
    }
}
