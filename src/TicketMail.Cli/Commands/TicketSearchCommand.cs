using System.CommandLine;
using System.Globalization;
using TicketMail.Cli.Infrastructure;
using TicketMail.Cli.Output;
using TicketMail.Cli.Processing;
using TicketMail.Data.Views;

namespace TicketMail.Cli.Commands;

/// <summary>tickets search: full-text search over subject, sender and message text (FTS5 on SQLite, a GIN index on PostgreSQL).</summary>
public static class TicketSearchCommand
{
    private static readonly Argument<string> Text = new("text") { Description = "Words that must all occur in the subject, the sender or the text." };
    private static readonly Option<string?> Queue = new("--queue") { Description = "Only tickets of this queue." };
    private static readonly Option<string?> Status = new("--status") { Description = "Only open or only closed tickets." };
    private static readonly Option<int> Limit = new("--limit") { Description = "At most this many messages (default 20).", DefaultValueFactory = _ => 20 };
    private static readonly Option<bool> Json = new("--json") { Description = "Print one JSON array." };

    public static Command Create()
    {
        Status.AcceptOnlyFromAmong("open", "closed");
        var search = new Command("search", """
            Find messages by what they say: every word must occur in the subject, the sender or the text.
            Newest first, each with the line that matched.

            Examples:
              ticketmail tickets search "printer fire"
              ticketmail tickets search invoice --queue billing --status open --json
            """)
        { Text, Queue, Status, Limit, Json };
        CommandRunner.SetAction(search, SearchAsync, quietLog: true);
        return search;
    }

    private static async Task<int> SearchAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var parse = context.Parse;
        var limit = parse.GetValue(Limit);
        if (limit < 1)
        {
            throw new UsageException($"--limit {limit} must be 1 or more");
        }

        var query = new SearchQuery(parse.GetValue(Text) ?? "", parse.GetValue(Queue)?.Trim().ToLowerInvariant(), parse.GetValue(Status), limit);
        if (query.Words.Count == 0)
        {
            throw new UsageException("the search text has no words (letters or digits); give at least one");
        }

        await using var session = new StoreSession(context.Config);
        var store = await session.GetAsync(cancellationToken);
        var hits = await store.SearchAsync(query, cancellationToken);
        context.IO.Out.WriteLine(parse.GetValue(Json) ? ToJson(hits) : Human(hits));
        return 0;
    }

    private static string Human(IReadOnlyList<SearchHit> hits)
    {
        if (hits.Count == 0)
        {
            return "no messages match";
        }

        return string.Join('\n', hits.Select(h => string.Create(CultureInfo.InvariantCulture,
            $"{h.Date:yyyy-MM-dd HH:mm}  {h.Ticket:D}  [{h.Status}] {h.Queue}  \"{SafeText.Line(h.Subject)}\" from {SafeText.Line(h.FromAddress)}\n    | {SafeText.Line(h.Line)}")));
    }

    private static string ToJson(IReadOnlyList<SearchHit> hits) => JsonOutput.Write(w =>
    {
        w.WriteStartArray();
        foreach (var h in hits)
        {
            w.WriteStartObject();
            w.WriteString("ticket", h.Ticket.ToString("D"));
            w.WriteString("queue", h.Queue);
            w.WriteString("status", h.Status);
            w.WriteNumber("message", h.MessageId);
            w.WriteString("subject", h.Subject);
            w.WriteString("from", h.FromAddress);
            w.Time("date", h.Date);
            w.WriteString("line", h.Line);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });
}
