using System.Text.Json.Nodes;

namespace TicketMail.Quality;

/// <summary>
/// Runs messages through `ticketmail process --dry-run --json` and returns, per input key, the JSON object the
/// product printed for it. An input with no line (it never should happen) is missing from the answer.
/// </summary>
public interface IMailProbe
{
    string Describe { get; }

    IReadOnlyDictionary<string, JsonObject> Run(IReadOnlyList<ProbeInput> inputs);
}
