using System.Diagnostics;
using System.Text.Json.Nodes;

namespace TicketMail.Quality;

/// <summary>Runs the built CLI as a process, once for all inputs: `ticketmail process --dry-run --json FOLDER`.</summary>
public sealed class CliProbe(string program, IReadOnlyList<string> prefix) : IMailProbe
{
    public string Describe => $"{string.Join(' ', prefix.Prepend(program))} process --dry-run --json";

    public IReadOnlyDictionary<string, JsonObject> Run(IReadOnlyList<ProbeInput> inputs)
    {
        using var folder = new ProbeFolder(inputs);
        Execute(folder, "db", "migrate");
        return folder.Collect(Execute(folder, "process", "--dry-run", "--json", folder.Mail).Split('\n'));
    }

    private string Execute(ProbeFolder folder, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var part in prefix.Concat(args))
        {
            start.ArgumentList.Add(part);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("TICKETMAIL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in folder.Environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (args[0] == "db" && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} db migrate exited {process.ExitCode}: {error.Result}");
        }

        return output;
    }
}
