using System.Data;
using System.Data.Common;
using Npgsql;
using TicketMail.Data.Views;

namespace TicketMail.Data.Postgres;

/// <summary>
/// Full-text search on PostgreSQL: the GIN index ix_messages_search (migration I16Queues) over the 'simple'
/// configuration, so that every language is split the same way and nothing is stemmed. The indexed expression
/// turns every run of non-alphanumerics into a space first, so that addresses and URLs split into words as
/// they do on SQLite's FTS5; this statement repeats the expression exactly, or the index would not be used.
/// </summary>
internal static class SearchSql
{
    /// <param name="alias">"m." in the query (tickets has a subject too); "" in the index. The planner matches the columns, not the alias.</param>
    public static string Document(string alias) =>
        $"to_tsvector('simple'::regconfig, regexp_replace({alias}subject || ' ' || {alias}from_address || ' ' || coalesce({alias}from_name, '') || ' ' || {alias}text_body, '[^[:alnum:]]+', ' ', 'g'))";

    private static readonly string Sql = $"""
        SELECT t.uuid, t.queue, t.status, m.id, m.subject, m.from_address, m.date, m.text_body
        FROM messages m
        JOIN tickets t ON t.id = m.ticket_id
        WHERE {Document("m.")} @@ plainto_tsquery('simple'::regconfig, @words)
          AND (@queue IS NULL OR t.queue = @queue)
          AND (@status IS NULL OR t.status = @status)
        ORDER BY m.date DESC, m.id DESC
        LIMIT @limit
        """;

    public static async Task<List<(SearchHit Hit, string Text)>> RunAsync(DbConnection connection, SearchQuery query, CancellationToken cancellationToken)
    {
        await using var command = (NpgsqlCommand)connection.CreateCommand();
        command.CommandText = Sql;
        command.Parameters.Add(new NpgsqlParameter("words", DbType.String) { Value = string.Join(' ', query.Words) });
        // Typed, so that "@queue IS NULL" has a type when the value is null.
        command.Parameters.Add(new NpgsqlParameter("queue", DbType.String) { Value = (object?)query.Queue ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("status", DbType.String) { Value = (object?)query.Status ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("limit", DbType.Int32) { Value = query.Limit });
        var rows = new List<(SearchHit, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var date = DateTime.SpecifyKind(reader.GetDateTime(6), DateTimeKind.Utc);
            rows.Add((new SearchHit(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4), reader.GetString(5), date, ""), reader.GetString(7)));
        }

        return rows;
    }
}
