using Npgsql;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Operator;

/// <summary>A Laravel .env is all the configuration a site switching from artisan needs: database, support domain, SMTP.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LaravelEnvTests(PostgresServer postgres)
{
    private static TicketMail.TestKit.Cli WithEnvFile(string envFile, string? viaVariable = null) => new(new Dictionary<string, string?>
    {
        ["TICKETMAIL_DB"] = null,
        ["TICKETMAIL_SUPPORT_ADDRESS"] = null,
        ["TICKETMAIL_SMTP"] = null,
        ["TICKETMAIL_SPOOL"] = Directory.CreateTempSubdirectory("ticketmail-spool-").FullName,
        ["TICKETMAIL_ENV_FILE"] = viaVariable,
        ["TICKETMAIL_LOG"] = null,
        ["NO_COLOR"] = "1",
    });

    [Fact]
    public async Task A_sqlite_env_file_gives_the_database_and_MAIL_SUPPORT_DOMAIN_the_tag_domain()
    {
        using var folder = new TempFolder("ticketmail-laravel");
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, postgres);
        File.WriteAllText(folder.File(".env"), $"""
            APP_NAME=Laravel
            DB_CONNECTION=sqlite
            DB_DATABASE="{db.ConnectionString}"
            MAIL_SUPPORT_DOMAIN=help.example.org # the domain replies go to
            """);
        var cli = WithEnvFile(folder.File(".env"), viaVariable: folder.File(".env"));

        var ticket = CliJson.Single(await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process", "--json")).Str("ticket");
        var bcc = Mail.From("ann@customer.example").Header("Subject", "more").Without("In-Reply-To");
        var reply = CliJson.Single(await cli.RunAsync(bcc.Bytes(), "process", "--json", "--recipient", $"support+{ticket}@help.example.org"));
        var doctor = await cli.RunAsync("doctor");

        Assert.Equal(("replied", ticket, "envelope"), (reply.Str("action"), reply.Str("ticket"), reply.Str("rule")));
        Assert.Contains("support address support@help.example.org from .env file (MAIL_SUPPORT_DOMAIN)", doctor.Stdout);
        Assert.Contains($"sqlite {db.ConnectionString} (from .env file) is reachable", doctor.Stdout);
    }

    [Fact]
    public async Task A_pgsql_env_file_connects_with_DB_HOST_PORT_DATABASE_and_USERNAME()
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Postgres, postgres);
        var pg = new NpgsqlConnectionStringBuilder(db.ConnectionString);
        using var folder = new TempFolder("ticketmail-laravel");
        File.WriteAllText(folder.File(".env"), $"""
            DB_CONNECTION=pgsql
            DB_HOST={pg.Host}
            DB_PORT={pg.Port}
            DB_DATABASE={pg.Database}
            DB_USERNAME={pg.Username}
            MAIL_SUPPORT_DOMAIN=example.com
            """);
        var cli = WithEnvFile(folder.File(".env"));

        var created = CliJson.Single(await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "--env-file", folder.File(".env"), "process", "--json"));
        var listed = CliJson.Parse((await cli.RunAsync("tickets", "list", "--json", "--env-file", folder.File(".env"))).Stdout);

        Assert.Equal("created", created.Str("action"));
        Assert.Equal(created.Str("ticket"), listed[0].Str("uuid"));
    }

    [Fact]
    public async Task MAIL_MAILER_smtp_turns_acknowledgements_on_with_MAIL_HOST_PORT_and_MAIL_FROM_NAME()
    {
        await using var smtp = FakeSmtpServer.Start();
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, postgres);
        using var folder = new TempFolder("ticketmail-laravel");
        File.WriteAllText(folder.File(".env"), $"""
            DB_CONNECTION=sqlite
            DB_DATABASE={db.ConnectionString}
            MAIL_SUPPORT_DOMAIN=example.com
            MAIL_MAILER=smtp
            MAIL_HOST=127.0.0.1
            MAIL_PORT={smtp.Port}
            MAIL_USERNAME=null
            MAIL_PASSWORD=null
            MAIL_FROM_ADDRESS="hello@example.com"
            MAIL_FROM_NAME="Acme Help Desk"
            """);
        var cli = WithEnvFile(folder.File(".env"), viaVariable: folder.File(".env"));

        var output = await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process");

        Assert.Equal(0, output.ExitCode);
        var mail = Assert.Single(smtp.Received);
        Assert.Contains("From: Acme Help Desk <support@example.com>", mail.Data);
    }
}
