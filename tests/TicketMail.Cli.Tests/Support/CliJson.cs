using System.Text.Json;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Support;

public static class CliJson
{
    /// <summary>The single JSON line a one-message 'process --json' prints.</summary>
    public static JsonElement Single(ProcessOutput output)
    {
        var lines = output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one JSON line, got {lines.Length}: {output}");
        return JsonDocument.Parse(lines[0]).RootElement.Clone();
    }

    public static JsonElement Parse(string text) => JsonDocument.Parse(text).RootElement.Clone();

    public static string Str(this JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidOperationException($"{name} is null");
}
