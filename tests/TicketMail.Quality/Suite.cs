using System.Text.Json.Nodes;

namespace TicketMail.Quality;

/// <summary>
/// One corpus folder: which files to feed the product, how to make a message of each, and how to read the
/// product's JSON answer for each expectation's target. One subclass per folder, in Suites/.
/// </summary>
public abstract class Suite
{
    /// <summary>The folder under the corpus root, e.g. "automatic/flufl.bounce"; also the suite's name in tables.</summary>
    public abstract string Name { get; }

    /// <summary>The upstream expectations plus the suite's own derived checks.</summary>
    public virtual IReadOnlyList<Expectation> Load(string folder) =>
        [.. Expectations.Load(folder, Name), .. Extra(folder)];

    /// <summary>Derived checks the upstream suite does not state (e.g. "every input here is automatic").</summary>
    public virtual IEnumerable<Expectation> Extra(string folder) => [];

    /// <summary>The files to run, relative to the folder.</summary>
    public virtual IEnumerable<string> Inputs(IReadOnlyList<Expectation> expectations) =>
        expectations.Select(e => e.File).Distinct(StringComparer.Ordinal);

    /// <summary>The raw message for a file; override to wrap a bare body into a message.</summary>
    public virtual byte[] Eml(string folder, string file) => File.ReadAllBytes(Path.Combine(folder, file));

    /// <summary>The unmodified input text, for the equals_input_text operator.</summary>
    public virtual string? InputText(string folder, string file) => null;

    /// <summary>Reads the product's answer for one expectation. <paramref name="result"/> is null when the product printed nothing for the file.</summary>
    public abstract Actual Get(Expectation e, JsonObject? result);

    /// <summary>The "message" object of a result (a refused message carries what was parsed), or null (not parsed, or no answer).</summary>
    protected static JsonObject? Message(JsonObject? result) => result?["message"] as JsonObject;

    /// <summary>A synthetic expectation of this suite.</summary>
    protected Expectation Derived(string file, string target, string op, JsonNode? value) =>
        new(Name, file, "derived", target, op, value, null, Todo: false);
}
