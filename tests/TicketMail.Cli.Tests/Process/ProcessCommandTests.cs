using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Process;

/// <summary>The real CLI as a process, a message on stdin, against a real SQLite file and a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ProcessCommandTests(PostgresServer postgres)
{
    private async Task<(TestDatabase Db, TicketMail.TestKit.Cli Cli)> SetUp(string provider)
    {
        var db = await TestDatabase.CreateAsync(provider, postgres);
        return (db, TicketMail.TestKit.Cli.For(db.ConnectionString));
    }

    private static async Task<string> CreateTicket(TicketMail.TestKit.Cli cli)
    {
        var output = await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process", "--json");
        Assert.True(output.ExitCode == 0, output.ToString());
        return CliJson.Single(output).Str("ticket");
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_new_message_creates_a_ticket_and_prints_one_line(string provider)
    {
        var (db, cli) = await SetUp(provider);
        await using var _ = db;

        var output = await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process");

        Assert.Equal(0, output.ExitCode);
        Assert.Matches("^created ticket [0-9a-f-]{36} \"Printer on fire\" from ann@customer.example\n$", output.Stdout);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_reply_tagged_in_To_is_appended_and_shown_in_order(string provider)
    {
        var (db, cli) = await SetUp(provider);
        await using var _ = db;
        var ticket = await CreateTicket(cli);

        var reply = CliJson.Single(await cli.RunAsync(Fixture.ForTicket("core/reply-tag-in-to.eml", ticket), "process", "--json"));
        var shown = CliJson.Parse((await cli.RunAsync("tickets", "show", ticket, "--json")).Stdout);

        Assert.Equal(("replied", ticket, "tag"), (reply.Str("action"), reply.Str("ticket"), reply.Str("rule")));
        var messages = shown.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(2, messages.Count);
        Assert.True(messages[0].GetProperty("openedTicket").GetBoolean());
        Assert.Equal("reply-tag-1@customer.example", messages[1].Str("messageId"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_Bcc_reply_is_routed_by_the_recipient_argument(string provider)
    {
        var (db, cli) = await SetUp(provider);
        await using var _ = db;
        var ticket = await CreateTicket(cli);

        var reply = CliJson.Single(await cli.RunAsync(Fixture.Bytes("core/reply-bcc-envelope.eml"), "process", "--json", "--recipient", $"support+{ticket}@example.com"));

        Assert.Equal(("replied", ticket, "envelope"), (reply.Str("action"), reply.Str("ticket"), reply.Str("rule")));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_reply_found_by_In_Reply_To_alone_joins_the_ticket(string provider)
    {
        var (db, cli) = await SetUp(provider);
        await using var _ = db;
        var ticket = await CreateTicket(cli);

        var reply = CliJson.Single(await cli.RunAsync(Fixture.Bytes("core/reply-in-reply-to.eml"), "ticket:process-email", "--json"));

        Assert.Equal(("replied", ticket, "in-reply-to"), (reply.Str("action"), reply.Str("ticket"), reply.Str("rule")));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_unknown_tag_opens_a_new_ticket_and_records_the_tag(string provider)
    {
        var (db, cli) = await SetUp(provider);
        await using var _ = db;

        var output = await cli.RunAsync(Fixture.Bytes("core/unknown-tag.eml"), "process", "--json");
        var result = CliJson.Single(output);
        var shown = CliJson.Parse((await cli.RunAsync("tickets", "show", result.Str("ticket"), "--json")).Stdout);

        Assert.Equal("created", result.Str("action"));
        Assert.Equal("0b5d4c1e-9f3a-4d7e-8a21-6c0e5f4b3a29", shown.GetProperty("messages")[0].Str("unknownTag"));
        Assert.Contains("0b5d4c1e-9f3a-4d7e-8a21-6c0e5f4b3a29", output.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_same_message_twice_is_a_duplicate_of_the_first_ticket(string provider)
    {
        var (db, cli) = await SetUp(provider);
        await using var _ = db;
        var ticket = await CreateTicket(cli);

        var again = CliJson.Single(await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process", "--json"));
        var shown = CliJson.Parse((await cli.RunAsync("tickets", "show", ticket, "--json")).Stdout);

        Assert.Equal(("duplicate", ticket), (again.Str("action"), again.Str("ticket")));
        Assert.Single(shown.GetProperty("messages").EnumerateArray());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Encoded_subjects_and_transfer_encoded_bodies_are_stored_decoded(string provider)
    {
        var (db, cli) = await SetUp(provider);
        await using var _ = db;

        foreach (var (fixture, subject, text) in new[]
        {
            ("core/subject-utf8.eml", "Drucker kaputt – bitte helfen 🙏", "Grüße aus Köln."),
            ("core/subject-latin1.eml", "Problème d'accès à l'imprimante", "à imprimer"),
            ("core/body-quoted-printable.eml", "Quoted-printable body", "instead of dollars."),
            ("core/body-base64.eml", "Base64 body", "“Error 42”"),
            ("core/html-only.eml", "HTML only", "VPN"),
            ("core/headers-only.eml", "Laptop will not boot", ""),
        })
        {
            var result = CliJson.Single(await cli.RunAsync(Fixture.Bytes(fixture), "process", "--json"));
            var stored = CliJson.Parse((await cli.RunAsync("tickets", "show", result.Str("ticket"), "--json")).Stdout);
            Assert.Equal(subject, stored.Str("subject"));
            Assert.Contains(text, stored.GetProperty("messages")[0].Str("text"), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("core/empty.eml")]
    [InlineData("core/garbage.bin")]
    [InlineData("core/no-sender.eml")]
    public async Task Unusable_input_exits_65_with_one_line_on_stderr(string fixture)
    {
        var (db, cli) = await SetUp(TestDatabase.Sqlite);
        await using var _ = db;

        var output = await cli.RunAsync(Fixture.Bytes(fixture), "process");

        Assert.Equal(65, output.ExitCode);
        Assert.Single(output.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("ticketmail: ", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", output.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dry_run_routes_and_prints_but_stores_nothing()
    {
        var (db, cli) = await SetUp(TestDatabase.Sqlite);
        await using var _ = db;

        var first = CliJson.Single(await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process", "--json", "--dry-run"));
        var second = CliJson.Single(await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process", "--json", "--dry-run"));

        Assert.Equal("created", first.Str("action"));
        Assert.True(first.GetProperty("dryRun").GetBoolean());
        Assert.Equal("created", second.Str("action"));
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error()
    {
        var (db, cli) = await SetUp(TestDatabase.Sqlite);
        await using var _ = db;

        Assert.Equal(64, (await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process", "--no-such-option")).ExitCode);
        Assert.Equal(64, (await cli.RunAsync("frobnicate")).ExitCode);
    }

    [Fact]
    public async Task With_no_database_configured_a_SQLite_file_is_created_in_the_users_data_folder()
    {
        using var home = new TempFolder("ticketmail-home");
        var cli = TicketMail.TestKit.Cli.For("").With("TICKETMAIL_DB", null).With("HOME", home.Path).With("XDG_DATA_HOME", null);

        var output = await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process");

        Assert.Equal(0, output.ExitCode);
        Assert.True(File.Exists(Path.Combine(home.Path, ".local", "share", "ticketmail", "tickets.db")), output.ToString());
    }

    [Fact]
    public async Task An_unreachable_PostgreSQL_exits_75_with_one_line()
    {
        var cli = TicketMail.TestKit.Cli.For("Host=127.0.0.1;Port=1;Database=none;Username=nobody").With("TICKETMAIL_DB_TIMEOUT", "2");

        var output = await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process");

        Assert.Equal(75, output.ExitCode);
        Assert.Contains("ticketmail: database unavailable", output.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_processes_all_append_their_event_to_one_log_file()
    {
        var (db, cli) = await SetUp(TestDatabase.Sqlite);
        await using var _ = db;
        using var folder = new TempFolder("ticketmail-log");
        var log = folder.File("ticketmail.log");
        var logged = cli.ForConcurrentStart().With("TICKETMAIL_LOG", log);

        var outputs = await Task.WhenAll(Enumerable.Range(0, 6)
            .Select(i => logged.RunAsync(TicketMail.TestKit.Mail.From($"user{i}@customer.example").Bytes(), "process")));

        Assert.All(outputs, o => Assert.Equal(0, o.ExitCode));
        Assert.Equal(6, File.ReadAllLines(log).Count(l => l.Contains("[INF] created ticket", StringComparison.Ordinal)));
    }
}
