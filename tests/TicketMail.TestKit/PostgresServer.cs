using Xunit;

using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace TicketMail.TestKit;

/// <summary>
/// A real PostgreSQL server for the tests: TICKETMAIL_TEST_PG when set (CI may start one), otherwise a
/// throwaway cluster started from /usr/lib/postgresql/*/bin on a free loopback port. Each test gets its own
/// database. A missing PostgreSQL fails the tests: they never skip silently.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private TempFolder? _folder;
    private string? _bin;
    private string? _data;
    private string? _options;

    public string AdminConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("TICKETMAIL_TEST_PG") is { Length: > 0 } given)
        {
            AdminConnectionString = given;
            return;
        }

        _bin = FindBinaries();
        _folder = new TempFolder("ticketmail-pg");
        _data = Path.Combine(_folder.Path, "data");
        var port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await Run("/bin/chown", ["postgres:postgres", _folder.Path]);
        }

        await RunAsPostgres(asRoot, Path.Combine(_bin, "initdb"), ["-D", _data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C"]);
        var options = _options = $"-p {port} -k {_folder.Path} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await RunAsPostgres(asRoot, Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-o", options, "-l", Path.Combine(_folder.Path, "log"), "-w", "-t", "60", "start"]);
        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true };
        return builder.ToString();
    }

    /// <summary>
    /// Stops the server, keeps it down for <paramref name="down"/> (connections are refused meanwhile), and starts it
    /// again on the same port with the same data, as an operator restarting PostgreSQL under running deliveries.
    /// Only the throwaway server can be restarted.
    /// </summary>
    public async Task RestartAsync(TimeSpan down)
    {
        if (_bin is null || _data is null || _folder is null || _options is null)
        {
            throw new InvalidOperationException("TICKETMAIL_TEST_PG names a server these tests did not start; it cannot be restarted by them");
        }

        var asRoot = Environment.UserName == "root";
        await RunAsPostgres(asRoot, Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-m", "fast", "-w", "-t", "60", "stop"]);
        await Task.Delay(down);
        await RunAsPostgres(asRoot, Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-o", _options, "-l", Path.Combine(_folder.Path, "log"), "-w", "-t", "60", "start"]);
        // The test's own pooled connections died with the old server.
        NpgsqlConnection.ClearAllPools();
    }

    public async Task DisposeAsync()
    {
        if (_bin is not null && _data is not null)
        {
            await RunAsPostgres(Environment.UserName == "root", Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-m", "immediate", "-w", "stop"]);
        }

        _folder?.Dispose();
    }

    private static string FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL is required by these tests: no initdb under /usr/lib/postgresql/*/bin and TICKETMAIL_TEST_PG is not set. Install the postgresql package.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunAsPostgres(bool asRoot, string program, string[] args) =>
        asRoot ? Run("/usr/sbin/runuser", ["-u", "postgres", "--", program, .. args]) : Run(program, args);

    private static async Task Run(string program, string[] args)
    {
        var result = await ProcessRunner.RunAsync(program, args, timeout: TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {result}");
        }
    }
}
