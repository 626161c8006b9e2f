using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using TicketMail.Data.Views;

namespace TicketMail.Data.Sqlite;

/// <summary>
/// Full-text search on SQLite: the FTS5 table messages_fts (external content: it indexes subject, sender and
/// text of messages, kept in step by triggers in the same transaction as each insert or delete; migration
/// I16Queues). Each word becomes a quoted FTS5 string, so that no query text is read as FTS5 syntax.
/// </summary>
internal static class SearchSql
{
    private const string Sql = """
        SELECT t.uuid, t.queue, t.status, m.id, m.subject, m.from_address, m.date, m.text_body
        FROM messages_fts f
        JOIN messages m ON m.id = f.rowid
        JOIN tickets t ON t.id = m.ticket_id
        WHERE messages_fts MATCH $match
          AND ($queue IS NULL OR t.queue = $queue)
          AND ($status IS NULL OR t.status = $status)
        ORDER BY m.date DESC, m.id DESC
        LIMIT $limit
        """;

    public static async Task<List<(SearchHit Hit, string Text)>> RunAsync(DbConnection connection, SearchQuery query, CancellationToken cancellationToken)
    {
        await using var command = (SqliteCommand)connection.CreateCommand();
        command.CommandText = Sql;
        command.Parameters.AddWithValue("$match", string.Join(' ', query.Words.Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")));
        command.Parameters.AddWithValue("$queue", (object?)query.Queue ?? DBNull.Value);
        command.Parameters.AddWithValue("$status", (object?)query.Status ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", query.Limit);
        var rows = new List<(SearchHit, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var date = DateTime.SpecifyKind(DateTime.Parse(reader.GetString(6), CultureInfo.InvariantCulture), DateTimeKind.Utc);
            rows.Add((new SearchHit(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4), reader.GetString(5), date, ""), reader.GetString(7)));
        }

        return rows;
    }
}
