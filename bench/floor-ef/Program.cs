using System.CommandLine;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using MimeKit;
using Serilog;
using Serilog.Events;
using TicketMail.Bench.FloorEf;
using TicketMail.Bench.FloorEf.Postgres;
using TicketMail.Bench.FloorEf.Sqlite;

// floor-ef db migrate            create the schema (TICKETMAIL_DB: a SQLite path or a PostgreSQL connection string)
// floor-ef process < MESSAGE     spool it (write, fsync, rename), parse it from the spool file, look up the
//                                duplicate and the ticket, insert ticket + message + raw in one SaveChanges,
//                                delete the spool file, log one event to stderr, print one line.
// floor-ef batch FOLDER          the leanest batch with the same stack, on one thread: each file read and parsed,
//                                the same two look-ups, and one SaveChanges per group of --batch-size messages.
KeepGenericInstantiations();
Log.Logger = new LoggerConfiguration()
    .WriteTo.Console(outputTemplate: "[{Level:u3}] {Message:lj}{NewLine}", standardErrorFromLevel: LogEventLevel.Verbose,
        formatProvider: System.Globalization.CultureInfo.InvariantCulture)
    .CreateLogger();

var root = new RootCommand("floor-ef: ticketmail's per-message work with ticketmail's stack, nothing more");
var recipient = new Option<string[]>("--recipient") { Arity = ArgumentArity.ZeroOrMore };
var process = new Command("process", "store one message from stdin") { recipient };
process.SetAction((parse, ct) => ProcessAsync(parse.GetValue(recipient) ?? [], ct));
var migrate = new Command("migrate", "create the schema");
migrate.SetAction(async (_, ct) =>
{
    await using var store = Open();
    await store.MigrateAsync(ct);
    Console.WriteLine("migrated");
    return 0;
});
var folder = new Argument<string>("folder");
var size = new Option<int>("--batch-size") { DefaultValueFactory = _ => 100 };
var batch = new Command("batch", "store every file of FOLDER, in groups") { folder, size };
batch.SetAction((parse, ct) => BatchAsync(parse.GetValue(folder)!, parse.GetValue(size), ct));
root.Subcommands.Add(process);
root.Subcommands.Add(batch);
root.Subcommands.Add(new Command("db") { migrate });
return await root.Parse(args).InvokeAsync();

static IFloorStore Open()
{
    var db = Environment.GetEnvironmentVariable("TICKETMAIL_DB") ?? "floor-ef.db";
    return db.Contains("Host=", StringComparison.OrdinalIgnoreCase) || db.StartsWith("postgres", StringComparison.Ordinal)
        ? PostgresFloor.Open(db)
        : SqliteFloor.Open(db.Contains('=', StringComparison.Ordinal) ? db : $"Data Source={db}");
}

static async Task<int> ProcessAsync(string[] recipients, CancellationToken ct)
{
    var spool = Environment.GetEnvironmentVariable("TICKETMAIL_SPOOL") ?? "spool";
    var name = $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Environment.ProcessId}-{Guid.NewGuid():N}.eml";
    var temp = Path.Combine(spool, "tmp", name);
    var incoming = Path.Combine(spool, "incoming", name);
    Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
    Directory.CreateDirectory(Path.GetDirectoryName(incoming)!);
    await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920))
    {
        await Console.OpenStandardInput().CopyToAsync(file, ct);
        file.Flush(flushToDisk: true);
    }

    File.Move(temp, incoming);
    byte[] raw;
    MimeMessage message;
    await using (var file = new FileStream(incoming, FileMode.Open, FileAccess.Read, FileShare.Read, 81920))
    {
        raw = new byte[file.Length];
        file.ReadExactly(raw);
        file.Position = 0;
        message = await MimeMessage.LoadAsync(file, persistent: false, ct);
    }

    var messageId = message.MessageId ?? Guid.NewGuid().ToString();
    var tag = recipients.Select(r => r.Split('+', '@')).Where(p => p.Length == 3).Select(p => Guid.TryParse(p[1], out var g) ? g : Guid.Empty).FirstOrDefault();
    await using var store = Open();
    if (await store.IsDuplicateAsync(messageId, ct))
    {
        File.Delete(incoming);
        Console.WriteLine($"duplicate {messageId}");
        return 0;
    }

    // The product's reply path looks its ticket up the same way; the floor always opens a new one.
    _ = await store.FindTicketAsync(tag, ct);
    var (ticket, row, from) = Rows(message, messageId, raw);
    await store.SaveAsync(ticket, row, ct);
    File.Delete(incoming);
    Log.Information("created ticket {Ticket} message {MessageId} from {Sender}", ticket.Uuid, messageId, from);
    Console.WriteLine($"created {ticket.Uuid}");
    return 0;
}

static async Task<int> BatchAsync(string folder, int size, CancellationToken ct)
{
    await using var store = Open();
    var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
    var pending = new List<string>(size);
    var count = 0;
    foreach (var path in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
    {
        var raw = await File.ReadAllBytesAsync(path, ct);
        var message = await MimeMessage.LoadAsync(new MemoryStream(raw, writable: false), persistent: false, ct);
        var messageId = message.MessageId ?? Guid.NewGuid().ToString();
        if (await store.IsDuplicateAsync(messageId, ct))
        {
            pending.Add($"duplicate {messageId}");
        }
        else
        {
            _ = await store.FindTicketAsync(Guid.Empty, ct);
            var (ticket, row, _) = Rows(message, messageId, raw);
            store.Add(ticket, row);
            pending.Add($"created {ticket.Uuid}");
        }

        if (pending.Count == size)
        {
            count += await FlushAsync(store, pending, output, ct);
        }
    }

    count += await FlushAsync(store, pending, output, ct);
    await output.FlushAsync(ct);
    Log.Information("stored {Count} messages", count);
    return 0;
}

// A new ticket and its message with the raw bytes: what both commands store.
static (FloorTicket Ticket, FloorMessage Message, string From) Rows(MimeMessage message, string messageId, byte[] raw)
{
    var from = message.From.Mailboxes.FirstOrDefault()?.Address ?? "";
    var ticket = new FloorTicket { Uuid = Guid.NewGuid(), Subject = message.Subject ?? "", RequesterAddress = from, CreatedAt = DateTime.UtcNow };
    return (ticket, new FloorMessage
    {
        DedupeKey = messageId,
        FromAddress = from,
        Subject = message.Subject ?? "",
        TextBody = message.TextBody,
        Raw = new FloorRaw { Content = raw },
    }, from);
}

static async Task<int> FlushAsync(IFloorStore store, List<string> pending, StreamWriter output, CancellationToken ct)
{
    await store.FlushAsync(ct);
    foreach (var line in pending)
    {
        await output.WriteLineAsync(line);
    }

    var count = pending.Count;
    pending.Clear();
    return count;
}

// EF makes these by MakeGenericMethod; Native AOT cannot see them (as src/TicketMail.Cli/Infrastructure/AotRoots.cs).
static void KeepGenericInstantiations()
{
    if (Environment.ProcessorCount > 0)
    {
        return;
    }

    _ = ValueComparer.CreateDefault<long>(false);
    _ = ValueComparer.CreateDefault<Guid>(false);
    _ = ValueComparer.CreateDefault<DateTime>(false);
    _ = ValueComparer.CreateDefault<long?>(false);
    _ = ValueComparer.CreateDefault<Guid?>(false);
}
