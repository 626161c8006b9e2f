using System.Diagnostics;

namespace TicketMail.Cli.Tests.Safety;

/// <summary>Starts the real CLI without waiting for it, so a test can SIGKILL it at a chosen moment.</summary>
public sealed class KillableCli : IDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly List<string> _stderr = [];
    private readonly TaskCompletionSource _marker = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string? _waitFor;

    private KillableCli(System.Diagnostics.Process process, string? waitFor)
    {
        _process = process;
        _waitFor = waitFor;
    }

    /// <param name="waitFor">A text on stderr (a log line) that <see cref="WaitForMarkerAsync"/> waits for.</param>
    public static async Task<KillableCli> StartAsync(TestKit.Cli cli, byte[] stdin, string? waitFor, params string[] args)
    {
        var external = Environment.GetEnvironmentVariable("TICKETMAIL_CLI");
        var info = new ProcessStartInfo(external is { Length: > 0 } ? external : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (external is not { Length: > 0 })
        {
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ticketmail.dll"));
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in cli.Environment)
        {
            info.Environment[key] = value;
        }

        var process = System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("could not start the CLI");
        var runner = new KillableCli(process, waitFor);
        process.ErrorDataReceived += (_, e) => runner.OnError(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await process.StandardInput.BaseStream.WriteAsync(stdin);
        process.StandardInput.Close();
        return runner;
    }

    private void OnError(string? line)
    {
        if (line is null)
        {
            _marker.TrySetException(new InvalidOperationException("the CLI ended before the marker: " + string.Join('\n', _stderr)));
            return;
        }

        lock (_stderr)
        {
            _stderr.Add(line);
        }

        if (_waitFor is not null && line.Contains(_waitFor, StringComparison.Ordinal))
        {
            _marker.TrySetResult();
        }
    }

    public Task WaitForMarkerAsync() => _marker.Task.WaitAsync(TimeSpan.FromMinutes(2));

    /// <summary>SIGKILL: no finally blocks, no flush, exactly what a crash or the OOM killer does.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as systemd or a mail server stopping the delivery sends it; the process decides how to end.</summary>
    public async Task TerminateAsync()
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end by itself and returns its exit code (128 + N when a signal ended it).</summary>
    public async Task<int> ExitCodeAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return _process.ExitCode;
    }

    public string Stderr()
    {
        lock (_stderr)
        {
            return string.Join('\n', _stderr);
        }
    }

    public void Dispose() => _process.Dispose();
}
