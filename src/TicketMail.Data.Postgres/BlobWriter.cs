using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace TicketMail.Data.Postgres;

/// <summary>
/// Fills a saved row's bytea column from a stream: Npgsql sends a Stream parameter in chunks, so a large
/// message goes from its file to the server without being held whole in memory.
/// </summary>
internal static class BlobWriter
{
    // Table and column names are constants from the store, never input.
    public static async Task WriteAsync(DbTransaction transaction, string table, string keyColumn, object key, Stream content, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)transaction.Connection!;
        await using var command = new NpgsqlCommand($"UPDATE {table} SET content = @content WHERE {keyColumn} = @key", connection, (NpgsqlTransaction)transaction);
        command.Parameters.Add(new NpgsqlParameter("content", NpgsqlDbType.Bytea) { Value = content });
        command.Parameters.Add(new NpgsqlParameter("key", key));
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException($"no {table} row for {key}");
        }
    }
}
