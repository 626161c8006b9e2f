using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace TicketMail.Data.Sqlite;

/// <summary>
/// Fills a saved row's blob column from a stream: the column is sized with zeroblob(), then written through
/// SqliteBlob in chunks. Binding a large byte[] instead would make SQLite copy it whole (and need it whole).
/// </summary>
internal static class BlobWriter
{
    // Table and column names are constants from the store, never input.
    public static async Task WriteAsync(DbTransaction transaction, string table, string keyColumn, object key, Stream content, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)transaction.Connection!;
        long rowid;
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = (SqliteTransaction)transaction;
            command.CommandText = $"UPDATE {table} SET content = zeroblob($length) WHERE {keyColumn} = $key; SELECT rowid FROM {table} WHERE {keyColumn} = $key;";
            command.Parameters.AddWithValue("$length", content.Length - content.Position);
            command.Parameters.AddWithValue("$key", key);
            rowid = (long)(await command.ExecuteScalarAsync(cancellationToken)
                ?? throw new InvalidOperationException($"no {table} row for {key}"));
        }

        await using var blob = new SqliteBlob(connection, table, "content", rowid);
        await content.CopyToAsync(blob, 81920, cancellationToken);
    }
}
