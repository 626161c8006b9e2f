using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Safety;

/// <summary>A fresh database, a private spool folder, and the real CLI bound to both.</summary>
public sealed class SafetyBed : IAsyncDisposable
{
    private readonly TempFolder _spool = new("ticketmail-spool");

    private SafetyBed(TestDatabase db, IReadOnlyDictionary<string, string?>? extra)
    {
        Db = db;
        Cli = TestKit.Cli.For(db.ConnectionString, _spool.Path, extra);
    }

    public TestDatabase Db { get; }
    public TestKit.Cli Cli { get; set; }
    public string Spool => _spool.Path;

    public static async Task<SafetyBed> CreateAsync(string provider, PostgresServer postgres, IReadOnlyDictionary<string, string?>? extra = null) =>
        new(await TestDatabase.CreateAsync(provider, postgres), extra);

    /// <summary>The ids of the messages in spool/&lt;folder&gt;/.</summary>
    public IReadOnlyList<string> Files(string folder)
    {
        var path = Path.Combine(Spool, folder);
        return Directory.Exists(path)
            ? Directory.GetFiles(path, "*.eml").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    public async Task<string> CreateTicketAsync()
    {
        var output = await Cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process", "--json");
        Assert.True(output.ExitCode == 0, output.ToString());
        return CliJson.Single(output).Str("ticket");
    }

    /// <summary>One number from the database, straight through ADO.NET: what the store really holds.</summary>
    public Task<long> CountAsync(string sql) => Db.ScalarAsync(sql);

    /// <summary>One blob from the database, straight through ADO.NET.</summary>
    public Task<byte[]> BytesAsync(string sql) => Db.BytesAsync(sql);

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        _spool.Dispose();
    }
}
