using Microsoft.Data.Sqlite;
using MimeKit;
using Npgsql;

// floor init sqlite|postgres CONNECTION    create the one table
// floor sqlite|postgres CONNECTION < MSG   parse MSG with MimeKit, INSERT it, print one line
// What ticketmail does for a new ticket, with nothing else: no configuration, no logging, no ORM, no routing.
if (args.Length == 3 && args[0] == "init")
{
    return await RunAsync(args[1], args[2], init: true);
}

if (args.Length == 2)
{
    return await RunAsync(args[0], args[1], init: false);
}

Console.Error.WriteLine("usage: floor [init] sqlite|postgres CONNECTION < message");
return 64;

static async Task<int> RunAsync(string provider, string connectionString, bool init)
{
    const string create = "CREATE TABLE IF NOT EXISTS floor_message (id INTEGER PRIMARY KEY, message_id TEXT NOT NULL UNIQUE, subject TEXT, sender TEXT, raw BLOB NOT NULL)";
    const string createPg = "CREATE TABLE IF NOT EXISTS floor_message (id BIGSERIAL PRIMARY KEY, message_id TEXT NOT NULL UNIQUE, subject TEXT, sender TEXT, raw BYTEA NOT NULL)";
    const string insert = "INSERT INTO floor_message (message_id, subject, sender, raw) VALUES (@id, @subject, @sender, @raw)";

    byte[] raw = [];
    MimeMessage? message = null;
    if (!init)
    {
        using var buffer = new MemoryStream();
        await Console.OpenStandardInput().CopyToAsync(buffer);
        raw = buffer.ToArray();
        message = await MimeMessage.LoadAsync(new MemoryStream(raw, writable: false));
    }

    await using System.Data.Common.DbConnection connection = provider == "postgres"
        ? new NpgsqlConnection(connectionString)
        : new SqliteConnection(connectionString);
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = init ? (provider == "postgres" ? createPg : create) : insert;
    if (message is not null)
    {
        Add(command, "@id", message.MessageId ?? Guid.NewGuid().ToString());
        Add(command, "@subject", message.Subject ?? "");
        Add(command, "@sender", message.From.Mailboxes.FirstOrDefault()?.Address ?? "");
        Add(command, "@raw", raw);
    }

    await command.ExecuteNonQueryAsync();
    Console.WriteLine(init ? "created floor_message" : $"stored {message!.MessageId}");
    return 0;
}

static void Add(System.Data.Common.DbCommand command, string name, object value)
{
    var parameter = command.CreateParameter();
    parameter.ParameterName = name;
    parameter.Value = value;
    command.Parameters.Add(parameter);
}
