using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Content;

/// <summary>Counts rows straight from the test database, to check what the CLI stored.</summary>
internal static class Sql
{
    public static async Task<long> ScalarAsync(this TestDatabase db, string sql)
    {
        await using DbConnection connection = db.Provider == TestDatabase.Sqlite
            ? new SqliteConnection($"Data Source={db.ConnectionString}")
            : new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
