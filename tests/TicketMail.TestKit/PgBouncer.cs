using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;

namespace TicketMail.TestKit;

/// <summary>
/// A PgBouncer in transaction mode in front of a test PostgreSQL, started from Debian's pgbouncer package on a free
/// loopback port with a generated ini. Missing pgbouncer fails the test (install the pgbouncer package): never a skip.
/// </summary>
public sealed class PgBouncer : IAsyncDisposable
{
    private const string Binary = "/usr/sbin/pgbouncer";
    private readonly TempFolder _folder = new("ticketmail-pgbouncer");
    private Process? _process;

    public int Port { get; private set; }

    public static async Task<PgBouncer> StartAsync(string adminConnectionString)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"PgBouncer is required by this test: {Binary} is missing. Install the pgbouncer package (apt-get install pgbouncer).");
        }

        var server = new NpgsqlConnectionStringBuilder(adminConnectionString);
        var bouncer = new PgBouncer { Port = FakeSmtpServer.FreePort() };
        var ini = bouncer._folder.File("pgbouncer.ini");
        await File.WriteAllTextAsync(bouncer._folder.File("users.txt"), "\"postgres\" \"\"\n");
        await File.WriteAllTextAsync(ini, $"""
            [databases]
            * = host={server.Host} port={server.Port}
            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {bouncer.Port}
            unix_socket_dir =
            auth_type = trust
            auth_file = {bouncer._folder.File("users.txt")}
            pool_mode = transaction
            max_client_conn = 500
            default_pool_size = 20
            ignore_startup_parameters = extra_float_digits,search_path
            server_login_retry = 1
            logfile = {bouncer._folder.File("pgbouncer.log")}
            """);
        // server_login_retry: after a failed server login (the test restarts PostgreSQL) PgBouncer refuses every client
        // for this long; its default 15 s would outlast the test's replay. A host keeps the message spooled meanwhile.
        // PgBouncer refuses to run as root.
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await ProcessRunner.RunAsync("/bin/chown", ["-R", "postgres:postgres", bouncer._folder.Path]);
        }

        var info = asRoot ? new ProcessStartInfo("/usr/sbin/runuser", ["-u", "postgres", "--", Binary, ini]) : new ProcessStartInfo(Binary, [ini]);
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        bouncer._process = Process.Start(info) ?? throw new InvalidOperationException("pgbouncer did not start");
        bouncer._process.BeginOutputReadLine();
        bouncer._process.BeginErrorReadLine();
        await bouncer.WaitListeningAsync();
        return bouncer;
    }

    /// <summary>A database behind the bouncer, with the README's advice for transaction mode.</summary>
    public string ConnectionStringFor(string direct) =>
        new NpgsqlConnectionStringBuilder(direct) { Host = "127.0.0.1", Port = Port, MaxAutoPrepare = 0 }.ToString();

    public string Log() => File.Exists(_folder.File("pgbouncer.log")) ? File.ReadAllText(_folder.File("pgbouncer.log")) : "";

    private async Task WaitListeningAsync()
    {
        for (var i = 0; i < 200; i++)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"pgbouncer exited with {_process.ExitCode}: {Log()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException("pgbouncer did not listen within 10 s: " + Log());
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _folder.Dispose();
    }
}
