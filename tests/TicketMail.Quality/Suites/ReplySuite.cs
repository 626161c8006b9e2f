using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TicketMail.Quality.Suites;

/// <summary>
/// The reply-parser suites (corpus replies/): each input is a bare body, wrapped here into a minimal message.
/// The targets that state the visible reply (reply, fragment[0], replies[0].body, …) are read from the
/// product's "reply"; exact comparisons are made after whitespace normalisation (runs of whitespace become
/// one space, ends trimmed) because the product normalises line ends and trailing blanks. Fragment counts and
/// flags are another library's internals and are not checked. The derived target "reply_input" is one
/// record per input: it passes when every reply check of that input passes; inputs that duplicate another
/// suite's (replies/duplicates.tsv) are scored only in their group's first suite, so the overall figure
/// counts each group once.
/// </summary>
public abstract partial class ReplySuite : Suite
{
    public const string InputTarget = "reply_input";

    private IReadOnlyList<Expectation> _checks = [];
    private string _folder = "";

    /// <summary>The targets of this suite that state the visible reply.</summary>
    protected abstract IReadOnlySet<string> ReplyTargets { get; }

    protected virtual string ContentType => "text/plain";

    public override IReadOnlyList<Expectation> Load(string folder)
    {
        _folder = folder;
        var upstream = Expectations.Load(folder, Name).Select(Normalised).ToList();
        _checks = upstream.Where(IsReplyCheck).ToList();
        var duplicates = ReplyDuplicates.Load(Path.GetDirectoryName(folder)!);
        var derived = _checks.Select(e => e.File).Distinct(StringComparer.Ordinal)
            .Where(f => duplicates.IsRepresentative(Name, f))
            .Select(f => Derived(f, InputTarget, "equals", true));
        return [.. upstream, .. Extra(folder), .. derived];
    }

    public override IEnumerable<string> Inputs(IReadOnlyList<Expectation> expectations) =>
        expectations.Where(e => IsReplyCheck(e) || e.Target == InputTarget).Select(e => e.File).Distinct(StringComparer.Ordinal);

    public override byte[] Eml(string folder, string file)
    {
        var header = $"From: Ann Example <ann@example.com>\r\nTo: support@example.com\r\nSubject: {file}\r\nMessage-ID: <{file}@replies.example>\r\n" +
                     $"MIME-Version: 1.0\r\nContent-Type: {ContentType}; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(header), .. File.ReadAllBytes(Path.Combine(folder, file))];
    }

    public override string? InputText(string folder, string file) => File.ReadAllText(Path.Combine(folder, file));

    public override Actual Get(Expectation e, JsonObject? result)
    {
        if (e.Target == InputTarget)
        {
            var checks = _checks.Where(c => c.File == e.File);
            return Actual.Of(checks.All(c => Check.Evaluate(c, Reply(c, result), _folder, InputText(_folder, c.File)) == true));
        }

        return IsReplyCheck(e) ? Actual.Of(Reply(e, result)) : Actual.Unsupported;
    }

    /// <summary>The product's reply, whitespace-normalised for the exact operators that were normalised on load.</summary>
    protected virtual JsonNode? Reply(Expectation e, JsonObject? result)
    {
        var reply = Message(result)?["reply"]?.ToString();
        return e.Op == "equals" && reply is not null ? JsonValue.Create(Squeeze(reply)) : reply is null ? null : JsonValue.Create(reply);
    }

    private bool IsReplyCheck(Expectation e) =>
        ReplyTargets.Contains(e.Target) && e.Op is "equals" or "equals_trimmed" or "matches" or "contains" or "not_contains" or "starts_with" or "ends_with" or "equals_file";

    private Expectation Normalised(Expectation e) =>
        ReplyTargets.Contains(e.Target) && e.Op is "equals" or "equals_trimmed" && e.Value?.ToString() is { } v
            ? e with { Op = "equals", Value = JsonValue.Create(Squeeze(v)) }
            : e;

    internal static string Squeeze(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
