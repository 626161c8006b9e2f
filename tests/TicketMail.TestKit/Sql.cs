namespace TicketMail.TestKit;

/// <summary>Values straight from the test database through ADO.NET, to check what was really stored.</summary>
public static class Sql
{
    public static async Task<long> ScalarAsync(this TestDatabase db, string sql) =>
        Convert.ToInt64(await QueryAsync(db, sql), System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<byte[]> BytesAsync(this TestDatabase db, string sql) =>
        (byte[])(await QueryAsync(db, sql) ?? throw new InvalidOperationException($"no row: {sql}"));

    public static Task<object?> ExecAsync(this TestDatabase db, string sql) => QueryAsync(db, sql);

    private static async Task<object?> QueryAsync(TestDatabase db, string sql)
    {
        await using var connection = await db.ConnectAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
