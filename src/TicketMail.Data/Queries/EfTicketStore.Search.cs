using Microsoft.EntityFrameworkCore;
using TicketMail.Data.Views;

namespace TicketMail.Data.Queries;

/// <summary>
/// tickets search. EF Core has no portable full-text operator (FTS5's MATCH does not exist in LINQ, and Npgsql's
/// EF.Functions.ToTsVector would not compile for SQLite from this shared file), so each provider's SearchSql runs
/// one hand-written statement against its index; this is an admin command, never the per-message path.
/// </summary>
internal sealed partial class EfTicketStore
{
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        if (query.Words.Count == 0)
        {
            return [];
        }

        try
        {
            await _db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                var rows = await SearchSql.RunAsync(_db.Database.GetDbConnection(), query, cancellationToken);
                return rows.Select(r => r.Hit with { Line = MatchingLine(query.Words, r.Hit, r.Text) }).ToList();
            }
            finally
            {
                await _db.Database.CloseConnectionAsync();
            }
        }
        catch (Exception ex) when (ProviderErrors.Translate(ex) is { } mapped)
        {
            throw mapped;
        }
    }

    /// <summary>The first line of the subject or text that holds a word of the query; else the sender, which matched.</summary>
    private static string MatchingLine(IReadOnlyList<string> words, SearchHit hit, string text)
    {
        bool Holds(string line) => words.Any(w => line.Contains(w, StringComparison.OrdinalIgnoreCase));
        if (Holds(hit.Subject))
        {
            return "subject: " + hit.Subject;
        }

        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (Holds(line))
            {
                var trimmed = line.Trim();
                return trimmed.Length <= 200 ? trimmed : trimmed[..199] + "…";
            }
        }

        return "from: " + hit.FromAddress;
    }
}
